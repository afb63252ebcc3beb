/**
 * The compatibility suite for the provider plugin: this build packed by `npm pack` and installed into a
 * JavaScript program (tests/cli/fixtures/plugin-packaged-program, on the class of
 * `pulumi-alicloud-live/plugin`) with the *current* set's @pulumi/pulumi, the plugin found as
 * `node_modules/.bin/pulumi-resource-alicloud-live` on PATH, so it runs on the set's Node with the set's
 * generated protobuf code and its own installed dependencies.
 * One stack lifecycle: create, empty preview, update in place, drift caught and refreshed, replace,
 * `pulumi import`, secrets, destroy. Every reported line names the set's Node, SDK and CLI versions.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { LiveClient } from "../../provider/client/live-client";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/properties";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { currentSet, labelTests, type SetRun } from "./support/cli";
import { RESOURCE_TYPE } from "./support/plugin";
import { assertNoSecretAnywhere, EmulatorCloud } from "./support/emulator-cloud";
import { copyFixture, PackedPackage } from "./support/programs";
import { startUserAgentRecorder, type UserAgentRecorder } from "./support/user-agent-recorder";
import { createdThroughPlugin, driftIsCaughtAndRestored, replacesCreateBeforeDelete, updatesInPlace, type PluginStack } from "./support/plugin-steps";
import { runPulumi, type ExpectedExit } from "./support/run-pulumi";

const STACK = "plugin-current";
const PROJECT = "alicloud-live-plugin-packaged";
const KEY = "PluginCompatKey0042";
const PLUGIN = "pulumi-resource-alicloud-live";
const callbackUrl = (domain: string) => `https://callbacks.example.com/${domain}/record`;

interface Spec {
    readonly name: string;
    readonly domainName: string;
    readonly notifyUrl: string;
    readonly needStatusNotify?: boolean;
    readonly keyed?: boolean;
}

const spec = (name: string, domainName: string, extra: Partial<Spec> = {}): Spec => ({
    name,
    domainName,
    notifyUrl: callbackUrl(domainName),
    ...extra,
});
const SIGNED = spec("signed", "signed.example.com", { keyed: true });
const PLAIN = spec("plain", "plain.example.com");

describe("cli compat: the provider plugin of the packed package on the current version set", function () {
    this.timeout(600_000);
    let run: SetRun;
    let tmp: string;
    let emulator: RunningEmulator;
    let recorder: UserAgentRecorder;
    let live: EmulatorCloud;
    let client: LiveClient;
    let workspace: PulumiWorkspace;
    let bin: string;
    const outputs: CommandResult[] = [];

    const pulumi = (args: string[], expect: ExpectedExit = 0) => runPulumi(workspace, args, { stack: STACK, outputs, expect, label: run.label });
    const declare = (specs: readonly Spec[]) => workspace.setConfig(STACK, `${PROJECT}:resources`, JSON.stringify(specs));
    const stateOf = async () => (await workspace.exportState(STACK)).deployment.resources ?? [];
    const stack = (): PluginStack<Spec> => ({
        pulumi: (args, expect) => pulumi(args, expect),
        declare: (specs) => declare(specs),
        stateOf: () => stateOf(),
        live,
        client,
    });

    before(async function () {
        this.timeout(60 * 60_000); // a cold CLI build on 2 cores
        run = await currentSet();
        labelTests(this, run.label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-plugin-current-"));
        emulator = await startEmulator({ host: "127.0.0.1", accounts: [DEMO_ACCOUNT] });
        recorder = await startUserAgentRecorder(emulator.url);
        live = new EmulatorCloud(new EmulatorAdmin(emulator.url));
        client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        const program = copyFixture("plugin-packaged-program", path.join(tmp, "program"));
        await new PackedPackage(tmp).installInto(program, run.sdkDir);
        bin = path.join(program, "node_modules", ".bin");
        assert.ok(fs.existsSync(path.join(bin, PLUGIN)), `npm linked ${PLUGIN} into node_modules/.bin`);
        workspace = new PulumiWorkspace({ cli: run.cli, projectDir: program, env: { PATH: `${bin}${path.delimiter}${run.env.PATH}` } });
        await workspace.ok(["stack", "init", STACK]);
        // Only the plugin's calls go through the recorder: its User-Agent names the Node it runs on.
        await workspace.setConfig(STACK, "alicloud-live:endpoint", recorder.url);
        await workspace.setConfig(STACK, "alicloud-live:accessKey", DEMO_ACCOUNT.accessKeyId);
        await workspace.setConfig(STACK, "alicloud-live:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
    });

    after(async () => {
        await workspace?.cleanup();
        await recorder?.close();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("up creates two configs through the installed plugin, on the set's Node; preview right after is empty", async () => {
        await declare([SIGNED, PLAIN]);
        const since = await live.lastSeq();
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /3 created/);
        assert.ok(up.output.includes(path.join(bin, PLUGIN)), "the engine ran the installed package's plugin");
        // Independent resources: created in parallel, in either order.
        assert.deepEqual((await live.writesSince(since)).sort(), [
            `AddLiveRecordNotifyConfig ${PLAIN.domainName}`,
            `AddLiveRecordNotifyConfig ${SIGNED.domainName}`,
        ]);
        await createdThroughPlugin(stack(), SIGNED, KEY);
        // The program ran on the set's Node and SDK; the plugin process sent its calls from the set's Node.
        const { stdout } = await workspace.ok(["stack", "output", "--json", "--stack", STACK]);
        const ran = JSON.parse(stdout) as { node: string; sdk: string };
        assert.deepEqual({ node: ran.node, sdk: ran.sdk }, { node: run.ran.node, sdk: run.ran.sdk });
        const agents = [...recorder.agents];
        assert.ok(agents.length > 0, "the plugin's calls went through the recorder");
        for (const agent of agents) assert.ok(agent.includes(`Node.js/${run.ran.node} `), `the plugin ran on ${run.ran.node}: ${agent}`);
        const preview = await pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
    });

    it("a change updates in place: one Update call", async () => {
        await updatesInPlace(stack(), SIGNED, PLAIN);
    });

    it("drift: preview --refresh --expect-no-changes fails naming the property and value; refresh takes it in; up restores it", async () => {
        await driftIsCaughtAndRestored(stack(), PLAIN);
    });

    it("a new domainName replaces (create before delete); pulumi import adopts an out-of-band config, empty preview once declared", async () => {
        const moved = await replacesCreateBeforeDelete(stack(), SIGNED, PLAIN, "moved.example.com");

        const byhand = spec("byhand", "byhand.example.com", { needStatusNotify: true });
        await client.add({ domainName: byhand.domainName, notifyUrl: byhand.notifyUrl, needStatusNotify: true });
        const imported = await pulumi(["import", RESOURCE_TYPE, byhand.name, byhand.domainName, "--yes", "--generate-code=false"]);
        assert.match(imported.stdout, /1 imported/);
        assert.equal((await stateOf()).find((r) => r.id === byhand.domainName)!.inputs!.notifyUrl, byhand.notifyUrl, "import records the inputs");
        await declare([SIGNED, moved, byhand]);
        await pulumi(["preview", "--expect-no-changes"]);
        // `pulumi import` protects what it adopts; an up takes the program's options, writing nothing.
        const afterImport = await live.lastSeq();
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await live.writesSince(afterImport), []);
        assert.ok(!(await stateOf()).find((r) => r.id === byhand.domainName)!.protect, "the program's options hold");
    });

    it("secrets: the key only as ciphertext in stack export; destroy removes every config, no secret in any output or file", async () => {
        const plain = await workspace.exportState(STACK);
        assert.ok(!plain.text.includes(KEY), "no plaintext key in the exported state");
        const signed = plain.deployment.resources!.find((r) => r.id === SIGNED.domainName)!;
        for (const bag of [signed.inputs!, signed.outputs!]) {
            const secret = bag.notifyAuthKey as Record<string, unknown>;
            assert.equal(secret[SIG_KEY], SECRET_SIG, "a Pulumi secret");
            assert.equal(typeof secret.ciphertext, "string");
        }

        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await live.configs()).size, 0);
        assertNoSecretAnywhere(workspace, outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
