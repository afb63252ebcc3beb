import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startProviderHost, type ProviderHost } from "../../../tools/host-driver/host";
import { HostRpcError } from "../../../tools/host-driver/rpc-error";
import { serializedKvProvider } from "./fixtures/kv-provider";
import { running } from "../../support/process-state";

const PROJECT = "kv-test";

async function waitUntil(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe("tools/host-driver/host (Pulumi's real dynamic-provider host over gRPC)", function () {
    this.timeout(60_000);
    let dir: string;
    let host: ProviderHost;
    let provider: string;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-host-test-"));
        provider = await serializedKvProvider();
        host = await startProviderHost({
            cwd: path.resolve(__dirname),
            project: PROJECT,
            env: { ...process.env, KV_STORE: path.join(dir, "store.json") },
        });
        await host.configure({ [`${PROJECT}:prefix`]: "from-config", "other:key": "x" });
    });

    after(async () => {
        await host?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("starts the project's own SDK host, reads its port, and answers GetPluginInfo with the SDK version", async () => {
        const version = (require("@pulumi/pulumi/package.json") as { version: string }).version;
        assert.ok(host.port > 0 && host.port < 65536);
        assert.equal(host.sdkVersion, version);
        assert.equal(await host.getPluginInfo(), version);
        assert.ok(running(host.pid));
    });

    it("Configure: the Node host declines secrets, and un-prefixed keys resolve in the project's namespace", async () => {
        assert.deepEqual(await host.configure({ [`${PROJECT}:prefix`]: "from-config" }), { acceptSecrets: false });
        const news = { __provider: provider, key: "cfg", value: "v" };
        const created = await host.create({ properties: (await host.check({ olds: {}, news })).inputs });
        assert.equal(created.properties.configuredPrefix, "from-config");
        await host.delete({ id: created.id, properties: created.properties });
    });

    it("Check: failures arrive with their property names, and inputs come back with __provider", async () => {
        const res = await host.check({ olds: {}, news: { __provider: provider, value: 3 } });
        assert.deepEqual(res.failures, [
            { property: "key", reason: "key is required" },
            { property: "value", reason: "value must be a string" },
        ]);
        assert.equal(res.inputs.__provider, provider);
    });

    it("Create, Read, Update, Diff and Delete round-trip; Read of a deleted record gives an empty id", async () => {
        const checked = await host.check({ olds: {}, news: { __provider: provider, key: "k1", value: "one" } });
        const created = await host.create({ properties: checked.inputs });
        assert.equal(created.id, "k1");
        assert.equal(created.properties.length, 3);
        assert.equal(created.properties.__provider, provider);

        const same = await host.diff({ id: "k1", olds: created.properties, news: checked.inputs });
        assert.deepEqual(same, { changes: "none", replaces: [], deleteBeforeReplace: false });
        const news = { ...checked.inputs, value: "three" };
        assert.equal((await host.diff({ id: "k1", olds: created.properties, news })).changes, "some");
        const replace = await host.diff({ id: "k1", olds: created.properties, news: { ...news, key: "k2" } });
        assert.deepEqual(replace.replaces, ["key"]);

        const updated = await host.update({ id: "k1", olds: created.properties, news });
        assert.equal(updated.properties.length, 5);
        const read = await host.read({ id: "k1", properties: updated.properties });
        assert.equal(read.id, "k1");
        assert.equal(read.properties.value, "three");
        assert.deepEqual(read.inputs, { __provider: provider, key: "k1", value: "three" });

        await host.delete({ id: "k1", properties: updated.properties });
        assert.equal((await host.read({ id: "k1", properties: updated.properties })).id, "");
    });

    it("a provider error reaches the caller with its message and gRPC status UNKNOWN", async () => {
        const news = { __provider: provider, key: "nope", value: "v", failCreate: true };
        await assert.rejects(host.create({ properties: news }), (e: unknown) => {
            assert.ok(e instanceof HostRpcError);
            assert.equal(e.code, 2);
            assert.equal(e.details, "refusing to create nope");
            assert.equal(e.initFailure, undefined);
            return true;
        });
    });

    it("decodes a partial initialisation (ErrorResourceInitFailed) with id, properties and reasons", async () => {
        const news = { __provider: provider, key: "half", value: "v", failAfterCreate: true };
        await assert.rejects(host.create({ properties: news }), (e: unknown) => {
            assert.ok(e instanceof HostRpcError);
            assert.equal(e.details, "half was created but failed to initialise");
            assert.equal(e.initFailure?.id, "half");
            assert.deepEqual(e.initFailure?.reasons, ["post-create step failed"]);
            assert.equal(e.initFailure?.properties.__provider, provider);
            return true;
        });
        await host.delete({ id: "half", properties: { __provider: provider } });
    });

    it("captures what the host prints (a failed Check prints its stack on stderr)", async () => {
        await assert.rejects(host.check({ olds: {}, news: { __provider: provider, throwInCheck: true } }), /check exploded on purpose/);
        await waitUntil("stderr shows the error", () => host.output().stderr.includes("check exploded on purpose"), 10_000);
        assert.match(host.output().stdout, new RegExp(`^${host.port}\\n`));
    });

    it("reports a host that cannot start, with the reason", async () => {
        await assert.rejects(startProviderHost({ cwd: path.join(dir, "does-not-exist") }), /dynamic-provider host did not start: .*ENOENT/);
    });

    it("stop() kills the process and may be called twice", async () => {
        const h = await startProviderHost({ cwd: path.resolve(__dirname) });
        const pid = h.pid;
        await h.stop();
        await h.stop();
        assert.equal(h.exited, true);
        assert.equal(running(pid), false);
    });

    it("a host whose parent is killed exits by itself (stdin watch), so none is left running", async () => {
        const hostModule = require.resolve("../../../tools/host-driver/host");
        const script =
            `require(${JSON.stringify(hostModule)}).startProviderHost({ cwd: ${JSON.stringify(__dirname)} })` +
            `.then((h) => console.log(String(h.pid)));`;
        const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        try {
            const hostPid = await new Promise<number>((resolve, reject) => {
                parent.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
                parent.once("exit", () => reject(new Error("parent exited early")));
            });
            assert.ok(running(hostPid));
            parent.kill("SIGKILL"); // no exit handler runs
            await waitUntil("the orphaned host exits", () => !running(hostPid), 20_000);
        } finally {
            parent.kill("SIGKILL");
        }
    });
});
