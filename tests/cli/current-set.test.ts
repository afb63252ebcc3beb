/**
 * The compatibility suite: the packed package's program through the real CLI on the *current* version
 * set (Node 22, the newest @pulumi/pulumi, the newest CLI; tools/toolchain), with the assertions of
 * packaged-program.test.ts on the pinned set, in one stack lifecycle: create, empty preview, update,
 * drift caught, refresh, replace both ways, an upgrade of the package with an empty preview, secrets,
 * destroy. Every reported line names the set's Node, SDK and CLI versions.
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT } from "../../emulator";
import { currentSet, labelTests } from "./support/cli";
import { NOTIFY_AUTH_KEY, PackagedStack, REQUIRE_FORM, spec, STACK } from "./support/packaged-stack";
import { assertNoSecretIn } from "./support/emulator-cloud";

describe("cli compat: the packed package on the current version set (Node 22, newest @pulumi/pulumi and CLI)", function () {
    this.timeout(600_000);
    let stack: PackagedStack;
    const A = spec("a", "live-a.example.com");
    const B = spec("b", "live-b.example.com", { dependsOn: ["a"], signed: true });

    before(async function () {
        this.timeout(60 * 60_000); // a cold CLI build on 2 cores
        const run = await currentSet();
        labelTests(this, run.label);
        stack = new PackagedStack();
        await stack.start(run);
    });

    after(() => stack?.cleanup());

    it("create: up creates in dependsOn order, on the set's Node and SDK, and stores the small require form", async () => {
        await stack.declare([A, B]);
        const since = await stack.lastSeq();
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.writesSince(since), ["Add live-a.example.com", "Add live-b.example.com"]);
        assert.equal((await stack.cloud()).get("live-b.example.com")!.notifyAuthKey, NOTIFY_AUTH_KEY);
        assert.deepEqual(await stack.programRan(), { node: stack.run.ran.node, sdk: stack.run.ran.sdk });
        const texts = await stack.providerTexts();
        assert.equal(texts.length, 1, "one provider text for every resource");
        assert.match(String(texts[0]), REQUIRE_FORM);
        assert.ok(Buffer.byteLength(String(texts[0])) < 400);
    });

    it("an empty preview right after; a changed property is one Update call, not a replacement", async () => {
        const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
        await stack.declare([spec("a", "live-a.example.com", { args: { needStatusNotify: true } }), B]);
        const since = await stack.lastSeq();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(await stack.writesSince(since), ["Update live-a.example.com"]);
        assert.equal((await stack.cloud()).get("live-a.example.com")!.needStatusNotify, true);
    });

    it("drift: caught by preview --refresh naming the property and value, recorded by refresh, restored by up", async () => {
        await stack.declare([A, B]);
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        const { config } = await stack.client.describe({ domainName: "live-a.example.com" });
        await stack.client.update({ ...config, notifyUrl: "https://elsewhere.example.net/record" });
        const drifted = await stack.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(drifted.output, /notifyUrl/);
        assert.match(drifted.output, /elsewhere\.example\.net/);
        await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        const { deployment } = await stack.workspace.exportState(STACK);
        const a = deployment.resources!.find((r) => r.id === "live-a.example.com")!;
        assert.equal(a.outputs!.notifyUrl, "https://elsewhere.example.net/record", "refresh recorded the cloud's value");
        await stack.pulumi(["preview", "--expect-no-changes"], "non-zero");
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal((await stack.cloud()).get("live-a.example.com")!.notifyUrl, A.args.notifyUrl, "the declared value is back");
        await stack.pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("replace both ways: create-before-delete by default, deleteBeforeReplace deletes first", async () => {
        const A2 = spec("a", "live-a2.example.com");
        await stack.declare([A2, B]);
        let since = await stack.lastSeq();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(await stack.writesSince(since), ["Add live-a2.example.com", "Delete live-a.example.com"]);

        const B2 = spec("b", "live-b2.example.com", { dependsOn: ["a"], deleteBeforeReplace: true, signed: true });
        await stack.declare([A2, B2]);
        since = await stack.lastSeq();
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.writesSince(since), ["Delete live-b.example.com", "Add live-b2.example.com"]);
        const configs = await stack.cloud();
        assert.deepEqual([...configs.keys()].sort(), ["live-a2.example.com", "live-b2.example.com"]);
        assert.equal(configs.get("live-b2.example.com")!.notifyAuthKey, NOTIFY_AUTH_KEY);
    });

    it("an upgraded package version gives an empty preview and keeps the stored provider text", async () => {
        const before = await stack.providerTexts();
        stack.pkg.bump("0.1.1-test.2", "provider/dynamic/provider.js", "// upgraded build");
        assert.equal(await stack.pkg.installInto(stack.program, stack.run.sdkDir), "0.1.1-test.2");
        const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.providerTexts(), before);
    });

    it("secrets: notifyAuthKey is ciphertext in the state and shown only with --show-secrets", async () => {
        const plain = await stack.workspace.exportState(STACK);
        assert.ok(!plain.text.includes(NOTIFY_AUTH_KEY));
        const b = plain.deployment.resources!.find((r) => r.id === "live-b2.example.com")!;
        assert.match(JSON.stringify(b.outputs!.notifyAuthKey), /"ciphertext"/);
        const shown = await stack.workspace.exportState(STACK, true);
        assert.ok(shown.text.includes(NOTIFY_AUTH_KEY));
    });

    it("destroy deletes dependents first and leaves nothing; no secret in any output, state, log or stack file", async () => {
        const since = await stack.lastSeq();
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.writesSince(since), ["Delete live-b2.example.com", "Delete live-a2.example.com"]);
        assert.equal((await stack.cloud()).size, 0);
        assertNoSecretIn(stack.outputs, stack.dirs, [DEMO_ACCOUNT.accessKeySecret, NOTIFY_AUTH_KEY]);
    });
});
