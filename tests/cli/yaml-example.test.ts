/**
 * examples/yaml, a Pulumi YAML program, through the real `pulumi`, `pulumi-language-yaml` and the
 * provider plugin (found through the program's `plugins.providers` path): up, an empty preview, an
 * update in place, drift caught and refreshed, replace on `domainName` both ways, secrets, destroy.
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

const STACK = "yaml";
const PROJECT = "alicloud-live-yaml";
const KEY = "YamlExampleSuiteKey42";
const BASE = "https://callbacks.example.com/live";

describe("cli: examples/yaml through pulumi-language-yaml and the provider plugin", function () {
    this.timeout(600_000);
    let tmp: string;
    let projectFile: string;
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
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
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-yaml-"));
        const projectDir = path.join(tmp, "yaml");
        fs.cpSync(path.join(REPO_ROOT, "examples", "yaml"), projectDir, { recursive: true });
        // The example names the plugin's folder relative to itself; the copy names the same folder absolutely.
        projectFile = path.join(projectDir, "Pulumi.yaml");
        const text = fs.readFileSync(projectFile, "utf8");
        assert.match(text, /path: \.\.\/\.\.\/bin\n/);
        fs.writeFileSync(projectFile, text.replace("path: ../../bin\n", `path: ${PLUGIN_DIR}\n`));

        emulator = await startEmulator({ host: "127.0.0.1" });
        admin = new EmulatorAdmin(emulator.url);
        live = new EmulatorCloud(admin);
        client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        workspace = new PulumiWorkspace({ cli, projectDir });
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
        const configs = await live.configs();
        assert.equal(configs.get("live1.example.com")!.notifyAuthKey, KEY);
        assert.equal(configs.get("live2.example.com")!.notifyReqAuth, false);
        assert.equal(configs.get("live2.example.com")!.onDemandUrl, `${BASE}/live2.example.com/on-demand`);
        const state = await workspace.exportState(STACK);
        assert.ok(!state.text.includes(KEY), "no plaintext key in the exported state");
        await pulumi(["preview", "--expect-no-changes"]);
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

    it("a new domain replaces: create-before-delete, then delete-before-replace once the program asks for it", async () => {
        let since = await live.lastSeq();
        await workspace.setConfig(STACK, `${PROJECT}:plainDomain`, "live3.example.com");
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await live.writesSince(since), [
            "AddLiveRecordNotifyConfig live3.example.com",
            "DeleteLiveRecordNotifyConfig live2.example.com",
        ]);

        // The user edits the program: the resource option, as a YAML program writes it.
        const text = fs.readFileSync(projectFile, "utf8");
        const anchor = "      notifyReqAuth: false\n";
        assert.ok(text.includes(anchor));
        fs.writeFileSync(projectFile, text.replace(anchor, `${anchor}    options:\n      deleteBeforeReplace: true\n`));
        since = await live.lastSeq();
        await workspace.setConfig(STACK, `${PROJECT}:plainDomain`, "live2.example.com");
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await live.writesSince(since), [
            "DeleteLiveRecordNotifyConfig live3.example.com",
            "AddLiveRecordNotifyConfig live2.example.com",
        ]);
        assert.deepEqual([...(await live.configs()).keys()].sort(), ["live1.example.com", "live2.example.com"]);
    });

    it("destroy removes both; no secret in any output, state, log or stack file", async () => {
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await live.configs()).size, 0);
        assertNoSecretAnywhere(workspace, outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
