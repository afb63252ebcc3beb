/**
 * The provider plugin through the real `pulumi` CLI, with a TypeScript program (tests/cli/fixtures/
 * plugin-program, using the package's plugin class `pulumi-alicloud-live/plugin`) that finds
 * `pulumi-resource-alicloud-live` through `plugins.providers` (the npm package's launcher folder,
 * which runs on Node.js): up, `pulumi import` and the `import` option, a dynamic-provider resource
 * moved to the plugin, `.get()` from another stack, `replaceOnChanges`, `customTimeouts` under a
 * throttle storm, bad provider config, secrets, the shared quota store, destroy. The steps every
 * resource shares through the plugin (update in place, replace either way round, drift) are
 * resource-lifecycle.test.ts's, for every resource type at once.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Redis from "ioredis";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { LiveClient } from "../../provider/client/live-client";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/properties";
import { scheduleName } from "../../provider/quota/quota-store";
import { pluginVersion } from "../../provider/plugin/version";
import { pathWithCli } from "../../tools/pulumi-cli/obtain";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { startRedisServer, type RunningRedis } from "../../tools/redis/server";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere, EmulatorCloud } from "./support/emulator-cloud";
import { copyPluginProgram, PLUGIN_DIR, RESOURCE_TYPE } from "./support/plugin";
import type { Spec } from "./fixtures/plugin-program/spec";
import { createdThroughPlugin, type PluginStack } from "./support/plugin-steps";
import { runPulumi, type ExpectedExit } from "./support/run-pulumi";

const STACK = "plugin";
const OTHER_STACK = "reader";
const PROJECT = "alicloud-live-plugin-program";
const KEY = "PluginCliSuiteKey0042";
const callbackUrl = (domain: string, what = "record") => `https://callbacks.example.com/${domain}/${what}`;

const SIGNED: Spec = {
    name: "signed",
    domainName: "signed.example.com",
    notifyUrl: callbackUrl("signed.example.com"),
    notifyReqAuth: true,
    keyed: true,
};
const PLAIN: Spec = {
    name: "plain",
    domainName: "plain.example.com",
    notifyUrl: callbackUrl("plain.example.com"),
    onDemandUrl: callbackUrl("plain.example.com", "od"),
};

describe("cli: the provider plugin with a TypeScript program", function () {
    this.timeout(900_000);
    let tmp: string;
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let live: EmulatorCloud;
    let client: LiveClient;
    let workspace: PulumiWorkspace;
    const outputs: CommandResult[] = [];

    const pulumi = (args: string[], expect: ExpectedExit = 0, stack = STACK) => runPulumi(workspace, args, { stack, outputs, expect });
    const declare = (specs: readonly Spec[], stack = STACK) => workspace.setConfig(stack, `${PROJECT}:resources`, JSON.stringify(specs));
    const stateOf = async (stack = STACK) => (await workspace.exportState(stack)).deployment.resources ?? [];
    const stack = (): PluginStack<Spec> => ({
        pulumi: (args, expect) => pulumi(args, expect),
        declare: (specs) => declare(specs),
        stateOf: () => stateOf(),
        live,
        client,
    });

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-plugin-"));
        emulator = await startEmulator({ host: "127.0.0.1" });
        admin = new EmulatorAdmin(emulator.url);
        live = new EmulatorCloud(admin);
        client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        const projectDir = copyPluginProgram("plugin-program", path.join(tmp, "program"));
        // The launcher's folder as a program names it (the other way, PATH, is plugin-current-set.test.ts's).
        fs.appendFileSync(path.join(projectDir, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: alicloud-live\n      path: ${PLUGIN_DIR}\n`);
        workspace = new PulumiWorkspace({ cli, projectDir, env: { PATH: pathWithCli(cli) } });
        for (const stack of [STACK, OTHER_STACK]) {
            await workspace.ok(["stack", "init", stack]);
            // The plugin's own namespace: the engine passes a plugin only its package's keys.
            await workspace.setConfig(stack, "alicloud-live:endpoint", emulator.url);
            await workspace.setConfig(stack, "alicloud-live:accessKey", DEMO_ACCOUNT.accessKeyId);
            await workspace.setConfig(stack, "alicloud-live:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        }
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
        // The dynamic provider's keys, for the step that moves a resource from it to the plugin.
        await workspace.setConfig(STACK, "alicloud:accessKey", DEMO_ACCOUNT.accessKeyId);
        await workspace.setConfig(STACK, "alicloud:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
    });

    after(async () => {
        await workspace?.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("up creates the declared configs through the plugin; preview right after is empty", async () => {
        await declare([SIGNED, PLAIN]);
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /3 created/);
        await createdThroughPlugin(stack(), SIGNED, KEY);
        assert.equal((await live.configs()).get(PLAIN.domainName)!.onDemandUrl, PLAIN.onDemandUrl);
        // The class (pulumi-alicloud-live/plugin) asks for the plugin of its own package's version.
        const provider = (await stateOf()).find((r) => r.type === "pulumi:providers:alicloud-live")!;
        assert.equal(provider.inputs!.version, pluginVersion(), "the default provider is the package's version");
        const preview = await pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
    });

    it("replaceOnChanges works: the engine applies it to the plugin's diff", async () => {
        const since = await live.lastSeq();
        const declared = {
            ...PLAIN,
            needStatusNotify: true,
            deleteBeforeReplace: true,
            replaceOnChanges: ["onDemandUrl"],
            onDemandUrl: callbackUrl("plain", "od2"),
        };
        await declare([SIGNED, declared]);
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(await live.writesSince(since), [
            `DeleteLiveRecordNotifyConfig ${PLAIN.domainName}`,
            `AddLiveRecordNotifyConfig ${PLAIN.domainName}`,
        ]);
        await declare([SIGNED, { ...declared, replaceOnChanges: undefined }]);
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("pulumi import adopts a config created out of band; the next preview is empty", async () => {
        const domain = "byhand.example.com";
        await client.add({ domainName: domain, notifyUrl: callbackUrl(domain), needStatusNotify: true });
        const imported = await pulumi(["import", RESOURCE_TYPE, "byhand", domain, "--yes", "--generate-code=false"]);
        assert.match(imported.stdout, /1 imported/);
        const held = (await stateOf()).find((r) => r.id === domain)!;
        assert.equal(held.inputs!.notifyUrl, callbackUrl(domain), "import records the config's inputs");
        await declare([SIGNED, current(), { name: "byhand", domainName: domain, notifyUrl: callbackUrl(domain), needStatusNotify: true }]);
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("a dynamic-provider resource moves to the plugin without a cloud write: retainOnDelete, then the import option", async () => {
        const moving: Spec = { name: "moving", domainName: "moving.example.com", notifyUrl: callbackUrl("moving.example.com") };
        await declare([...declaredNow(), { ...moving, dynamic: true }]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        const dynamicType = (await stateOf()).find((r) => r.id === moving.domainName)!.type;
        assert.equal(dynamicType, "pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig");

        const since = await live.lastSeq();
        await declare([...declaredNow(), { ...moving, dynamic: true, retainOnDelete: true }]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        await declare([...declaredNow(), { ...moving, import: true }]);
        const moved = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(moved.stdout, /1 imported/);
        assert.deepEqual(await live.writesSince(since), [], "no Add, Update or Delete: the cloud is not touched");
        assert.equal((await stateOf()).find((r) => r.id === moving.domainName)!.type, RESOURCE_TYPE);
        assert.ok((await live.configs()).has(moving.domainName));
        await declare([...declaredNow(), moving]);
        await pulumi(["preview", "--expect-no-changes"]);
        await declare(declaredNow());
        await pulumi(["up", "--yes", "--skip-preview"]);
    });

    it("importing a domain with no config fails clearly", async () => {
        const failed = await pulumi(["import", RESOURCE_TYPE, "nothing", "nothing.example.com", "--yes", "--generate-code=false"], "non-zero");
        assert.match(failed.output, /does not exist/);
        assert.doesNotMatch(failed.output, /does not support importing/);
    });

    it("the import option adopts a config created out of band, with an empty preview after", async () => {
        const domain = "option.example.com";
        await client.add({ domainName: domain, notifyUrl: callbackUrl(domain) });
        const spec: Spec = { name: "option", domainName: domain, notifyUrl: callbackUrl(domain), import: true };
        const since = await live.lastSeq();
        await declare([...declaredNow(), spec]);
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 imported/);
        assert.deepEqual(await live.writesSince(since), [], "importing writes nothing");
        await declare([...declaredNow(), { ...spec, import: false }]);
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it(".get() reads a config another stack owns, its key a secret", async () => {
        await workspace.setConfig(OTHER_STACK, `${PROJECT}:getDomain`, SIGNED.domainName);
        await pulumi(["up", "--yes", "--skip-preview"], 0, OTHER_STACK);
        const { stdout } = await pulumi(["stack", "output", "notifyUrls", "--json"], 0, OTHER_STACK);
        const got = JSON.parse(stdout) as Record<string, unknown>;
        assert.equal(got.gotNotifyUrl, SIGNED.notifyUrl);
        assert.equal(got.gotKeyIsSecret, true);
        await pulumi(["destroy", "--yes", "--skip-preview"], 0, OTHER_STACK);
        assert.ok((await live.configs()).has(SIGNED.domainName), "destroying a .get() leaves the config alone");
    });

    it("customTimeouts: under a throttle storm a 5 s create fails at about 5 s naming the deadline; a longer one succeeds", async () => {
        const storm = await admin.addFault({ action: "AddLiveRecordNotifyConfig", probability: 1, error: { code: "Throttling.User" } });
        const quick: Spec = { name: "quick", domainName: "quick.example.com", notifyUrl: callbackUrl("quick.example.com"), createTimeout: "5s" };
        try {
            await declare([...declaredNow(), quick]);
            const failed = await pulumi(["up", "--yes", "--skip-preview"], "non-zero");
            // The deadline is the create's whole budget, as the engine sent it.
            assert.match(failed.output, /operation timeout of 5(\.0)? s reached/);
            const attempts = (await admin.requests()).filter((r) => r.domainName === quick.domainName);
            const spanMs = Date.parse(attempts.at(-1)!.time) - Date.parse(attempts[0].time);
            // Without the deadline the storm would be retried for the default 300 s: a 60 s bound tells the two apart
            // however loaded the machine is (the message above already names the 5 s deadline).
            assert.ok(spanMs <= 60_000, `attempts spanned ${spanMs} ms: the 5 s deadline did not stop them`);
        } finally {
            await admin.removeFault(storm);
        }
        const storm2 = await admin.addFault({ action: "AddLiveRecordNotifyConfig", probability: 1, count: 6, error: { code: "Throttling.User" } });
        try {
            await declare([...declaredNow(), { ...quick, createTimeout: "120s" }]);
            await pulumi(["up", "--yes", "--skip-preview"]);
            assert.ok((await live.configs()).has(quick.domainName));
        } finally {
            await admin.removeFault(storm2).catch(() => undefined);
        }
    });

    it("bad provider config fails preview naming the key, before any call", async () => {
        const since = await live.lastSeq();
        await workspace.setConfig(STACK, "alicloud-live:quotaHeadroom", "2");
        const preview = await pulumi(["preview"], "non-zero");
        assert.match(preview.output, /alicloud-live:quotaHeadroom/);
        assert.deepEqual(await live.writesSince(since), []);
        await workspace.ok(["config", "rm", "alicloud-live:quotaHeadroom", "--stack", STACK]);
    });

    it("the shared quota store paces the plugin's calls: each Describe of a refresh takes a slot of the account's schedule", async () => {
        let redis: RunningRedis | undefined;
        let reader: Redis | undefined;
        try {
            redis = await startRedisServer();
            await workspace.setConfig(STACK, "alicloud-live:quotaStore", redis.url, true);
            await workspace.setConfig(STACK, "alicloud-live:accountId", "1234567890123456");
            // The new provider config is recorded by an update; the refresh after it runs with it.
            await pulumi(["up", "--yes", "--skip-preview"]);
            reader = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
            const schedule = scheduleName("1234567890123456", "DescribeLiveRecordNotifyConfig");
            const slots = async () => Number((await reader!.hget(schedule, "seq")) ?? 0);
            const before = await slots();
            const since = await live.lastSeq();
            const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
            const describes = (await admin.requests(since)).filter((r) => r.action === "DescribeLiveRecordNotifyConfig").length;
            const taken = (await slots()) - before;
            assert.ok(describes > 0, "the refresh read the configs");
            // A store slower than its 10 ms budget on a loaded machine paces that call locally, and says so.
            if (!/quota store \S+ failed/.test(refresh.output)) assert.equal(taken, describes, "every Describe took a slot of the shared schedule");
            else assert.ok(taken > 0 && taken <= describes, `${taken} of ${describes} Describe calls took a slot of the shared schedule`);
        } finally {
            reader?.disconnect();
            await workspace.ok(["config", "rm", "alicloud-live:quotaStore", "--stack", STACK]).catch(() => undefined);
            await workspace.ok(["config", "rm", "alicloud-live:accountId", "--stack", STACK]).catch(() => undefined);
            await redis?.stop();
        }
    });

    it("the plugin's warnings reach the CLI (the engine hides its stderr): a store that does not answer is reported, and refresh still succeeds", async () => {
        try {
            // Port 1 on loopback: nothing listens there.
            await workspace.setConfig(STACK, "alicloud-live:quotaStore", "redis://127.0.0.1:1", true);
            await workspace.setConfig(STACK, "alicloud-live:accountId", "1234567890123456");
            await pulumi(["up", "--yes", "--skip-preview"]);
            const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
            assert.match(refresh.output, /warning: alicloud-live: quota store \S+ failed \(.+\); each process paces by its own limiter/);
        } finally {
            await workspace.ok(["config", "rm", "alicloud-live:quotaStore", "--stack", STACK]).catch(() => undefined);
            await workspace.ok(["config", "rm", "alicloud-live:accountId", "--stack", STACK]).catch(() => undefined);
        }
    });

    it("secrets: the key only as ciphertext in stack export, no secret in any output, state, log or stack file", async () => {
        const plain = await workspace.exportState(STACK);
        assert.ok(!plain.text.includes(KEY), "no plaintext key in the exported state");
        const signed = plain.deployment.resources!.find((r) => r.id === SIGNED.domainName)!;
        for (const bag of [signed.inputs!, signed.outputs!]) {
            const secret = bag.notifyAuthKey as Record<string, unknown>;
            assert.equal(secret[SIG_KEY], SECRET_SIG, "a Pulumi secret");
        }
        assert.ok((await workspace.exportState(STACK, true)).text.includes(KEY), "--show-secrets decrypts it");
    });

    it("destroy removes every config the stack manages", async () => {
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await live.configs()).size, 0);
        assertNoSecretAnywhere(workspace, outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });

    /** What the stack declares after the replace steps. */
    function current(): Spec {
        return { ...PLAIN, needStatusNotify: true, deleteBeforeReplace: true, onDemandUrl: callbackUrl("plain", "od2") };
    }

    function declaredNow(): Spec[] {
        return [
            SIGNED,
            current(),
            { name: "byhand", domainName: "byhand.example.com", notifyUrl: callbackUrl("byhand.example.com"), needStatusNotify: true },
        ];
    }
});
