/**
 * examples/yaml, a Pulumi YAML program, as a user runs it with the plugin installed from its release
 * archive: `pulumi plugin install resource alicloud-live <version> --file <archive>` into a fresh
 * PULUMI_HOME, no `plugins.providers` entry, no `node` on PATH, no automatic plugin download. Through
 * the real `pulumi` and `pulumi-language-yaml`: up, an empty preview, an update in place, drift caught
 * and refreshed, replace on `domainName` both ways; then a second version installed beside the first
 * (an archive built with the command's `--version`): the program takes the newest until it pins the
 * other, which is then the one the engine runs; secrets, destroy.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_ACCOUNT } from "../../emulator";
import { pluginVersion } from "../../provider/plugin/version";
import type { BuiltArchive } from "../../tools/plugin-archives/build";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere } from "./support/emulator-cloud";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { needStatusNotifyDriftIsCaught, needStatusNotifyUpdatesBoth, upCreatesBoth } from "./support/example-steps";
import { OTHER_VERSION, pluginArchive } from "./support/plugin-release";
import { pathWithoutNode } from "./support/user-path";

const STACK = "yaml";
const PROJECT = "alicloud-live-yaml";
const KEY = "YamlExampleSuiteKey42";
const BASE = "https://callbacks.example.com/live";
/** The second version installed beside package.json's: older, so an unpinned program does not take it. */
const PINNED = OTHER_VERSION;
const PLUGIN = "pulumi-resource-alicloud-live";

/** The plugin executables the engine launched, from its `-v=9` log (`Launching plugin '...' from '<path>'`). */
function launched(output: string): string[] {
    return [...new Set([...output.matchAll(/Launching plugin '[^']*' from '([^']*)'/g)].map((m) => m[1]))].filter((p) => p.endsWith(PLUGIN));
}

describe("cli: examples/yaml with the plugin installed from its archive (plugin install --file), no node, two versions side by side", function () {
    // Two archive builds (about a minute each on a loaded machine) come first.
    this.timeout(1_200_000);
    let stack: ExampleStack;
    let archive: BuiltArchive;
    const pluginDir = (version: string) => path.join(stack.workspace.homeDir, "plugins", `resource-alicloud-live-v${version}`);
    const install = (version: string, file: string) =>
        stack.workspace.ok(["plugin", "install", "resource", "alicloud-live", version, "--file", file]);

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        archive = await pluginArchive();
        stack = await startExampleStack({
            cli,
            example: "yaml",
            stacks: [STACK],
            // A user's program with the plugin installed names no plugin folder.
            prepare: (dir) => rewrite(path.join(dir, "Pulumi.yaml"), /plugins:\n(?: {2}.*\n|\s*#.*\n)+/, ""),
            // The workspace turns automatic plugin downloads off: the installed plugin is the only one there is.
            env: { PATH: pathWithoutNode([cli.binDir ?? path.dirname(cli.pulumi)]) },
        });
        await stack.workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
    });

    it("plugin install --file <archive> puts the executable into PULUMI_HOME's plugin folder for the version", async () => {
        assert.ok(!fs.existsSync(pluginDir(pluginVersion())), "a fresh PULUMI_HOME");
        await install(pluginVersion(), archive.file);
        const installed = path.join(pluginDir(pluginVersion()), PLUGIN);
        fs.accessSync(installed, fs.constants.X_OK);
        assert.deepEqual(fs.readdirSync(pluginDir(pluginVersion())).sort(), ["LICENSE", "NODE-LICENSE", "README.md", PLUGIN]);
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

    it("two versions side by side: the program takes the newest, and the one it pins once it pins one", async () => {
        const older = await pluginArchive(PINNED);
        await install(PINNED, older.file);
        const listed = JSON.parse((await stack.workspace.ok(["plugin", "ls", "--json"])).stdout) as { name: string; kind: string; version: string }[];
        const versions = listed.filter((p) => p.name === "alicloud-live" && p.kind === "resource").map((p) => p.version);
        assert.deepEqual(versions.sort(), [PINNED, pluginVersion()].sort());
        // Not through `stack.pulumi`: the engine's -v=9 log is for the plugin paths only.
        const verbosePreview = async () => {
            const result = await stack.workspace.run(["preview", "--expect-no-changes", "--logtostderr", "-v=9", "--stack", STACK]);
            assert.equal(result.code, 0, result.output.slice(-3000));
            return launched(result.output);
        };
        assert.deepEqual(await verbosePreview(), [path.join(pluginDir(pluginVersion()), PLUGIN)]);

        const file = path.join(stack.projectDir, "Pulumi.yaml");
        // Both resources pin it (plainCallbacks has options already, from the replace test above).
        rewrite(file, "      notifyAuthKey: ${notifyAuthKey}\n", `      notifyAuthKey: \${notifyAuthKey}\n    options:\n      version: ${PINNED}\n`);
        rewrite(file, "      deleteBeforeReplace: true\n", `      deleteBeforeReplace: true\n      version: ${PINNED}\n`);
        const since = await stack.live.lastSeq();
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.live.writesSince(since), [], "another provider version writes nothing");
        const provider = (await stack.workspace.exportState(STACK)).deployment.resources?.filter((r) => r.type === "pulumi:providers:alicloud-live");
        assert.deepEqual(
            provider?.map((p) => p.inputs?.version),
            [PINNED],
        );
        assert.deepEqual(await verbosePreview(), [path.join(pluginDir(PINNED), PLUGIN)]);
    });

    it("destroy removes both; no secret in any output, state, log or stack file", async () => {
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await stack.live.configs()).size, 0);
        assertNoSecretAnywhere(stack.workspace, stack.outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
