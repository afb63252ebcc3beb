/**
 * LiveRecordNotifyConfig through Pulumi's REAL dynamic-provider host, over gRPC, against the Live API
 * emulator on 127.0.0.1. The `__provider` text is the SDK's own serialization of a real resource,
 * captured under setMocks; the RPCs carry what the engine would send (Diff and Update get the old
 * OUTPUTS). The host runs with the repository root as its working directory when the tests run from
 * dist/, else in a project dir that resolves this package to the build under test.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LiveRecordNotifyConfig, LiveClient } from "../../../provider";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import type { ProviderHost } from "../../../tools/host-driver/host";
import { HostRpcError } from "../../../tools/host-driver/rpc-error";
import { projectDirFor, type ProjectDir } from "../../../tools/host-driver/project-dir";
import type { PropertyMap } from "../../../tools/host-driver/struct";
import { captureRegistrations } from "../../../tools/serialized-provider";
import { ALL_ADVERSE, type Profile } from "../../../tools/semantics-profiles";
import { startConfiguredHost } from "../../support/configured-host";

const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");
const PROBE = path.join(__dirname, "..", "resource", "support", "host-probe.js");
const AUTH_KEY = "HostLifecycleKey0042"; // 20 letters and digits
const DOMAIN = "life.example.com";

/** The defaults and the all-adverse semantics profile (every reading at once; see tools/semantics-profiles.ts). */
const HOST_PROFILES: readonly Profile[] = [
    { name: "defaults", options: {} },
    { name: "all-adverse", options: ALL_ADVERSE },
];

for (const profile of HOST_PROFILES)
    describe(`provider/resource through the real dynamic-provider host (${profile.name})`, function () {
        this.timeout(60_000);
        let emulator: RunningEmulator;
        let admin: EmulatorAdmin;
        let project: ProjectDir;
        let host: ProviderHost;
        let probeFile: string;
        let tmp: string;
        let providerText: string;

        /** The inputs the SDK registers for one resource, with the real `__provider`. */
        async function registered(name: string, args: ConstructorParameters<typeof LiveRecordNotifyConfig>[1]): Promise<PropertyMap> {
            const [reg] = await captureRegistrations(() => [new LiveRecordNotifyConfig(name, args)]);
            return unwrapSecrets(reg.inputs);
        }

        /** Engine imitation: the engine strips secret wrappers before sending (the Node host declines secrets). */
        function unwrapSecrets(inputs: Record<string, unknown>): PropertyMap {
            const out: PropertyMap = {};
            for (const [k, v] of Object.entries(inputs)) {
                const sig = v !== null && typeof v === "object" ? (v as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] : undefined;
                out[k] = sig === "1b47061264138c4ac30d75fd1eb44270" ? (v as { value: unknown }).value : v;
            }
            return out;
        }

        const cloud = async () => new Map((await admin.configs()).map((c) => [c.domainName, c]));
        const client = () => new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });

        /** Check then Create, as the engine does for a new resource. */
        async function create(news: PropertyMap): Promise<{ id: string; outputs: PropertyMap; inputs: PropertyMap }> {
            const checked = await host.check({ olds: {}, news });
            assert.deepEqual(checked.failures, []);
            const created = await host.create({ properties: checked.inputs });
            return { id: created.id, outputs: created.properties, inputs: checked.inputs };
        }

        before(async () => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "host-lifecycle-"));
            probeFile = path.join(tmp, "probe.json");
            emulator = await startEmulator({ ...profile.options, host: "127.0.0.1" });
            admin = new EmulatorAdmin(emulator.url);
            project = projectDirFor(BUILD_ROOT);
            host = await startConfiguredHost({
                projectDir: project.dir,
                project: "lifecycle",
                endpoint: emulator.url,
                key: DEMO_ACCOUNT,
                env: { NODE_OPTIONS: `--require ${PROBE}`, HOST_PROBE_FILE: probeFile },
            });
        });

        after(async () => {
            await host?.stop();
            await emulator?.stop();
            project?.cleanup();
            fs.rmSync(tmp, { recursive: true, force: true });
        });

        it("the __provider text is the SDK's serialization of a real LiveRecordNotifyConfig", async () => {
            const [reg] = await captureRegistrations(() => [
                new LiveRecordNotifyConfig("r", { domainName: DOMAIN, notifyUrl: "https://cb.example.com/r" }),
            ]);
            assert.equal(reg.type, "pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig");
            providerText = reg.inputs.__provider as string;
            assert.match(providerText, /^exports\.handler = /);
            assert.match(providerText, /require\("pulumi-alicloud-live\/dist\/provider\/dynamic\/(provider|handler)\.js"\)/);
        });

        it("Check reports every failure with its property name, never echoing the key", async () => {
            const news = {
                ...(await registered("bad", { domainName: "-bad-", notifyUrl: "ftp://x", notifyReqAuth: true, notifyAuthKey: "short !" })),
            };
            const res = await host.check({ olds: {}, news });
            const properties = new Set(res.failures.map((f) => f.property));
            for (const p of ["domainName", "notifyUrl", "notifyAuthKey"])
                assert.ok(properties.has(p), `a failure names ${p}: ${JSON.stringify(res.failures)}`);
            assert.ok(!JSON.stringify(res.failures).includes("short !"));
            assert.equal((await cloud()).size, 0);
        });

        it("create, no diff when unchanged, update in place, drift on refresh, replace on a domain change, delete twice", async () => {
            const v1 = await registered("life", {
                domainName: DOMAIN,
                notifyUrl: "https://cb.example.com/v1",
                onDemandUrl: "https://cb.example.com/od",
                notifyReqAuth: true,
                notifyAuthKey: AUTH_KEY,
            });
            const created = await create(v1);
            assert.equal(created.id, DOMAIN);
            assert.equal(created.outputs.notifyUrl, "https://cb.example.com/v1");
            assert.equal(created.outputs.__provider, v1.__provider);
            let live = (await cloud()).get(DOMAIN);
            assert.equal(live?.notifyUrl, "https://cb.example.com/v1");
            assert.equal(live?.notifyAuthKey, AUTH_KEY);

            // Engine imitation: Diff gets the old OUTPUTS and the checked new inputs.
            const unchanged = await host.diff({ id: DOMAIN, olds: created.outputs, news: created.inputs, oldInputs: created.inputs });
            assert.equal(unchanged.changes, "none");

            const v2 = (await host.check({ olds: created.inputs, news: { ...v1, notifyUrl: "https://cb.example.com/v2" } })).inputs;
            const inPlace = await host.diff({ id: DOMAIN, olds: created.outputs, news: v2 });
            assert.deepEqual([inPlace.changes, inPlace.replaces], ["some", []]);
            const updated = await host.update({ id: DOMAIN, olds: created.outputs, news: v2 });
            assert.equal(updated.properties.notifyUrl, "https://cb.example.com/v2");
            assert.equal((await cloud()).get(DOMAIN)?.notifyUrl, "https://cb.example.com/v2");

            // Someone changes the on-demand URL with a plain client: Read reports it, in outputs and inputs.
            const { config } = await client().describe({ domainName: DOMAIN });
            await client().update({ ...config, onDemandUrl: "https://elsewhere.example.net/od" });
            const read = await host.read({ id: DOMAIN, properties: updated.properties, inputs: v2 });
            assert.equal(read.id, DOMAIN);
            assert.equal(read.properties.onDemandUrl, "https://elsewhere.example.net/od");
            assert.equal(read.inputs?.onDemandUrl, "https://elsewhere.example.net/od");
            const drift = await host.diff({ id: DOMAIN, olds: read.properties, news: v2 });
            assert.equal(drift.changes, "some", "the declared value differs from the live one");

            const moved = (await host.check({ olds: v2, news: { ...v2, domainName: "moved.example.com" } })).inputs;
            const replace = await host.diff({ id: DOMAIN, olds: read.properties, news: moved });
            assert.deepEqual(replace.replaces, ["domainName"]);

            await host.delete({ id: DOMAIN, properties: read.properties });
            assert.equal((await cloud()).has(DOMAIN), false);
            await host.delete({ id: DOMAIN, properties: read.properties }); // already gone: still a success
            live = (await cloud()).get(DOMAIN);
            assert.equal(live, undefined);
        });

        it("a config deleted out of band reads as gone (empty id)", async () => {
            const made = await create(await registered("gone", { domainName: "gone.example.com", notifyUrl: "https://cb.example.com/g" }));
            await client().delete({ domainName: "gone.example.com" });
            const read = await host.read({ id: made.id, properties: made.outputs, inputs: made.inputs });
            assert.equal(read.id, "");
        });

        it("partial initialisation: an adopted config that cannot be updated comes back as ErrorResourceInitFailed with __provider", async () => {
            const domain = "adopt.example.com";
            await client().add({ domainName: domain, notifyUrl: "https://someone-else.example.com/cb" });
            await admin.addFault({
                action: "UpdateLiveRecordNotifyConfig",
                count: 1,
                error: { code: "Forbidden", status: 403, message: "Ram Permission is forbidden." },
            });
            const news = await registered("adopt", { domainName: domain, notifyUrl: "https://cb.example.com/a", adoptExisting: true });
            const checked = await host.check({ olds: {}, news });
            await assert.rejects(host.create({ properties: checked.inputs }), (e: unknown) => {
                assert.ok(e instanceof HostRpcError, String(e));
                assert.equal(e.code, 2);
                assert.equal(e.initFailure?.id, domain);
                assert.equal(e.initFailure?.properties.__provider, news.__provider);
                assert.equal(e.initFailure?.properties.notifyUrl, "https://someone-else.example.com/cb");
                assert.ok((e.initFailure?.reasons.length ?? 0) > 0);
                return true;
            });
            await admin.clearFaults();
            await host.delete({ id: domain, properties: { __provider: news.__provider } });
        });

        it("50 resources in one host share one provider: identical texts, one deserialization, one module load", async () => {
            const domains = Array.from({ length: 50 }, (_, i) => `bulk${i}.example.com`);
            const regs = await captureRegistrations(() =>
                domains.map((d) => new LiveRecordNotifyConfig(d, { domainName: d, notifyUrl: `https://cb.example.com/${d}` })),
            );
            assert.equal(regs.length, 50);
            assert.equal(new Set(regs.map((r) => r.inputs.__provider)).size, 1);
            const made = await Promise.all(regs.map((r) => create(unwrapSecrets(r.inputs))));
            assert.equal((await cloud()).size, 50);
            await Promise.all(made.map((m) => host.delete({ id: m.id, properties: m.outputs })));
            assert.equal((await cloud()).size, 0);
            const counts = JSON.parse(fs.readFileSync(probeFile, "utf8")) as { providerModuleLoads: number; deserializedProviders: number };
            // Every test in this file used the same text: the host deserialized it once, for all of them.
            assert.deepEqual(counts, { providerModuleLoads: 1, deserializedProviders: 1 });
        });

        it("the host printed no secret: not the access key secret, not the callback signing key", () => {
            const { stdout, stderr } = host.output();
            for (const secret of [DEMO_ACCOUNT.accessKeySecret, AUTH_KEY]) {
                assert.ok(!stdout.includes(secret) && !stderr.includes(secret), "a secret appeared in the host's output");
            }
            assert.equal(typeof providerText, "string");
        });
    });
