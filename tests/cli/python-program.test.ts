/**
 * examples/python from a Python user's starting point, through the real `pulumi` and
 * `pulumi-language-python`, against the emulator: a venv holding only `pulumi==3.248.0` and the wheel
 * `npm run sdk-packages` builds (tests/support/sdk-packages.ts), a fresh PULUMI_HOME with no plugin, no
 * `node` on PATH, and the plugin released as an archive on a loopback server that the SDK's
 * `pluginDownloadURL` is sent to (PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES). The first `up` downloads and
 * installs the plugin by itself; then an empty preview, an update in place, drift caught and refreshed,
 * replace on a domain change, `pulumi import` then an empty preview, `.get()` from another stack, pacing
 * through the shared Redis quota store, a throttle storm converging, secrets only as ciphertext, destroy.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import Redis from "ioredis";
import { DEMO_ACCOUNT, type EmulatorAdmin } from "../../emulator";
import type { LiveClient } from "../../provider/client/live-client";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/properties";
import { pluginVersion } from "../../provider/plugin/version";
import { PYTHON_HOST_SDK_VERSION } from "../../tools/pulumi-cli/recipe";
import type { CommandResult, PulumiWorkspace } from "../../tools/pulumi-cli/workspace";
import type { Venv } from "../../tools/python-venv/obtain";
import { startRedisServer, type RunningRedis } from "../../tools/redis/server";
import { userPythonVenv } from "../support/sdk-packages";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere, type EmulatorCloud } from "./support/emulator-cloud";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { needStatusNotifyUpdatesBoth, upCreatesBoth } from "./support/example-steps";
import { RESOURCE_TYPE } from "./support/plugin";
import { pluginRelease, type PluginRelease } from "./support/plugin-release";
import type { ExpectedExit } from "./support/run-pulumi";
import { ThrottleStorm } from "./support/throttle-storm";
import { pathWithoutNode } from "./support/user-path";

const execFileAsync = promisify(execFile);
const STACK = "python";
const READER = "reader";
const PROJECT = "alicloud-live-python";
const KEY = "PythonCliSuiteKey0042";
const BASE = "https://callbacks.example.com/live";
const DISTRIBUTION = "pulumi_alicloud_live";
/** The account the quota store keys its schedules by. */
const ACCOUNT_ID = "1234567890123456";

interface AboutPlugin {
    readonly name: string;
    readonly kind: string;
    readonly version: string | null;
}

describe("cli: examples/python as a Python user runs it: pip-installed SDK, the plugin downloaded by the engine, no node", function () {
    this.timeout(900_000);
    let venv: Venv;
    let release: PluginRelease;
    let redis: RunningRedis;
    let stack: ExampleStack;
    let admin: EmulatorAdmin;
    let live: EmulatorCloud;
    let client: LiveClient;
    let workspace: PulumiWorkspace;
    /** What the stack declares: resource name -> domain. */
    let domains: Record<string, string> = { main: "live1.example.com", backup: "live2.example.com" };

    const pulumi = (args: string[], expect: ExpectedExit = 0, on = STACK) => stack.pulumi(args, expect, on);
    const declare = async (next: Record<string, string>) => {
        domains = next;
        await workspace.setConfig(STACK, `${PROJECT}:domains`, JSON.stringify(next));
    };
    const stateOf = async (stack = STACK) => (await workspace.exportState(stack)).deployment.resources ?? [];
    const installedPlugins = () => {
        const dir = path.join(workspace.homeDir, "plugins");
        // The plugins' folders (the engine keeps a .lock file beside each).
        return fs.existsSync(dir)
            ? fs.readdirSync(dir).filter((name) => name.startsWith("resource-") && fs.statSync(path.join(dir, name)).isDirectory())
            : [];
    };
    const python = async (code: string) => (await execFileAsync(venv.python, ["-c", code], { encoding: "utf8" })).stdout.trim();

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        venv = await userPythonVenv();
        const versions = await python(
            `import importlib.metadata as m, platform; print(platform.python_version(), m.version("pulumi"), m.version("${DISTRIBUTION}"))`,
        );
        const [pythonVersion, sdkVersion, wheelVersion] = versions.split(" ");
        console.log(`      Python ${pythonVersion}, pulumi (Python SDK) ${sdkVersion}, ${DISTRIBUTION} ${wheelVersion} (venv: ${venv.dir})`);
        assert.equal(sdkVersion, "3.248.0");
        assert.equal(wheelVersion, pluginVersion(), "the wheel has the package's (and the plugin's) version");
        release = await pluginRelease();
        redis = await startRedisServer();

        stack = await startExampleStack({
            cli,
            example: "python",
            stacks: [STACK, READER],
            // A user's program names no plugin: the engine downloads the one the SDK names.
            prepare: (dir) => rewrite(path.join(dir, "Pulumi.yaml"), /plugins:\n(?: {2}.*\n|\s*#.*\n)+/, ""),
            env: { PATH: pathWithoutNode([path.join(venv.dir, "bin"), cli.binDir ?? path.dirname(cli.pulumi)]), ...release.env },
        });
        ({ admin, live, client, workspace } = stack);
        assert.deepEqual(installedPlugins(), [], "a fresh PULUMI_HOME holds no plugin");

        // The example's requirements.txt is exactly what the venv holds: pip, offline, has nothing to add.
        const check = await execFileAsync(
            venv.python,
            ["-m", "pip", "install", "--no-index", "--dry-run", "--disable-pip-version-check", "-r", "requirements.txt"],
            { cwd: stack.projectDir, encoding: "utf8" },
        );
        assert.doesNotMatch(check.stdout, /Would install/, check.stdout);
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
        // Pacing shared through Redis, as several stacks of one account would share it.
        await workspace.setConfig(STACK, "alicloud-live:quotaStore", redis.url, true);
        await workspace.setConfig(STACK, "alicloud-live:accountId", ACCOUNT_ID);

        // The engine asks the language host for its version (GetPluginInfo); `pulumi about` shows it.
        const about = await workspace.run(["about", "--json", "--stack", STACK]);
        const plugins = (JSON.parse(about.stdout) as { plugins?: AboutPlugin[] }).plugins ?? [];
        const host = plugins.find((p) => p.kind === "language" && p.name === "python");
        assert.ok(host, `pulumi about lists no python language plugin:\n${about.output.slice(-2000)}`);
        console.log(`      Python language host: pulumi-language-python ${host.version ?? "(no version reported)"} (from pulumi about)`);
        if (cli.source !== "path") assert.equal(host.version, PYTHON_HOST_SDK_VERSION);
    });

    after(async () => {
        await stack?.cleanup();
        await redis?.stop();
    });

    it("the first up downloads the plugin from the SDK's pluginDownloadURL into PULUMI_HOME, then creates the configs; preview right after is empty, nothing downloaded again", async () => {
        const before = release.server.requests.length;
        await upCreatesBoth(stack, KEY, BASE);
        assert.deepEqual(release.server.requests.slice(before), [{ method: "GET", path: `/${release.archive.name}`, status: 200 }]);
        assert.deepEqual(installedPlugins(), [`resource-alicloud-live-v${release.version}`]);
        const installed = path.join(workspace.homeDir, "plugins", `resource-alicloud-live-v${release.version}`, "pulumi-resource-alicloud-live");
        assert.ok(fs.statSync(installed).size > 10_000_000, `the plugin's executable is installed at ${installed}`);
        const provider = (await stateOf()).find((r) => r.type === "pulumi:providers:alicloud-live");
        assert.ok(provider, "the plugin is the resources' provider");
        assert.equal(provider.inputs!.version, release.version);
        assert.equal((await stateOf()).filter((r) => r.type === RESOURCE_TYPE).length, 2);
        assert.equal(release.server.requests.length, before + 1, "the empty preview downloaded nothing");
    });

    it("the downloaded plugin's schema (pulumi package get-schema) names the wheel's plugin: version and download URL", async () => {
        const answer = await workspace.ok(["package", "get-schema", `alicloud-live@${release.version}`]);
        const schema = JSON.parse(answer.stdout) as { version: string; pluginDownloadURL: string };
        const wheel = JSON.parse(
            await python(`import importlib.resources as r; print(r.files("${DISTRIBUTION}").joinpath("pulumi-plugin.json").read_text())`),
        ) as { version: string; server: string };
        assert.deepEqual({ version: schema.version, server: schema.pluginDownloadURL }, { version: wheel.version, server: wheel.server });
    });

    it("the plugin paces through the shared Redis quota store: the account's schedule is there", async () => {
        const reader = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
        try {
            const keys = await reader.keys("*");
            assert.ok(
                keys.some((k) => k.includes(ACCOUNT_ID)),
                `the account's schedule is in the store: ${keys.join(", ")}`,
            );
        } finally {
            reader.disconnect();
        }
    });

    it("a config change updates both in place: Update calls only", () => needStatusNotifyUpdatesBoth(stack, PROJECT));

    it("drift: preview --refresh --expect-no-changes fails naming the property and value; refresh takes it in; up restores it", async () => {
        const drifted = "https://elsewhere.example.net/drift";
        const { config } = await client.describe({ domainName: "live2.example.com" });
        await client.update({ ...config, notifyUrl: drifted });
        const preview = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(preview.output, /notifyUrl/);
        assert.ok(preview.output.includes(drifted), "the drifted value is shown");
        await pulumi(["refresh", "--yes", "--skip-preview"]);
        const held = (await stateOf()).find((r) => r.id === "live2.example.com")!;
        assert.equal(held.outputs!.notifyUrl, drifted, "the state holds what the cloud holds");
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal((await live.configs()).get("live2.example.com")!.notifyUrl, `${BASE}/live2.example.com/record`);
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("a new domain for the same name replaces the config: create-before-delete", async () => {
        const since = await live.lastSeq();
        await declare({ ...domains, backup: "live3.example.com" });
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(await live.writesSince(since), [
            "AddLiveRecordNotifyConfig live3.example.com",
            "DeleteLiveRecordNotifyConfig live2.example.com",
        ]);
        assert.deepEqual([...(await live.configs()).keys()].sort(), ["live1.example.com", "live3.example.com"]);
    });

    it("pulumi import adopts a config created out of band; declared in the program, the next preview is empty", async () => {
        const domain = "byhand.example.com";
        await client.add({
            domainName: domain,
            notifyUrl: `${BASE}/${domain}/record`,
            onDemandUrl: `${BASE}/${domain}/on-demand`,
            needStatusNotify: true,
        });
        const since = await live.lastSeq();
        const imported = await pulumi(["import", RESOURCE_TYPE, "byhand", domain, "--yes", "--generate-code=false"]);
        assert.match(imported.stdout, /1 imported/);
        assert.deepEqual(await live.writesSince(since), [], "importing writes nothing");
        const held = (await stateOf()).find((r) => r.id === domain)!;
        assert.equal(held.type, RESOURCE_TYPE);
        assert.equal(held.inputs!.notifyUrl, `${BASE}/${domain}/record`, "import records the config's inputs");
        await declare({ ...domains, byhand: domain });
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it(".get() reads a config another stack owns, its key a secret; destroying the reader leaves it alone", async () => {
        await workspace.setConfig(READER, `${PROJECT}:domains`, "{}");
        await workspace.setConfig(READER, `${PROJECT}:readDomains`, JSON.stringify(["live1.example.com"]));
        const since = await live.lastSeq();
        await pulumi(["up", "--yes", "--skip-preview"], 0, READER);
        // Not through `pulumi()`: the --show-secrets answer holds the key, and every other output must not.
        const read = async (name: string, showSecrets = false) => {
            const result = await workspace.run(["stack", "output", name, "--json", "--stack", READER, ...(showSecrets ? ["--show-secrets"] : [])]);
            assert.equal(result.code, 0, result.output.slice(-2000));
            return JSON.parse(result.stdout) as unknown;
        };
        assert.deepEqual(await read("readNotifyUrls"), { "live1.example.com": `${BASE}/live1.example.com/record` });
        assert.deepEqual(await read("readAuthKeys"), { "live1.example.com": "[secret]" }, "the key read by .get() is a secret");
        assert.deepEqual(await read("readAuthKeys", true), { "live1.example.com": KEY });
        await pulumi(["destroy", "--yes", "--skip-preview"], 0, READER);
        assert.deepEqual(await live.writesSince(since), [], ".get() and its destroy write nothing");
        assert.ok((await live.configs()).has("live1.example.com"));
    });

    it("a throttle storm (every call throttled for 6 s) still ends in a successful up creating every new config", async () => {
        const storm = Object.fromEntries(["s1", "s2", "s3", "s4", "s5", "s6"].map((n) => [n, `storm-${n}.example.com`]));
        await declare({ ...domains, ...storm });
        const throttle = await ThrottleStorm.start(admin, await live.lastSeq(), 6_000);
        let throttled: number;
        let up: CommandResult;
        try {
            up = await pulumi(["up", "--yes", "--skip-preview"]);
        } finally {
            throttled = await throttle.end();
            await admin.clearFaults();
        }
        assert.ok(throttled > 0, "the storm was met: the up made no call while it blew");
        assert.match(up.stdout, /6 created/);
        const configs = await live.configs();
        for (const domain of Object.values(storm)) assert.ok(configs.has(domain), `${domain} was created`);
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("secrets: the key only as ciphertext in stack export (inputs and outputs), decrypted with --show-secrets", async () => {
        const plain = await workspace.exportState(STACK);
        assert.ok(!plain.text.includes(KEY), "no plaintext key in the exported state");
        const signed = plain.deployment.resources!.find((r) => r.id === "live1.example.com")!;
        for (const bag of [signed.inputs!, signed.outputs!]) {
            const secret = bag.notifyAuthKey as Record<string, unknown>;
            assert.equal(secret[SIG_KEY], SECRET_SIG, "a Pulumi secret");
            assert.equal(typeof secret.ciphertext, "string");
        }
        assert.ok((await workspace.exportState(STACK, true)).text.includes(KEY), "--show-secrets decrypts it");
    });

    it("destroy removes every config the stack manages; no secret in any output, state, log or stack file", async () => {
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await live.configs()).size, 0);
        assertNoSecretAnywhere(workspace, stack.outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
