/**
 * examples/go from a Go user's starting point, through the real `pulumi` and `pulumi-language-go` (built
 * from sdk/v3 v3.66.0, see tools/pulumi-cli/recipe.ts): the Go SDK added with `go get` from a module proxy
 * serving it as released (tests/support/go-user-module.ts), a fresh PULUMI_HOME, no `node` on PATH, and
 * the plugin downloaded by the engine from the SDK's `pluginDownloadURL`, sent to the loopback server
 * holding the archive. Then up, an empty preview, an update in place, drift caught and refreshed, a
 * replacement, `.get` of a config the program does not manage, secrets only as ciphertext, destroy.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_ACCOUNT } from "../../emulator";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere } from "./support/emulator-cloud";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { needStatusNotifyDriftIsCaught, needStatusNotifyUpdatesBoth, upCreatesBoth } from "./support/example-steps";
import { goGetSdk, goSdkProxy } from "../support/go-user-module";
import { pluginRelease, type PluginRelease } from "./support/plugin-release";
import { folderOf, pathWithoutNode } from "./support/user-path";

const STACK = "go";
const PROJECT = "alicloud-live-go";
const KEY = "GoProgramSuiteKey0042";
const BASE = "https://callbacks.example.com/live";

describe("cli: examples/go as a Go user runs it: go get of the SDK, the plugin downloaded by the engine, no node", function () {
    // The language host compiles the program on every run (warm Go cache: seconds; cold: minutes).
    this.timeout(1_800_000);
    let stack: ExampleStack;
    let release: PluginRelease;
    let requestsBefore: number;

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        // The repository's CLI folder holds the Go host; your own pulumi on PATH brings its own.
        if (cli.binDir) assert.ok(fs.existsSync(path.join(cli.binDir, "pulumi-language-go")), `no pulumi-language-go in ${cli.binDir}`);
        const { env } = await goSdkProxy();
        release = await pluginRelease();
        requestsBefore = release.server.requests.length;
        stack = await startExampleStack({
            cli,
            example: "go",
            stacks: [STACK],
            // A user's program names no plugin folder; its Go SDK comes by `go get` from a module proxy.
            prepare: async (dir) => {
                rewrite(path.join(dir, "Pulumi.yaml"), /plugins:\n(?: {2}.*\n|\s*#.*\n)+/, "");
                await goGetSdk(dir);
            },
            // Built read-only with the go.sum `go get` completed; the PATH holds the CLI and Go, no node.
            env: { ...env, PATH: pathWithoutNode([cli.binDir ?? path.dirname(cli.pulumi), folderOf("go")]), ...release.env },
        });
        await stack.workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
    });

    after(async () => {
        await stack?.cleanup();
    });

    it("the first up downloads the plugin the SDK names into PULUMI_HOME and creates both configs, the key only as ciphertext in state; preview right after is empty", async () => {
        const up = await upCreatesBoth(stack, KEY, BASE);
        assert.deepEqual(release.server.requests.slice(requestsBefore), [{ method: "GET", path: `/${release.archive.name}`, status: 200 }]);
        const installed = path.join(
            stack.workspace.homeDir,
            "plugins",
            `resource-alicloud-live-v${release.version}`,
            "pulumi-resource-alicloud-live",
        );
        assert.ok(fs.existsSync(installed), `the plugin is installed at ${installed}`);
        assert.match(up.stdout, /signedNotifyUrl\s*: "https:\/\/callbacks\.example\.com\/live\/live1\.example\.com\/record"/);
    });

    it("a config change updates both in place, Update calls only", () => needStatusNotifyUpdatesBoth(stack, PROJECT));

    it("drift is caught by preview --refresh --expect-no-changes, refresh takes it in, up restores it", () => needStatusNotifyDriftIsCaught(stack));

    it("a new domain for the same resource replaces its config: create-before-delete", async () => {
        await stack.workspace.setConfig(STACK, `${PROJECT}:signedDomain`, "live3.example.com");
        const since = await stack.live.lastSeq();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(await stack.live.writesSince(since), [
            "AddLiveRecordNotifyConfig live3.example.com",
            "DeleteLiveRecordNotifyConfig live1.example.com",
        ]);
        assert.equal((await stack.live.configs()).get("live3.example.com")?.notifyAuthKey, KEY, "the replacement signs with the key");
    });

    it("GetLiveRecordNotifyConfig reads a config made out of band, without writing it", async () => {
        const domain = "byhand.example.com";
        await stack.client.add({ domainName: domain, notifyUrl: `${BASE}/${domain}/record` });
        await stack.workspace.setConfig(STACK, `${PROJECT}:readDomain`, domain);
        const since = await stack.live.lastSeq();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /existingNotifyUrl\s*: "https:\/\/callbacks\.example\.com\/live\/byhand\.example\.com\/record"/);
        assert.deepEqual(await stack.live.writesSince(since), []);
        const read = (await stack.workspace.exportState(STACK)).deployment.resources?.find((r) => r.id === domain);
        assert.ok(read, "the read config is in the state");
    });

    it("destroy removes the two managed configs, leaves the one only read; no secret in any output, state, log or stack file", async () => {
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual([...(await stack.live.configs()).keys()], ["byhand.example.com"]);
        assertNoSecretAnywhere(stack.workspace, stack.outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
