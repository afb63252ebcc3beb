/**
 * Upgrading Pulumi under existing state: a stack created by the pinned set (Node 20, @pulumi/pulumi
 * 3.248, CLI v3.248) is previewed, refreshed, updated and destroyed by the current set (Node 22, the
 * newest SDK and CLI): an empty preview, no replacement, drift still caught. Then the reverse: the
 * pinned set on the state the current set wrote.
 */
import { strict as assert } from "node:assert";
import { currentSet, labelTests, pinnedSet, type SetRun } from "./support/cli";
import { NOTIFY_AUTH_KEY, PackagedStack, spec } from "./support/packaged-stack";

describe("cli compat: a stack of the pinned version set, upgraded to the current set (and back)", function () {
    this.timeout(600_000);
    let stack: PackagedStack;
    let pinned: SetRun;
    let current: SetRun;
    let providerText: unknown[];
    const A = spec("a", "live-a.example.com");
    const B = spec("b", "live-b.example.com", { dependsOn: ["a"], signed: true });

    before(async function () {
        this.timeout(60 * 60_000); // cold CLI builds on 2 cores
        pinned = await pinnedSet();
        current = await currentSet();
        labelTests(this, `${pinned.label} -> ${current.label}`);
        stack = new PackagedStack();
        await stack.start(pinned);
    });

    after(() => stack?.cleanup());

    it("the pinned set creates the stack", async () => {
        await stack.declare([A, B]);
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.programRan(), { node: pinned.ran.node, sdk: pinned.ran.sdk });
        assert.deepEqual([...(await stack.cloud()).keys()].sort(), ["live-a.example.com", "live-b.example.com"]);
        providerText = await stack.providerTexts();
    });

    it("the current set on that state: empty preview, refresh and up change nothing, the stored provider text is kept", async () => {
        stack.switchTo(current);
        const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
        const since = await stack.lastSeq();
        await stack.pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview", "--expect-no-changes"]);
        assert.doesNotMatch(up.stdout, /replaced|created|deleted/);
        assert.deepEqual(await stack.writesSince(since), [], "no write to the cloud");
        assert.deepEqual(await stack.programRan(), { node: current.ran.node, sdk: current.ran.sdk });
        assert.deepEqual(await stack.providerTexts(), providerText);
    });

    it("the current set updates in place (no replacement) and still catches drift", async () => {
        await stack.declare([spec("a", "live-a.example.com", { args: { needStatusNotify: true } }), B]);
        let since = await stack.lastSeq();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(await stack.writesSince(since), ["Update live-a.example.com"]);

        const { config } = await stack.client.describe({ domainName: "live-b.example.com" });
        await stack.client.update({ ...config, notifyUrl: "https://elsewhere.example.net/record" });
        const drifted = await stack.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(drifted.output, /notifyUrl/);
        since = await stack.lastSeq();
        await stack.pulumi(["up", "--refresh", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.writesSince(since), ["Update live-b.example.com"]);
        const b = (await stack.cloud()).get("live-b.example.com")!;
        assert.equal(b.notifyUrl, B.args.notifyUrl);
        assert.equal(b.notifyAuthKey, NOTIFY_AUTH_KEY);
    });

    it("the reverse: the pinned set on the state the current set wrote gives an empty preview", async () => {
        stack.switchTo(pinned);
        const preview = await stack.pulumi(["preview", "--refresh", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
    });

    it("the current set destroys it", async () => {
        stack.switchTo(current);
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await stack.cloud()).size, 0);
    });
});
