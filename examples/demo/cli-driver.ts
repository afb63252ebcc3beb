/**
 * Runs the demo's operations with the real Pulumi CLI, when it is on PATH: a file backend in a temp
 * directory, a throwaway passphrase, the example directory as the project.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as plan from "./cli-plan";
import type { DemoDriver, OperationOutcome } from "./driver";
import { STACK, type DemoConfigEntry } from "./scenario";

/** One CLI command's deadline (the first run may install nothing, but a cold start is slow). */
export const CLI_COMMAND_TIMEOUT_MS = 300_000;

/** The `pulumi` executable, when one runs. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const probe = spawnSync("pulumi", ["version"], { env, encoding: "utf8", timeout: 30_000 });
    return probe.status === 0 ? "pulumi" : undefined;
}

export interface CliDriverOptions {
    readonly executable: string;
    /** The example's project directory (examples/basic in the repository). */
    readonly projectDir: string;
    readonly print: (line: string) => void;
}

export class CliDriver implements DemoDriver {
    readonly description: string;
    private readonly backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-demo-backend-"));
    private readonly env: NodeJS.ProcessEnv;
    private initialized = false;

    constructor(private readonly options: CliDriverOptions) {
        this.description = `Using the Pulumi CLI (${options.executable}) with a local file backend in ${this.backendDir}.`;
        this.env = { ...process.env, ...plan.cliEnv({ backendDir: this.backendDir, passphrase: randomBytes(16).toString("hex") }) };
    }

    async setConfig(entries: readonly DemoConfigEntry[]): Promise<void> {
        if (!this.initialized) {
            await this.exec(plan.stackInit(STACK));
            this.initialized = true;
        }
        for (const e of entries) {
            const ok = await this.exec(plan.configSet(STACK, e));
            if (!ok) throw new Error(`could not set ${e.key}`);
        }
    }

    async up(): Promise<OperationOutcome> {
        return { ok: await this.exec(plan.up(STACK)) };
    }

    async previewExpectNoChanges(): Promise<OperationOutcome> {
        return { ok: await this.exec(plan.previewExpectNoChanges(STACK)) };
    }

    async refresh(): Promise<OperationOutcome> {
        return { ok: await this.exec(plan.refresh(STACK)) };
    }

    async destroy(): Promise<OperationOutcome> {
        return { ok: await this.exec(plan.destroy(STACK)) };
    }

    async cleanup(): Promise<void> {
        if (this.initialized) await this.exec(plan.stackRm(STACK)).catch(() => false);
        fs.rmSync(this.backendDir, { recursive: true, force: true });
    }

    /** Runs one command, printing its output; resolves true on exit status 0. */
    private exec(command: plan.CliCommand): Promise<boolean> {
        this.options.print(`  $ ${command.title}`);
        return new Promise((resolve) => {
            const child = spawn(this.options.executable, [...command.args], {
                cwd: this.options.projectDir,
                env: this.env,
                stdio: ["pipe", "pipe", "pipe"],
            });
            const timer = setTimeout(() => child.kill("SIGKILL"), CLI_COMMAND_TIMEOUT_MS);
            const echo = (chunk: Buffer) => {
                for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) this.options.print(`  | ${line}`);
            };
            child.stdout.on("data", echo);
            child.stderr.on("data", echo);
            child.stdin.end(command.stdin ?? "");
            child.once("error", () => resolve(false));
            child.once("close", (code) => {
                clearTimeout(timer);
                resolve(code === 0);
            });
        });
    }
}
