/**
 * examples/basic through the real `pulumi` CLI against the emulator: create, empty preview, update in
 * place, drift caught / refreshed / restored, a config deleted out of band, secrets, destroy.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator, type StoredConfig } from "../../emulator";
import { LiveClient } from "../../provider/client/live-client";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere } from "./support/emulator-cloud";
import { copyExample } from "./support/programs";
import { runPulumi, type ExpectedExit } from "./support/run-pulumi";

const STACK = "basic";
const PROJECT = "alicloud-live-basic";
const DOMAINS = ["live1.example.com", "live2.example.com", "live3.example.com"];
const BASE = "https://callbacks.example.com/live";
const NOTIFY_AUTH_KEY = "BasicCliSuiteKey0042";

describe("cli: examples/basic through the real pulumi CLI", function () {
    this.timeout(600_000);
    let tmp: string;
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let workspace: PulumiWorkspace;
    let client: LiveClient;
    const outputs: CommandResult[] = [];

    const pulumi = (args: string[], expect: ExpectedExit = 0) => runPulumi(workspace, args, { stack: STACK, outputs, expect });
    const cloud = async () => new Map((await admin.configs()).map((c): [string, StoredConfig] => [c.domainName, c]));
    const actionsSince = async (seq: number) => (await admin.requests(seq)).map((r) => `${r.action} ${r.domainName ?? ""}`.trim());
    const lastSeq = async () => (await admin.requests()).at(-1)?.seq ?? 0;

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-basic-"));
        emulator = await startEmulator({ host: "127.0.0.1" });
        admin = new EmulatorAdmin(emulator.url);
        client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        workspace = new PulumiWorkspace({ cli, projectDir: copyExample("basic", path.join(tmp, "basic")) });
        await workspace.ok(["stack", "init", STACK]);
        await workspace.setConfig(STACK, "alicloud-live:endpoint", emulator.url);
        await workspace.setConfig(STACK, "alicloud:accessKey", DEMO_ACCOUNT.accessKeyId);
        await workspace.setConfig(STACK, "alicloud:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        await workspace.setConfig(STACK, `${PROJECT}:domains`, JSON.stringify(DOMAINS));
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, NOTIFY_AUTH_KEY, true);
    });

    after(async () => {
        await workspace?.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("up creates exactly the declared configs", async () => {
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /4 created/);
        const configs = await cloud();
        assert.deepEqual([...configs.keys()].sort(), DOMAINS);
        for (const domain of DOMAINS) {
            const c = configs.get(domain)!;
            assert.equal(c.notifyUrl, `${BASE}/${domain}/record`);
            assert.equal(c.onDemandUrl, `${BASE}/${domain}/on-demand`);
            assert.equal(c.needStatusNotify, false);
            assert.equal(c.notifyReqAuth, domain === DOMAINS[0], domain);
        }
        assert.equal(configs.get(DOMAINS[0])!.notifyAuthKey, NOTIFY_AUTH_KEY);
    });

    it("preview --expect-no-changes right after exits 0 with an empty plan", async () => {
        const preview = await pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /4 unchanged/);
    });

    it("a config change updates in place: one Update call, no Delete, no Add", async () => {
        await workspace.setConfig(STACK, `${PROJECT}:statusNotifyDomains`, JSON.stringify([DOMAINS[1]]));
        const since = await lastSeq();
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 updated/);
        assert.equal((await cloud()).get(DOMAINS[1])!.needStatusNotify, true);
        const writes = (await actionsSince(since)).filter((a) => !a.startsWith("Describe"));
        assert.deepEqual(writes, [`UpdateLiveRecordNotifyConfig ${DOMAINS[1]}`]);
    });

    it("drift: preview --refresh --expect-no-changes fails naming the property; refresh takes it in; up restores it", async () => {
        const drifted = `https://elsewhere.example.net/${DOMAINS[2]}/on-demand`;
        const { config } = await client.describe({ domainName: DOMAINS[2] });
        await client.update({ ...config, onDemandUrl: drifted });

        const preview = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(preview.output, /onDemandUrl/);
        assert.ok(preview.output.includes(drifted), "the drifted value is shown");

        await pulumi(["refresh", "--yes", "--skip-preview"]);
        const state = await workspace.exportState(STACK);
        const resource = state.deployment.resources!.find((r) => r.id === DOMAINS[2])!;
        assert.equal(resource.outputs!.onDemandUrl, drifted, "the state holds what the cloud holds");

        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal((await cloud()).get(DOMAINS[2])!.onDemandUrl, `${BASE}/${DOMAINS[2]}/on-demand`);
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("a config deleted out of band: refresh drops it, up --refresh recreates it", async () => {
        await client.delete({ domainName: DOMAINS[1] });
        await pulumi(["refresh", "--yes", "--skip-preview"]);
        const ids = (await workspace.exportState(STACK)).deployment.resources!.map((r) => r.id);
        assert.ok(!ids.includes(DOMAINS[1]), "refresh dropped the deleted config from the state");

        const up = await pulumi(["up", "--refresh", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 created/);
        const configs = await cloud();
        assert.equal(configs.size, 3);
        assert.equal(configs.get(DOMAINS[1])!.needStatusNotify, true);
    });

    it("notifyAuthKey is ciphertext in `stack export` and shown with --show-secrets", async () => {
        const plain = await workspace.exportState(STACK);
        assert.ok(!plain.text.includes(NOTIFY_AUTH_KEY), "no plaintext key in the exported state");
        const signed = plain.deployment.resources!.find((r) => r.id === DOMAINS[0])!;
        const secretValue = signed.outputs!.notifyAuthKey as Record<string, unknown>;
        assert.equal(secretValue["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "a Pulumi secret");
        assert.equal(typeof secretValue.ciphertext, "string");

        const shown = await workspace.exportState(STACK, true);
        assert.ok(shown.text.includes(NOTIFY_AUTH_KEY), "--show-secrets decrypts it");
    });

    it("destroy removes every config; no secret in any output, state, log or stack file", async () => {
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await cloud()).size, 0);
        assertNoSecretAnywhere(workspace, outputs, [DEMO_ACCOUNT.accessKeySecret, NOTIFY_AUTH_KEY]);
    });
});
