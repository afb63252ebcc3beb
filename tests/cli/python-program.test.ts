/**
 * examples/python, a Python program on the generated SDK (sdk/python, built into a wheel and installed
 * offline into a cached venv with `pulumi==3.248.0`), through the real `pulumi`, `pulumi-language-python`
 * and the provider plugin found on PATH, against the emulator: up, an empty preview, an update in
 * place, drift caught and refreshed, replace on a domain change, `pulumi import` then an empty preview,
 * `.get()` from another stack, secrets only as ciphertext, a throttle storm converging, destroy.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCOUNT, type EmulatorAdmin } from "../../emulator";
import type { LiveClient } from "../../provider/api/client";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/properties";
import { pluginVersion } from "../../provider/plugin/version";
import { pathWithCli } from "../../tools/pulumi-cli/obtain";
import { PYTHON_HOST_SDK_VERSION } from "../../tools/pulumi-cli/recipe";
import type { CommandResult, PulumiWorkspace } from "../../tools/pulumi-cli/workspace";
import type { Venv } from "../../tools/python-venv/obtain";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere, type EmulatorCloud } from "./support/emulator-cloud";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { needStatusNotifyUpdatesBoth, upCreatesBoth } from "./support/example-steps";
import { pathWithPlugin, RESOURCE_TYPE } from "./support/plugin";
import { pathWithVenv, PYTHON_SDK_DISTRIBUTION, pythonSdkVenv } from "./support/python-venv";
import type { ExpectedExit } from "./support/run-pulumi";
import { ThrottleStorm } from "./support/throttle-storm";

const execFileAsync = promisify(execFile);
const STACK = "python";
const READER = "reader";
const PROJECT = "alicloud-live-python";
const KEY = "PythonCliSuiteKey0042";
const BASE = "https://callbacks.example.com/live";

interface AboutPlugin {
    readonly name: string;
    readonly kind: string;
    readonly version: string | null;
}

describe("cli: examples/python through pulumi-language-python, the generated SDK and the provider plugin", function () {
    this.timeout(900_000);
    let venv: Venv;
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
    const python = async (code: string) => (await execFileAsync(venv.python, ["-c", code], { encoding: "utf8" })).stdout.trim();

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        venv = await pythonSdkVenv();
        const versions = await python(
            `import importlib.metadata as m, platform; print(platform.python_version(), m.version("pulumi"), m.version("${PYTHON_SDK_DISTRIBUTION}"))`,
        );
        const [pythonVersion, sdkVersion, wheelVersion] = versions.split(" ");
        console.log(
            `      Python ${pythonVersion}, pulumi (Python SDK) ${sdkVersion}, ${PYTHON_SDK_DISTRIBUTION} ${wheelVersion} (venv: ${venv.dir})`,
        );
        assert.equal(sdkVersion, "3.248.0");
        assert.equal(wheelVersion, pluginVersion(), "the wheel built from sdk/python has the package's (and the plugin's) version");

        stack = await startExampleStack({
            cli,
            example: "python",
            stacks: [STACK, READER],
            // The example names the plugin's folder relative to itself; here the plugin is found on PATH instead.
            prepare: (dir) => rewrite(path.join(dir, "Pulumi.yaml"), /plugins:\n(?: {2}.*\n|\s*#.*\n)+/, ""),
            env: { PATH: pathWithVenv(venv, pathWithPlugin(pathWithCli(cli))) },
        });
        ({ admin, live, client, workspace } = stack);

        // The example's requirements.txt is exactly what the venv holds: pip, offline, has nothing to add.
        const check = await execFileAsync(
            venv.python,
            ["-m", "pip", "install", "--no-index", "--dry-run", "--disable-pip-version-check", "-r", "requirements.txt"],
            { cwd: stack.projectDir, encoding: "utf8" },
        );
        assert.doesNotMatch(check.stdout, /Would install/, check.stdout);
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);

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
    });

    it("up creates the declared configs through the plugin, the key in the cloud; preview right after is empty", async () => {
        await upCreatesBoth(stack, KEY, BASE);
        const types = (await stateOf()).map((r) => r.type);
        assert.deepEqual(types.filter((t) => t === RESOURCE_TYPE).length, 2, types.join(", "));
        assert.ok(types.includes("pulumi:providers:alicloud-live"), "the plugin is the resources' provider");
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
