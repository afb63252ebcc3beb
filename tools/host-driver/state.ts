/**
 * The engine stand-in's stack state: what the real engine keeps in a checkpoint, reduced to what a
 * dynamic provider needs (resources by URN with type, name, id, inputs, outputs) plus the stack's
 * exported outputs. In memory, values are plain and secretness is a list of keys; in the file,
 * secret values are base64-encoded behind a marker (see secrets.ts: not encryption).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { decodeSecretKeys, encodeSecretKeys } from "./secrets";
import type { PropertyMap } from "./struct";

export const STATE_VERSION = 1;

/** Resource options the stand-in honours (read from the program's registration request). */
export interface ResourceOptions {
    readonly deleteBeforeReplace?: boolean;
    readonly retainOnDelete?: boolean;
    /** Top-level input keys whose new values are replaced by the old ones before Check and Diff. */
    readonly ignoreChanges?: readonly string[];
    readonly additionalSecretOutputs?: readonly string[];
    readonly protect?: boolean;
}

export interface ResourceState {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly id: string;
    /** The checked inputs, including `__provider` (the code the next Check/Diff/Update runs). */
    readonly inputs: PropertyMap;
    /** The outputs, including `__provider` (the code Read and Delete run). */
    readonly outputs: PropertyMap;
    readonly secretInputs: readonly string[];
    readonly secretOutputs: readonly string[];
    /** URNs this resource depends on; deletes run dependents first. */
    readonly dependencies: readonly string[];
    readonly options: ResourceOptions;
    /** Set when the provider created the resource but reported it failed to initialise. */
    readonly initErrors?: readonly string[];
    /** The old half of a create-before-delete replacement, deleted at the end of the update. */
    readonly pendingDelete?: boolean;
}

export interface StackState {
    readonly version: typeof STATE_VERSION;
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly ResourceState[];
    /** The program's exports. */
    readonly outputs: PropertyMap;
    readonly secretOutputs: readonly string[];
}

export function emptyState(project: string, stack: string): StackState {
    return { version: STATE_VERSION, project, stack, resources: [], outputs: {}, secretOutputs: [] };
}

type StoredResource = Omit<ResourceState, "secretInputs" | "secretOutputs">;
interface StoredState extends Omit<StackState, "resources" | "secretOutputs"> {
    readonly resources: readonly StoredResource[];
}

/** The JSON written to disk: secret values encoded, no plain secret anywhere. */
export function serializeState(state: StackState): string {
    const stored: StoredState = {
        version: state.version,
        project: state.project,
        stack: state.stack,
        outputs: encodeSecretKeys(state.outputs, state.secretOutputs),
        resources: state.resources.map(({ secretInputs, secretOutputs, ...r }) => ({
            ...r,
            inputs: encodeSecretKeys(r.inputs, secretInputs),
            outputs: encodeSecretKeys(r.outputs, secretOutputs),
        })),
    };
    return JSON.stringify(stored, null, 2) + "\n";
}

export function parseState(text: string): StackState {
    const stored = JSON.parse(text) as StoredState;
    if (stored.version !== STATE_VERSION) {
        throw new Error(`unsupported state version ${String(stored.version)} (expected ${String(STATE_VERSION)})`);
    }
    const outputs = decodeSecretKeys(stored.outputs ?? {});
    return {
        version: STATE_VERSION,
        project: stored.project,
        stack: stored.stack,
        outputs: outputs.values,
        secretOutputs: outputs.secretKeys,
        resources: stored.resources.map((r) => {
            const inputs = decodeSecretKeys(r.inputs);
            const outs = decodeSecretKeys(r.outputs);
            return {
                ...r,
                dependencies: r.dependencies ?? [],
                options: r.options ?? {},
                inputs: inputs.values,
                outputs: outs.values,
                secretInputs: inputs.secretKeys,
                secretOutputs: outs.secretKeys,
            };
        }),
    };
}

/** Reads a state file; a missing file is an empty stack. */
export function loadState(file: string, project: string, stack: string): StackState {
    if (!fs.existsSync(file)) return emptyState(project, stack);
    return parseState(fs.readFileSync(file, "utf8"));
}

/** Writes atomically (temp file, then rename), so a crash never leaves half a state file. */
export function saveState(file: string, state: StackState): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, serializeState(state), { mode: 0o600 });
    fs.renameSync(tmp, file);
}

/** How often, at most, a checkpointer writes the state file while an operation runs. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 200;

export interface Checkpointer {
    /** Records the newest state; it is written within `intervalMs`. */
    checkpoint(state: StackState): void;
    /** Writes the newest recorded state now, if it has not been written. */
    flush(): void;
}

/**
 * Checkpoints like the engine, which saves after every step, but coalesced: rewriting the whole file
 * after each of n steps costs O(n^2) bytes on big stacks. A crash loses at most `intervalMs` of steps.
 */
export function createCheckpointer(file: string, intervalMs: number = DEFAULT_CHECKPOINT_INTERVAL_MS): Checkpointer {
    let pending: StackState | undefined;
    let timer: NodeJS.Timeout | undefined;
    let lastWrite = 0;
    const write = () => {
        timer = undefined;
        if (!pending) return;
        saveState(file, pending);
        pending = undefined;
        lastWrite = Date.now();
    };
    return {
        checkpoint(state) {
            pending = state;
            timer ??= setTimeout(write, Math.max(0, lastWrite + intervalMs - Date.now()));
        },
        flush() {
            if (timer) clearTimeout(timer);
            write();
        },
    };
}
