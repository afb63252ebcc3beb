/**
 * One of the repository's example programs (examples/yaml, examples/go, examples/python) as the
 * plugin suites drive it: a copy in a temporary folder, an emulator as the cloud, stacks configured
 * with its endpoint and the demo account, and `pulumi` runs that keep their output for the secret
 * checks. The suites differ in their program and their checks, not in this.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../emulator";
import { LiveClient } from "../../../provider/client/live-client";
import type { PulumiCli } from "../../../tools/pulumi-cli/obtain";
import { PulumiWorkspace, type CommandResult } from "../../../tools/pulumi-cli/workspace";
import { EmulatorCloud } from "./emulator-cloud";
import { REPO_ROOT } from "./programs";
import { runPulumi, type ExpectedExit } from "./run-pulumi";

export interface ExampleStackOptions {
    readonly cli: PulumiCli;
    /** The folder under examples/ (e.g. `python`, `recording-chain/python`). */
    readonly example: string;
    /** The stacks to create; the first is the one `pulumi()` runs on by default. */
    readonly stacks: readonly string[];
    /** Adapts the copy before anything runs (e.g. names the plugin's folder absolutely, or runs `go get`). */
    readonly prepare?: (projectDir: string) => void | Promise<void>;
    /** Extra environment of every `pulumi` run. */
    readonly env?: Readonly<Record<string, string>>;
    /** The emulator's options beyond its loopback host (e.g. `deliver`, to route callbacks to a local receiver). */
    readonly emulator?: EmulatorOptions;
}

export interface ExampleStack {
    /** The stack `pulumi()` runs on by default. */
    readonly stack: string;
    readonly projectDir: string;
    readonly emulator: RunningEmulator;
    readonly admin: EmulatorAdmin;
    readonly live: EmulatorCloud;
    readonly client: LiveClient;
    readonly workspace: PulumiWorkspace;
    /** Every run's result, for the checks that no secret appears in any output. */
    readonly outputs: CommandResult[];
    /** `pulumi <args> --stack <stack>`, asserting its exit code. */
    pulumi(args: string[], expect?: ExpectedExit, stack?: string): Promise<CommandResult>;
    cleanup(): Promise<void>;
}

/** Replaces `from` (which must be there) with `to` in a file. */
export function rewrite(file: string, from: string | RegExp, to: string): void {
    const text = fs.readFileSync(file, "utf8");
    assert.ok(typeof from === "string" ? text.includes(from) : from.test(text), `${file} no longer holds ${String(from)}`);
    fs.writeFileSync(file, text.replace(from, to));
}

export async function startExampleStack(options: ExampleStackOptions): Promise<ExampleStack> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `cli-${options.example.replace(/\//g, "-")}-`));
    const projectDir = path.join(tmp, options.example);
    fs.cpSync(path.join(REPO_ROOT, "examples", options.example), projectDir, { recursive: true });
    try {
        await options.prepare?.(projectDir);
    } catch (error) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw error;
    }
    const emulator = await startEmulator({ ...options.emulator, host: "127.0.0.1" });
    const admin = new EmulatorAdmin(emulator.url);
    const workspace = new PulumiWorkspace({ cli: options.cli, projectDir, env: options.env });
    const outputs: CommandResult[] = [];
    const cleanup = async () => {
        await workspace.cleanup();
        await emulator.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
    };
    try {
        for (const stack of options.stacks) {
            await workspace.ok(["stack", "init", stack]);
            await workspace.setConfig(stack, "alicloud-live:endpoint", emulator.url);
            await workspace.setConfig(stack, "alicloud-live:accessKey", DEMO_ACCOUNT.accessKeyId);
            await workspace.setConfig(stack, "alicloud-live:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        }
    } catch (error) {
        await cleanup();
        throw error;
    }
    return {
        stack: options.stacks[0],
        projectDir,
        emulator,
        admin,
        live: new EmulatorCloud(admin),
        client: new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT }),
        workspace,
        outputs,
        pulumi: (args, expect = 0, stack = options.stacks[0]) => runPulumi(workspace, args, { stack, outputs, expect }),
        cleanup,
    };
}
