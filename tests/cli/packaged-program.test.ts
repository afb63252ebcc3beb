/**
 * The package as users get it (`npm pack`, `npm install` into a separate program folder), run by the
 * real `pulumi` CLI: resource options as Pulumi documents them, replacement both ways, bad input,
 * a throttle storm, a key without RAM permission, an upgrade of the package, and import.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator, type StoredConfig } from "../../emulator";
import { LiveClient } from "../../provider/client/live-client";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretIn } from "./support/emulator-cloud";
import { copyFixture, PackedPackage } from "./support/programs";
import { runPulumi, type ExpectedExit } from "./support/run-pulumi";
import { ThrottleStorm } from "./support/throttle-storm";

const STACK = "main";
const READ_ONLY = {
    accessKeyId: "CLI-SUITE-READ-ONLY-KEY",
    accessKeySecret: "cli-suite-read-only-secret",
    accountId: "1234567890123456",
    readOnly: true,
};
const NOTIFY_AUTH_KEY = "PackagedCliKey0042";
/** The serialized provider of an installed package: a `require` by package name, nothing else. */
const REQUIRE_FORM = /^exports\.handler = __f0;\nconst provider = require\("pulumi-alicloud-live\/dist\/provider\/dynamic\/handler\.js"\);\n/;

interface Spec {
    readonly name: string;
    readonly args: Record<string, unknown>;
    readonly signed?: boolean;
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
    readonly ignoreChanges?: string[];
    readonly deleteBeforeReplace?: boolean;
    readonly dependsOn?: string[];
    readonly import?: string;
}

const url = (domain: string, what: string) => `https://hooks.example.com/${domain}/${what}`;
const spec = (name: string, domainName: string, { args, ...options }: Partial<Spec> = {}): Spec => ({
    name,
    args: { domainName, notifyUrl: url(domainName, "record"), ...args },
    ...options,
});

describe("cli: the packed package in a separate program, through the real pulumi CLI", function () {
    this.timeout(600_000);
    let tmp: string;
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let client: LiveClient;
    let workspace: PulumiWorkspace;
    let pkg: PackedPackage;
    let program: string;
    const outputs: CommandResult[] = [];

    const pulumi = (args: string[], expect: ExpectedExit = 0, stack = STACK) => runPulumi(workspace, args, { stack, outputs, expect });
    const declare = (specs: Spec[], stack = STACK) => workspace.setConfig(stack, "alicloud-live-options:resources", JSON.stringify(specs));
    const cloud = async () => new Map((await admin.configs()).map((c): [string, StoredConfig] => [c.domainName, c]));
    const lastSeq = async () => (await admin.requests()).at(-1)?.seq ?? 0;
    /** The writes since `seq`, as "Action domain", oldest first (answered calls only). */
    const writesSince = async (seq: number) =>
        (await admin.requests(seq))
            .filter((r) => r.status === 200 && !r.action.startsWith("Describe"))
            .map((r) => `${r.action.replace("LiveRecordNotifyConfig", "")} ${r.domainName}`);
    const providerTexts = async () => {
        const { deployment } = await workspace.exportState(STACK);
        const dynamic = deployment.resources!.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
        return [...new Set(dynamic.flatMap((r) => [r.inputs!.__provider, r.outputs!.__provider]))];
    };

    const A = spec("a", "live-a.example.com");
    const B = spec("b", "live-b.example.com", { dependsOn: ["a"] });

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-packaged-"));
        emulator = await startEmulator({ host: "127.0.0.1", accounts: [DEMO_ACCOUNT, READ_ONLY] });
        admin = new EmulatorAdmin(emulator.url);
        client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        program = copyFixture("options-program", path.join(tmp, "program"));
        pkg = new PackedPackage(tmp);
        await pkg.installInto(program);
        workspace = new PulumiWorkspace({ cli, projectDir: program });
        for (const [stack, key] of [
            [STACK, DEMO_ACCOUNT],
            ["read-only", READ_ONLY],
        ] as const) {
            await workspace.ok(["stack", "init", stack]);
            await workspace.setConfig(stack, "alicloud-live:endpoint", emulator.url);
            await workspace.setConfig(stack, "alicloud:accessKey", key.accessKeyId);
            await workspace.setConfig(stack, "alicloud:secretKey", key.accessKeySecret, true);
            await workspace.setConfig(stack, "alicloud-live-options:notifyAuthKey", NOTIFY_AUTH_KEY, true);
        }
    });

    after(async () => {
        await workspace?.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("installs as a real package; up creates in dependsOn order and stores the small require form", async () => {
        assert.equal(fs.lstatSync(path.join(program, "node_modules", "pulumi-alicloud-live")).isSymbolicLink(), false);
        await declare([A, { ...B, signed: true }]);
        const since = await lastSeq();
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await writesSince(since), ["Add live-a.example.com", "Add live-b.example.com"]);
        assert.equal((await cloud()).get("live-b.example.com")!.notifyAuthKey, NOTIFY_AUTH_KEY);
        const texts = await providerTexts();
        assert.equal(texts.length, 1, "one provider text for every resource");
        assert.match(String(texts[0]), REQUIRE_FORM);
        assert.ok(Buffer.byteLength(String(texts[0])) < 400);
    });

    it("an upgraded package version gives an empty preview: no replacement because the provider's code changed", async () => {
        const before = await providerTexts();
        pkg.bump("0.1.1-test.2", "provider/dynamic/provider.js", "// upgraded build");
        assert.equal(await pkg.installInto(program), "0.1.1-test.2");
        const preview = await pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await providerTexts(), before);
    });

    it('ignoreChanges: ["notifyUrl"]: out-of-band drift on that field is not proposed, on another field it is', async () => {
        await declare([
            { ...A, ignoreChanges: ["notifyUrl"] },
            { ...B, signed: true },
        ]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        const { config } = await client.describe({ domainName: "live-a.example.com" });
        await client.update({ ...config, notifyUrl: "https://elsewhere.example.net/record" });
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);

        await client.update({ ...config, notifyUrl: "https://elsewhere.example.net/record", needStatusNotify: true });
        const preview = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(preview.output, /needStatusNotify/);
        await pulumi(["up", "--refresh", "--yes", "--skip-preview"]);
        const a = (await cloud()).get("live-a.example.com")!;
        assert.equal(a.needStatusNotify, false, "the declared value is back");
        assert.equal(a.notifyUrl, "https://elsewhere.example.net/record", "the ignored field kept the cloud's value");
    });

    it("replace on a domainName change: create-before-delete by default", async () => {
        const A2 = spec("a", "live-a2.example.com");
        await declare([A2, { ...B, signed: true }]);
        const since = await lastSeq();
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(await writesSince(since), ["Add live-a2.example.com", "Delete live-a.example.com"]);
        assert.deepEqual([...(await cloud()).keys()].sort(), ["live-a2.example.com", "live-b.example.com"]);
    });

    it("replace with deleteBeforeReplace: true deletes first", async () => {
        const A2 = spec("a", "live-a2.example.com");
        const B2 = spec("b", "live-b2.example.com", { dependsOn: ["a"], deleteBeforeReplace: true, signed: true });
        await declare([A2, B2]);
        const since = await lastSeq();
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await writesSince(since), ["Delete live-b.example.com", "Add live-b2.example.com"]);
        const configs = await cloud();
        assert.deepEqual([...configs.keys()].sort(), ["live-a2.example.com", "live-b2.example.com"]);
        assert.equal(configs.get("live-b2.example.com")!.notifyAuthKey, NOTIFY_AUTH_KEY);
    });

    it("protect: a protected config is deleted neither when it leaves the program nor by destroy", async () => {
        const B2 = spec("b", "live-b2.example.com", { signed: true });
        await declare([spec("a", "live-a2.example.com", { protect: true }), B2]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        await declare([B2]);
        const failed = await pulumi(["up", "--yes", "--skip-preview"], "non-zero");
        assert.match(failed.output, /protected/);
        assert.deepEqual([...(await cloud()).keys()].sort(), ["live-a2.example.com", "live-b2.example.com"], "nothing deleted");
        const destroy = await pulumi(["destroy", "--yes", "--skip-preview"], "non-zero");
        assert.match(destroy.output, /protected/);
        assert.deepEqual([...(await cloud()).keys()], ["live-a2.example.com"], "destroy deleted all but the protected config");
        await declare([spec("a", "live-a2.example.com"), B2]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal((await cloud()).size, 2);
    });

    it("retainOnDelete: leaving the program drops it from the state but keeps it in the cloud", async () => {
        await declare([spec("a", "live-a2.example.com"), spec("b", "live-b2.example.com", { signed: true, retainOnDelete: true })]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        await declare([spec("a", "live-a2.example.com")]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.ok((await cloud()).has("live-b2.example.com"), "retained in the cloud");
        const ids = (await workspace.exportState(STACK)).deployment.resources!.map((r) => r.id);
        assert.ok(!ids.includes("live-b2.example.com"), "gone from the state");
    });

    it("bad input fails preview with every bad property named", async () => {
        const bad: Spec = {
            name: "bad",
            args: { domainName: "not a domain", notifyUrl: "ftp://hooks.example.com/x", onDemandUrl: "nope", notifyReqAuth: true },
        };
        await declare([spec("a", "live-a2.example.com"), bad]);
        const preview = await pulumi(["preview"], "non-zero");
        for (const property of ["domainName", "notifyUrl", "onDemandUrl", "notifyAuthKey"])
            assert.match(preview.output, new RegExp(property), property);
        await declare([spec("a", "live-a2.example.com")]);
    });

    it("a throttle storm (every call throttled for 6 s) still ends in a successful up", async () => {
        const specs = [spec("a", "live-a2.example.com"), ...["s1", "s2", "s3", "s4"].map((n) => spec(n, `live-${n}.example.com`))];
        await declare(specs);
        const storm = await ThrottleStorm.start(admin, await lastSeq(), 6_000);
        let throttled: number;
        try {
            await pulumi(["up", "--yes", "--skip-preview"]);
        } finally {
            throttled = await storm.end();
            await admin.clearFaults();
        }
        assert.ok(throttled > 0, "the storm was met: the up made no call while it blew");
        assert.equal((await cloud()).size, 6, "a2, s1-s4 and the retained b2");
    });

    it("a key without RAM permission fails with the RAM action named", async () => {
        await declare([spec("ro", "live-ro.example.com")], "read-only");
        const up = await pulumi(["up", "--yes", "--skip-preview"], "non-zero", "read-only");
        assert.match(up.output, /live:AddLiveRecordNotifyConfig/);
        assert.ok(!(await cloud()).has("live-ro.example.com"));
    });

    it("import: the `import` option and `pulumi import` fail for dynamic resources (pulumi/pulumi#16175); adoptExisting takes the config over", async () => {
        await client.add({ domainName: "live-imp.example.com", notifyUrl: url("live-imp.example.com", "old") });
        const base = [spec("a", "live-a2.example.com")];

        await declare([...base, spec("imp", "live-imp.example.com", { import: "live-imp.example.com" })]);
        const withOption = await pulumi(["up", "--yes", "--skip-preview"], "non-zero");
        assert.match(withOption.output, /Cannot read properties of undefined \(reading 'toJavaScript'\)/);

        await declare(base);
        const command = await pulumi(["import", "pulumi-nodejs:dynamic:Resource", "imp", "live-imp.example.com", "--yes"], "non-zero");
        assert.match(command.output, /Cannot read properties of undefined \(reading 'toJavaScript'\)/);

        await declare([...base, spec("imp", "live-imp.example.com", { args: { adoptExisting: true } })]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal((await cloud()).get("live-imp.example.com")!.notifyUrl, url("live-imp.example.com", "record"), "adopted and set as declared");
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("destroy deletes dependents first; no secret in any output, state, log or stack file", async () => {
        await declare([A, { ...B, signed: true }]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        const since = await lastSeq();
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await writesSince(since), ["Delete live-b.example.com", "Delete live-a.example.com"], "b depends on a: deleted first");
        assert.deepEqual([...(await cloud()).keys()].sort(), ["live-b2.example.com"], "only the retained config is left");
        assertNoSecretIn(outputs, [workspace.root, program], [DEMO_ACCOUNT.accessKeySecret, READ_ONLY.accessKeySecret, NOTIFY_AUTH_KEY]);
    });
});
