/**
 * Drives one strategy's provider host through the three phases of the benchmark (create N, update
 * N, delete N), the way the Pulumi engine drives a dynamic provider: Check (and Diff) one resource
 * at a time from the step generator, the Create/Update/Delete steps on up to `parallel` workers.
 *
 * Unlike the engine stand-in (tools/host-driver/engine.ts), a failed step does not stop the others:
 * this is `pulumi up --continue-on-error`, so every operation's fate is counted. A run is bounded by
 * a cut-off time: from then on no step starts, and steps in flight are reported as cut off.
 */
import type { ProviderHost } from "../tools/host-driver/host";
import { createLimit, type Limit } from "../tools/host-driver/limit";
import { HostRpcError } from "../tools/host-driver/rpc-error";
import type { PropertyMap } from "../tools/host-driver/struct";

export type Phase = "create" | "update" | "delete";

export const PHASES: readonly Phase[] = ["create", "update", "delete"];

/** The resource type token of a dynamic resource of `type`, as the SDK registers it. */
export function dynamicTypeToken(type: string): string {
    return `pulumi-nodejs:dynamic/alicloud-live:${type}`;
}

/** The resource type token, as the SDK registers `LiveRecordNotifyConfig` (every resource's unless given another). */
export const RESOURCE_TYPE = dynamicTypeToken("LiveRecordNotifyConfig");

/** Distinct error messages kept per phase, for the report. */
const MAX_ERROR_SAMPLES = 3;
const MAX_ERROR_LENGTH = 300;

export interface PhaseOutcome {
    readonly phase: Phase;
    /** Operations the phase had to do. */
    readonly planned: number;
    readonly succeeded: number;
    /** Operations that ended in an error (Check failures included). */
    readonly failed: number;
    /** Operations still running at the cut-off, or never started because of it. */
    readonly cutOff: number;
    /** Milliseconds from the phase's first Check to its last operation's end (or the cut-off). */
    readonly wallMs: number;
    readonly errorSamples: readonly string[];
}

interface Live {
    /** The type token. */
    readonly type: string;
    readonly id: string;
    readonly inputs: PropertyMap;
    readonly outputs: PropertyMap;
}

const CUT = Symbol("cut");

export interface DriverOptions {
    readonly host: ProviderHost;
    readonly parallel: number;
    /** `Date.now()` value at which the run is cut off. */
    readonly cutOffAt: number;
}

export class PhaseDriver {
    readonly #host: ProviderHost;
    readonly #parallel: number;
    readonly #live = new Map<string, Live>();
    readonly #cutOff: Promise<typeof CUT>;
    readonly #timer: NodeJS.Timeout;
    #isCut = false;

    constructor(options: DriverOptions) {
        if (!Number.isInteger(options.parallel) || options.parallel < 1) {
            throw new RangeError(`parallel must be an integer >= 1, got ${options.parallel}`);
        }
        this.#host = options.host;
        this.#parallel = options.parallel;
        let fire!: () => void;
        this.#cutOff = new Promise((resolve) => {
            fire = () => {
                this.#isCut = true;
                resolve(CUT);
            };
        });
        this.#timer = setTimeout(fire, Math.max(0, options.cutOffAt - Date.now()));
    }

    /** True once the cut-off time has passed. */
    get cut(): boolean {
        return this.#isCut;
    }

    /** Resources the provider created and that are not deleted yet. */
    get liveCount(): number {
        return this.#live.size;
    }

    /** Creates each resource from its inputs (which carry `__provider`), of its type token (default `RESOURCE_TYPE`). */
    create(resources: ReadonlyArray<{ readonly name: string; readonly inputs: PropertyMap; readonly type?: string }>): Promise<PhaseOutcome> {
        return this.#phase("create", resources, async (r, generate, execute) => {
            const type = r.type ?? RESOURCE_TYPE;
            const checked = await generate(() => this.#host.check({ ...this.#ref(r.name, type), olds: {}, news: r.inputs }));
            if (checked === CUT) return CUT;
            if (checked.failures.length > 0) throw new Error(`check: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
            try {
                const created = await execute(() => this.#host.create({ ...this.#ref(r.name, type), properties: checked.inputs }));
                if (created === CUT) return CUT;
                this.#live.set(r.name, { type, id: created.id, inputs: checked.inputs, outputs: created.properties });
            } catch (error) {
                // Created but not initialised: the engine keeps it in state, so it is deleted later.
                const partial = error instanceof HostRpcError ? error.initFailure : undefined;
                if (partial) this.#live.set(r.name, { type, id: partial.id, inputs: checked.inputs, outputs: partial.properties });
                throw error;
            }
            return undefined;
        });
    }

    /** Updates every live resource to the inputs `change` derives from its current inputs. */
    update(change: (name: string, inputs: PropertyMap) => PropertyMap): Promise<PhaseOutcome> {
        const resources = [...this.#live.entries()].map(([name, live]) => ({ name, live }));
        return this.#phase("update", resources, async (r, generate, execute) => {
            const news = change(r.name, r.live.inputs);
            const planned = await generate(async () => {
                const ref = this.#ref(r.name, r.live.type);
                const checked = await this.#host.check({ ...ref, olds: r.live.inputs, news });
                if (checked.failures.length > 0) {
                    throw new Error(`check: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
                }
                const diff = await this.#host.diff({ ...ref, id: r.live.id, olds: r.live.outputs, news: checked.inputs, oldInputs: r.live.inputs });
                return { inputs: checked.inputs, diff };
            });
            if (planned === CUT) return CUT;
            if (planned.diff.changes !== "some" || planned.diff.replaces.length > 0) {
                throw new Error(
                    `diff: expected an in-place update, got changes=${planned.diff.changes} replaces=[${planned.diff.replaces.join(", ")}]`,
                );
            }
            const updated = await execute(() =>
                this.#host.update({
                    ...this.#ref(r.name, r.live.type),
                    id: r.live.id,
                    olds: r.live.outputs,
                    news: planned.inputs,
                    oldInputs: r.live.inputs,
                }),
            );
            if (updated === CUT) return CUT;
            this.#live.set(r.name, { type: r.live.type, id: r.live.id, inputs: planned.inputs, outputs: updated.properties });
            return undefined;
        });
    }

    /** Deletes every live resource (no Check: `pulumi destroy` does not run the program). */
    delete(): Promise<PhaseOutcome> {
        const resources = [...this.#live.entries()].map(([name, live]) => ({ name, live }));
        return this.#phase("delete", resources, async (r, _generate, execute) => {
            const done = await execute(() =>
                this.#host.delete({ ...this.#ref(r.name, r.live.type), id: r.live.id, properties: r.live.outputs, oldInputs: r.live.inputs }),
            );
            if (done === CUT) return CUT;
            this.#live.delete(r.name);
            return undefined;
        });
    }

    /** Stops the cut-off timer. Steps still in flight are left to the host's shutdown. */
    close(): void {
        clearTimeout(this.#timer);
    }

    async #phase<R>(
        phase: Phase,
        resources: readonly R[],
        step: (r: R, generate: Guarded, execute: Guarded) => Promise<typeof CUT | undefined>,
    ): Promise<PhaseOutcome> {
        const started = Date.now();
        const generate = this.#guarded(createLimit(1));
        const execute = this.#guarded(createLimit(this.#parallel));
        let succeeded = 0;
        let failed = 0;
        let cutOff = 0;
        const samples = new Set<string>();
        const steps = resources.map(async (r) => {
            try {
                if ((await step(r, generate, execute)) === CUT) cutOff++;
                else succeeded++;
            } catch (error) {
                if (this.#isCut) {
                    cutOff++;
                    return;
                }
                failed++;
                if (samples.size < MAX_ERROR_SAMPLES) samples.add(sample(error));
            }
        });
        // At the cut-off, stop waiting: steps in flight may sleep for minutes.
        const all = Promise.all(steps);
        const ended = await Promise.race([all.then(() => "done" as const), this.#cutOff]);
        if (ended === CUT) cutOff = resources.length - succeeded - failed;
        return {
            phase,
            planned: resources.length,
            succeeded,
            failed,
            cutOff,
            wallMs: Date.now() - started,
            errorSamples: [...samples],
        };
    }

    /** A limit whose tasks do not start after the cut-off, and resolve to CUT when it passes while they run. */
    #guarded(limit: Limit): Guarded {
        return <T>(task: () => Promise<T>) =>
            limit(async () => {
                if (this.#isCut) return CUT;
                const running = task();
                // A task cut off may still reject later, when the host is stopped.
                running.catch(() => undefined);
                return Promise.race([running, this.#cutOff]);
            });
    }

    #ref(name: string, type: string) {
        return { urn: `urn:pulumi:bench::bench::${type}::${name}`, name, type };
    }
}

type Guarded = <T>(task: () => Promise<T>) => Promise<T | typeof CUT>;

/** The first line of an error's message, bounded. */
function sample(error: unknown): string {
    const text = error instanceof HostRpcError ? error.details : error instanceof Error ? error.message : String(error);
    const line = text.split("\n")[0] ?? "";
    return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH)}…` : line;
}
