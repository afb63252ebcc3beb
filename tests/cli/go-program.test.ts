/**
 * examples/go, a Pulumi Go program on the generated Go SDK (sdk/go), through the real `pulumi`,
 * `pulumi-language-go` (built from sdk/v3 v3.66.0, see tools/pulumi-cli/recipe.ts) and the provider
 * plugin: up, an empty preview, an update in place, drift caught and refreshed, `.get` of a config
 * the program does not manage, secrets only as ciphertext, destroy.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { LiveClient } from "../../provider/api/client";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere, EmulatorCloud } from "./support/emulator-cloud";
import { PLUGIN_DIR } from "./support/plugin";
import { REPO_ROOT } from "./support/programs";

const STACK = "go";
const PROJECT = "alicloud-live-go";
const KEY = "GoProgramSuiteKey0042";
const BASE = "https://callbacks.example.com/live";
const SDK_MODULE = "github.com/pulumi-alicloud-live/pulumi-alicloud-live/sdk/go";

/** Replaces `from` (which must be there) with `to` in a file. */
function rewrite(file: string, from: string, to: string): void {
    const text = fs.readFileSync(file, "utf8");
    assert.ok(text.includes(from), `${file} no longer holds ${JSON.stringify(from)}`);
    fs.writeFileSync(file, text.replace(from, to));
}

describe("cli: examples/go through pulumi-language-go, the generated Go SDK and the provider plugin", function () {
    // The language host compiles the program on every run (warm Go cache: seconds; cold: minutes).
    this.timeout(1_800_000);
    let tmp: string;
    let emulator: RunningEmulator;
    let live: EmulatorCloud;
    let client: LiveClient;
    let workspace: PulumiWorkspace;
    const outputs: CommandResult[] = [];

    const pulumi = async (args: string[], expectCode: 0 | "non-zero" = 0) => {
        const result = await workspace.run([...args, "--stack", STACK]);
        outputs.push(result);
        if (expectCode === 0) assert.equal(result.code, 0, `pulumi ${args.join(" ")}:\n${result.output.slice(-4000)}`);
        else assert.notEqual(result.code, 0, `pulumi ${args.join(" ")} should fail:\n${result.output.slice(-4000)}`);
        return result;
    };

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        // The repository's CLI folder holds the Go host; your own pulumi on PATH brings its own.
        if (cli.binDir) assert.ok(fs.existsSync(path.join(cli.binDir, "pulumi-language-go")), `no pulumi-language-go in ${cli.binDir}`);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-go-"));
        const projectDir = path.join(tmp, "go");
        fs.cpSync(path.join(REPO_ROOT, "examples", "go"), projectDir, { recursive: true });
        // The example names the plugin's folder and the SDK relative to itself; the copy names them absolutely.
        rewrite(path.join(projectDir, "Pulumi.yaml"), "path: ../../bin\n", `path: ${PLUGIN_DIR}\n`);
        rewrite(path.join(projectDir, "go.mod"), `${SDK_MODULE} => ../../sdk/go`, `${SDK_MODULE} => ${path.join(REPO_ROOT, "sdk", "go")}`);

        emulator = await startEmulator({ host: "127.0.0.1" });
        live = new EmulatorCloud(new EmulatorAdmin(emulator.url));
        client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        // The go.sum is committed: build with it as it is, and never switch Go toolchains.
        workspace = new PulumiWorkspace({ cli, projectDir, env: { GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local" } });
        await workspace.ok(["stack", "init", STACK]);
        await workspace.setConfig(STACK, "alicloud-live:endpoint", emulator.url);
        await workspace.setConfig(STACK, "alicloud-live:accessKey", DEMO_ACCOUNT.accessKeyId);
        await workspace.setConfig(STACK, "alicloud-live:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
    });

    after(async () => {
        await workspace?.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("up creates both configs, the key in the cloud and only as ciphertext in state; preview right after is empty", async () => {
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /3 created/);
        assert.match(up.stdout, /signedNotifyUrl\s*: "https:\/\/callbacks\.example\.com\/live\/live1\.example\.com\/record"/);
        const configs = await live.configs();
        assert.equal(configs.get("live1.example.com")!.notifyAuthKey, KEY);
        assert.equal(configs.get("live1.example.com")!.notifyReqAuth, true);
        assert.equal(configs.get("live2.example.com")!.notifyReqAuth, false);
        assert.equal(configs.get("live2.example.com")!.onDemandUrl, `${BASE}/live2.example.com/on-demand`);
        const state = await workspace.exportState(STACK);
        assert.ok(!state.text.includes(KEY), "no plaintext key in the exported state");
        const preview = await pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
    });

    it("a config change updates both in place, Update calls only", async () => {
        const since = await live.lastSeq();
        await workspace.setConfig(STACK, `${PROJECT}:needStatusNotify`, "true");
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /2 updated/);
        assert.deepEqual((await live.writesSince(since)).sort(), [
            "UpdateLiveRecordNotifyConfig live1.example.com",
            "UpdateLiveRecordNotifyConfig live2.example.com",
        ]);
    });

    it("drift is caught by preview --refresh --expect-no-changes, refresh takes it in, up restores it", async () => {
        const { config } = await client.describe({ domainName: "live2.example.com" });
        await client.update({ ...config, needStatusNotify: false });
        const preview = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(preview.output, /needStatusNotify/);
        await pulumi(["refresh", "--yes", "--skip-preview"]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal((await live.configs()).get("live2.example.com")!.needStatusNotify, true);
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("GetLiveRecordNotifyConfig reads a config made out of band, without writing it", async () => {
        const domain = "byhand.example.com";
        await client.add({ domainName: domain, notifyUrl: `${BASE}/${domain}/record` });
        await workspace.setConfig(STACK, `${PROJECT}:readDomain`, domain);
        const since = await live.lastSeq();
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /existingNotifyUrl\s*: "https:\/\/callbacks\.example\.com\/live\/byhand\.example\.com\/record"/);
        assert.deepEqual(await live.writesSince(since), []);
        const read = (await workspace.exportState(STACK)).deployment.resources?.find((r) => r.id === domain);
        assert.ok(read, "the read config is in the state");
    });

    it("destroy removes the two managed configs, leaves the one only read; no secret in any output, state, log or stack file", async () => {
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual([...(await live.configs()).keys()], ["byhand.example.com"]);
        assertNoSecretAnywhere(workspace, outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
