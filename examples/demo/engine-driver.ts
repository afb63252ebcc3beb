/**
 * Runs the demo's operations with the engine stand-in: each operation is a fresh process that runs
 * the compiled example under `setMocks` and drives Pulumi's real dynamic-provider host over gRPC.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runOperationInChild, type ChildOperationOptions } from "../engine/run-in-child";
import type { DemoDriver, OperationOutcome } from "./driver";
import { PROJECT, STACK, type DemoConfigEntry } from "./scenario";

export interface EngineDriverOptions {
    /** The compiled example program (dist/examples/basic). */
    readonly program: string;
    readonly print: (line: string) => void;
}

export class EngineDriver implements DemoDriver {
    readonly description =
        "No `pulumi` CLI on PATH: running the example through Pulumi's real dynamic-provider host,\n" +
        "driven over gRPC by this repository's engine stand-in (examples/engine). Each operation is a fresh process.";
    private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-demo-"));
    private readonly config = new Map<string, DemoConfigEntry>();

    constructor(private readonly options: EngineDriverOptions) {}

    async setConfig(entries: readonly DemoConfigEntry[]): Promise<void> {
        for (const e of entries) {
            this.config.set(e.key, e);
            this.options.print(`  config ${e.key} = ${e.secret ? "[secret]" : e.value}`);
        }
    }

    up(): Promise<OperationOutcome> {
        return this.run("up");
    }

    previewExpectNoChanges(): Promise<OperationOutcome> {
        return this.run("preview", { refresh: true, expectNoChanges: true });
    }

    refresh(): Promise<OperationOutcome> {
        return this.run("refresh");
    }

    destroy(): Promise<OperationOutcome> {
        return this.run("destroy");
    }

    async cleanup(): Promise<void> {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private async run(op: ChildOperationOptions["op"], extra: Partial<ChildOperationOptions> = {}): Promise<OperationOutcome> {
        const entries = [...this.config.values()];
        const res = await runOperationInChild({
            op,
            program: this.options.program,
            stateFile: path.join(this.dir, "state.json"),
            project: PROJECT,
            stack: STACK,
            config: Object.fromEntries(entries.map((e) => [e.key, e.value])),
            secretKeys: entries.filter((e) => e.secret).map((e) => e.key),
            // Only what the stack config says: no credentials from this shell reach the provider.
            cleanEnv: true,
            onLine: (line) => this.options.print(`  | ${line}`),
            ...extra,
        });
        if (!res.result) this.options.print(`  ! the operation crashed (exit ${res.code ?? res.signal}):\n${indent(res.stderr)}`);
        const drifted = res.result?.events.filter((e) => e.kind === "refresh" && e.outcome === "drift").map((e) => e.name);
        return { ok: res.code === 0, drifted };
    }
}

function indent(text: string): string {
    return text
        .trim()
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n");
}
