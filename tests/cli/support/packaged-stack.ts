/**
 * One stack of the packed package's program (tests/cli/fixtures/options-program) against the
 * emulator, run by a chosen version set, the helpers of packaged-program.test.ts around it: declare
 * resources, run `pulumi`, read the cloud, the emulator's write log and the stored provider texts.
 * `switchTo` runs the same program and state with another set: the SDK relinked, the other CLI and
 * Node, the same backend and passphrase (an upgrade, or a downgrade, of Pulumi under existing state).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator, type StoredConfig } from "../../../emulator";
import { LiveClient } from "../../../provider/client/live-client";
import { PulumiWorkspace, type CommandResult } from "../../../tools/pulumi-cli/workspace";
import type { SetRun } from "./cli";
import { copyFixture, linkSdk, PackedPackage } from "./programs";
import { runPulumi, type ExpectedExit } from "./run-pulumi";

export const STACK = "main";
export const NOTIFY_AUTH_KEY = "CompatCliKey0042";
/** The serialized provider of an installed package: a `require` by package name, nothing else. */
export const REQUIRE_FORM = /^exports\.handler = __f0;\nconst provider = require\("pulumi-alicloud-live\/dist\/provider\/dynamic\/handler\.js"\);\n/;

export interface Spec {
    readonly name: string;
    readonly args: Record<string, unknown>;
    readonly signed?: boolean;
    readonly deleteBeforeReplace?: boolean;
    readonly dependsOn?: string[];
}

export const url = (domain: string, what: string) => `https://hooks.example.com/${domain}/${what}`;
export const spec = (name: string, domainName: string, { args, ...options }: Partial<Spec> = {}): Spec => ({
    name,
    args: { domainName, notifyUrl: url(domainName, "record"), ...args },
    ...options,
});

export class PackagedStack {
    readonly tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-compat-"));
    readonly outputs: CommandResult[] = [];
    emulator!: RunningEmulator;
    admin!: EmulatorAdmin;
    client!: LiveClient;
    pkg!: PackedPackage;
    program!: string;
    workspace!: PulumiWorkspace;
    run!: SetRun;
    readonly #workspaces: PulumiWorkspace[] = [];

    /**
     * The emulator, the program with the packed package installed on `run`'s SDK (by npm, or by
     * `install`), and the stack configured.
     */
    async start(run: SetRun, install?: (program: string, pkg: PackedPackage) => Promise<void>): Promise<void> {
        this.run = run;
        this.emulator = await startEmulator({ host: "127.0.0.1", accounts: [DEMO_ACCOUNT] });
        this.admin = new EmulatorAdmin(this.emulator.url);
        this.client = new LiveClient({ endpoint: this.emulator.url, credentials: DEMO_ACCOUNT });
        this.program = copyFixture("options-program", path.join(this.tmp, "program"));
        this.pkg = new PackedPackage(this.tmp);
        if (install) await install(this.program, this.pkg);
        else await this.pkg.installInto(this.program, run.sdkDir);
        this.workspace = this.#workspace(run);
        await this.workspace.ok(["stack", "init", STACK]);
        await this.workspace.setConfig(STACK, "alicloud-live:endpoint", this.emulator.url);
        await this.workspace.setConfig(STACK, "alicloud:accessKey", DEMO_ACCOUNT.accessKeyId);
        await this.workspace.setConfig(STACK, "alicloud:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        await this.workspace.setConfig(STACK, "alicloud-live-options:notifyAuthKey", NOTIFY_AUTH_KEY, true);
    }

    #workspace(run: SetRun, shared?: PulumiWorkspace): PulumiWorkspace {
        const env = shared
            ? { ...run.env, PULUMI_BACKEND_URL: shared.env.PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE: shared.env.PULUMI_CONFIG_PASSPHRASE }
            : run.env;
        const workspace = new PulumiWorkspace({ cli: run.cli, projectDir: this.program, env });
        this.#workspaces.push(workspace);
        return workspace;
    }

    /** The same program and stack state, from now on run by `run`'s CLI, Node and SDK. */
    switchTo(run: SetRun): void {
        linkSdk(this.program, run.sdkDir);
        this.workspace = this.#workspace(run, this.#workspaces[0]);
        this.run = run;
    }

    pulumi(args: string[], expect: ExpectedExit = 0): Promise<CommandResult> {
        return runPulumi(this.workspace, args, { stack: STACK, outputs: this.outputs, expect, label: this.run.label });
    }

    declare(specs: Spec[]): Promise<CommandResult> {
        return this.workspace.setConfig(STACK, "alicloud-live-options:resources", JSON.stringify(specs));
    }

    async cloud(): Promise<Map<string, StoredConfig>> {
        return new Map((await this.admin.configs()).map((c): [string, StoredConfig] => [c.domainName, c]));
    }

    async lastSeq(): Promise<number> {
        return (await this.admin.requests()).at(-1)?.seq ?? 0;
    }

    /** The writes since `seq`, as "Action domain", oldest first (answered calls only). */
    async writesSince(seq: number): Promise<string[]> {
        return (await this.admin.requests(seq))
            .filter((r) => r.status === 200 && !r.action.startsWith("Describe"))
            .map((r) => `${r.action.replace("LiveRecordNotifyConfig", "")} ${r.domainName}`);
    }

    /** The distinct stored `__provider` texts of the stack's dynamic resources. */
    async providerTexts(): Promise<unknown[]> {
        const { deployment } = await this.workspace.exportState(STACK);
        const dynamic = deployment.resources!.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
        return [...new Set(dynamic.flatMap((r) => [r.inputs!.__provider, r.outputs!.__provider]))];
    }

    /** The program's `node` and `sdk` outputs: what really ran it. */
    async programRan(): Promise<{ node: string; sdk: string }> {
        const { stdout } = await this.workspace.ok(["stack", "output", "--json", "--stack", STACK]);
        const outputs = JSON.parse(stdout) as { node: string; sdk: string };
        return { node: outputs.node, sdk: outputs.sdk };
    }

    /** Every folder Pulumi wrote for this stack: the program (its stack files), each set's backend and PULUMI_HOME. */
    get dirs(): string[] {
        return [this.program, ...this.#workspaces.map((w) => w.root)];
    }

    async cleanup(): Promise<void> {
        for (const workspace of this.#workspaces) await workspace.cleanup();
        await this.emulator?.stop();
        fs.rmSync(this.tmp, { recursive: true, force: true });
    }
}
