/**
 * examples/yaml, a Pulumi YAML program, through the real `pulumi`, `pulumi-language-yaml` and the
 * provider plugin (found through the program's `plugins.providers` path): up, an empty preview, an
 * update in place, drift caught and refreshed, replace on `domainName` both ways, secrets, destroy.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { DEMO_ACCOUNT } from "../../emulator";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere } from "./support/emulator-cloud";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { needStatusNotifyDriftIsCaught, needStatusNotifyUpdatesBoth, upCreatesBoth } from "./support/example-steps";
import { PLUGIN_DIR } from "./support/plugin";

const STACK = "yaml";
const PROJECT = "alicloud-live-yaml";
const KEY = "YamlExampleSuiteKey42";
const BASE = "https://callbacks.example.com/live";

describe("cli: examples/yaml through pulumi-language-yaml and the provider plugin", function () {
    this.timeout(600_000);
    let stack: ExampleStack;

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        // The example names the plugin's folder relative to itself; the copy names the same folder absolutely.
        stack = await startExampleStack({
            cli,
            example: "yaml",
            stacks: [STACK],
            prepare: (dir) => rewrite(path.join(dir, "Pulumi.yaml"), "path: ../../bin\n", `path: ${PLUGIN_DIR}\n`),
        });
        await stack.workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
    });

    after(async () => {
        await stack?.cleanup();
    });

    it("up creates both configs, the key in the cloud and only as ciphertext in state; preview right after is empty", () =>
        upCreatesBoth(stack, KEY, BASE));

    it("a config change updates both in place, Update calls only", () => needStatusNotifyUpdatesBoth(stack, PROJECT));

    it("drift is caught by preview --refresh --expect-no-changes, refresh takes it in, up restores it", () => needStatusNotifyDriftIsCaught(stack));

    it("a new domain replaces: create-before-delete, then delete-before-replace once the program asks for it", async () => {
        let since = await stack.live.lastSeq();
        await stack.workspace.setConfig(STACK, `${PROJECT}:plainDomain`, "live3.example.com");
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.live.writesSince(since), [
            "AddLiveRecordNotifyConfig live3.example.com",
            "DeleteLiveRecordNotifyConfig live2.example.com",
        ]);

        // The user edits the program: the resource option, as a YAML program writes it.
        const anchor = "      notifyReqAuth: false\n";
        rewrite(path.join(stack.projectDir, "Pulumi.yaml"), anchor, `${anchor}    options:\n      deleteBeforeReplace: true\n`);
        since = await stack.live.lastSeq();
        await stack.workspace.setConfig(STACK, `${PROJECT}:plainDomain`, "live2.example.com");
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.live.writesSince(since), [
            "DeleteLiveRecordNotifyConfig live3.example.com",
            "AddLiveRecordNotifyConfig live2.example.com",
        ]);
        assert.deepEqual([...(await stack.live.configs()).keys()].sort(), ["live1.example.com", "live2.example.com"]);
    });

    it("destroy removes both; no secret in any output, state, log or stack file", async () => {
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await stack.live.configs()).size, 0);
        assertNoSecretAnywhere(stack.workspace, stack.outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
