/**
 * The deployment step of the callback-receiver test, behind one small interface so the engine
 * stand-in can be swapped for the real Pulumi CLI without touching the test.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runOperationInChild } from "../../../../examples/engine/run-in-child";

export interface StackConfigEntry {
    readonly value: string;
    readonly secret?: boolean;
}

export interface Deployer {
    /** `pulumi up` with this stack config (namespaced keys); rejects with the output when it fails. */
    up(config: Readonly<Record<string, StackConfigEntry>>): Promise<void>;
    destroy(config: Readonly<Record<string, StackConfigEntry>>): Promise<void>;
    /** Removes the stack's state. */
    cleanup(): void;
}

/** Runs the compiled program through Pulumi's real dynamic-provider host, driven by examples/engine. */
export function engineDeployer(program: string, project: string, stack = "test"): Deployer {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callback-receiver-stack-"));
    const run = async (op: "up" | "destroy", config: Readonly<Record<string, StackConfigEntry>>): Promise<void> => {
        const res = await runOperationInChild({
            op,
            program,
            stateFile: path.join(dir, "state.json"),
            project,
            stack,
            config: Object.fromEntries(Object.entries(config).map(([k, e]) => [k, e.value])),
            secretKeys: Object.entries(config).filter(([, e]) => e.secret).map(([k]) => k),
            // Only the stack config reaches the provider: no credentials from this shell.
            cleanEnv: true,
        });
        if (res.code !== 0) throw new Error(`${op} failed (exit ${res.code ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
    };
    return {
        up: (config) => run("up", config),
        destroy: (config) => run("destroy", config),
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}
