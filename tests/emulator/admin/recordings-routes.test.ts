/**
 * `/_emulator/recordings` end to end: configs written through the real API (the record-notify config,
 * and the recording configuration that makes Live record), a push simulated through the admin client,
 * the callbacks received by a loopback receiver through a delivery override, signatures checked with
 * node's MD5 here; streams no recording configuration covers get no callback, under both `starApp`
 * readings.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { DEMO_ACCOUNT, EmulatorAdmin, EmulatorAdminError, type EmulatorOptions } from "../../../emulator";
import { handleRecordingsAdmin } from "../../../emulator/admin/recordings-routes";
import { resolveOptions } from "../../../emulator/instance/options";
import { EmulatorState } from "../../../emulator/instance/state";
import { receiverFixture, type TestReceiver } from "../support/callback-receiver";
import { coreCall } from "../support/core-client";
import { ADD, emulatorFixture } from "../support/fixtures";

const KEY = "AdminRecordingKey01234";
const DOMAIN = "live.example.com";
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

describe("emulator/admin/recordings-routes", function () {
    this.timeout(30_000);
    const start = emulatorFixture();
    const startReceiver = receiverFixture();
    let receiver: TestReceiver;
    let admin: EmulatorAdmin;
    let endpoint: string;

    /** Adds a recording configuration of `app` (`*`: every app) through the API. */
    async function addRecordConfig(app: string, extra: Record<string, string | number> = {}): Promise<void> {
        const added = await coreCall(endpoint, DEMO_ACCOUNT, "AddLiveAppRecordConfig", {
            DomainName: DOMAIN,
            AppName: app,
            OssEndpoint: "oss-cn-shanghai.aliyuncs.com",
            OssBucket: "recordings",
            RecordFormat: [{ Format: "flv" }],
            ...extra,
        } as unknown as Record<string, string>);
        assert.ok(added.ok, JSON.stringify(added));
    }

    /** The record-notify config `config`, and (unless `recordApp` is null) a recording configuration of `recordApp`. */
    async function setUp(
        config: Record<string, string | boolean>,
        options: EmulatorOptions = {},
        recordApp: string | null = "app",
        recordExtra: Record<string, string | number> = {},
    ): Promise<void> {
        receiver = await startReceiver();
        const emu = await start({
            deliver: { "hooks.example.com": receiver.origin },
            callbackDelivery: { timeoutMs: 200, retries: 2, retryIntervalMs: 10 },
            ...options,
        });
        endpoint = emu.endpoint;
        admin = new EmulatorAdmin(emu.url);
        const added = await coreCall(endpoint, DEMO_ACCOUNT, ADD, {
            DomainName: DOMAIN,
            NotifyUrl: "http://hooks.example.com/live/record",
            ...config,
        });
        assert.ok(added.ok, JSON.stringify(added));
        if (recordApp !== null) await addRecordConfig(recordApp, recordExtra);
    }

    it("delivers signed status and file callbacks to the receiver; the run lists them without the key", async () => {
        await setUp({ NeedStatusNotify: true, NotifyReqAuth: true, NotifyAuthKey: KEY });
        const run = await admin.simulateRecording({ domainName: DOMAIN, app: "app", stream: "cam1", pause: true, pushArgs: "callback_user=42" });
        assert.equal(run.recorded, true);
        assert.deepEqual(
            run.deliveries.map((d) => [d.kind, d.outcome, d.attempts.length]),
            [
                ["record_started", "delivered", 1],
                ["record_paused", "delivered", 1],
                ["record_resumed", "delivered", 1],
                ["file_generated", "delivered", 1],
            ],
        );
        assert.equal(receiver.received.length, 4);
        for (const r of receiver.received) {
            assert.equal(r.headers.host, "hooks.example.com");
            assert.equal(r.headers["ali-live-signature"], md5(`hooks.example.com|${String(r.headers["ali-live-timestamp"])}|${KEY}`));
        }
        const file = JSON.parse(receiver.received[3].body) as Record<string, unknown>;
        assert.deepEqual(file.push_args, { callback_user: "42" });
        assert.equal(file.domain, DOMAIN);
        const listed = await admin.recordings();
        assert.deepEqual(
            listed.map((r) => r.id),
            [run.id],
        );
        assert.ok(!JSON.stringify(listed).includes(KEY), "the admin API showed the key");
    });

    it("an on-demand answer NeedRecord false stops the recording before any recording callback", async () => {
        await setUp({ OnDemandUrl: "http://hooks.example.com/live/on-demand" }, {}, "app", { OnDemand: 1 });
        receiver.behave((r) => (r.method === "GET" ? { status: 200, body: { NeedRecord: false } } : { status: 200 }));
        const run = await admin.simulateRecording({ domainName: DOMAIN, app: "app", stream: "cam1" });
        assert.equal(run.recorded, false);
        assert.deepEqual(
            receiver.received.map((r) => r.method),
            ["GET"],
        );
        assert.match(receiver.received[0].url, /^\/live\/on-demand\?domain=live\.example\.com&app=app&stream=cam1&codec=h264&vbitrate=2000$/);
    });

    it("a receiver that refuses: every attempt is recorded, the run still completes", async () => {
        await setUp({ NotifyReqAuth: true, NotifyAuthKey: KEY });
        receiver.behave(() => ({ status: 401, body: { error: "signature-mismatch" } }));
        const run = await admin.simulateRecording({ domainName: DOMAIN, app: "app", stream: "cam1" });
        assert.deepEqual(
            run.deliveries.map((d) => [d.kind, d.outcome]),
            [["file_generated", "failed"]],
        );
        assert.deepEqual(
            run.deliveries[0].attempts.map((a) => a.status),
            [401, 401, 401],
        );
    });

    it("answers 404 for an unconfigured domain, 400 for a bad spec, 404 for an unknown run, and reset clears the runs", async () => {
        await setUp({});
        await assert.rejects(
            admin.simulateRecording({ domainName: "other.example.com", app: "a", stream: "s" }),
            (e: unknown) =>
                e instanceof EmulatorAdminError &&
                e.status === 404 &&
                /no recording configuration and no recording callback config for domain "other.example.com"/.test(e.message),
        );
        await assert.rejects(
            admin.simulateRecording({ domainName: DOMAIN, app: "", stream: "s" }),
            (e: unknown) => e instanceof EmulatorAdminError && e.status === 400 && /"app" must be/.test(e.message),
        );
        const run = await admin.simulateRecording({ domainName: DOMAIN.toUpperCase(), app: "a", stream: "s" });
        const one = await fetch(`http://${endpoint}/_emulator/recordings/${run.id}`);
        assert.equal(((await one.json()) as { id: string }).id, run.id);
        assert.equal((await fetch(`http://${endpoint}/_emulator/recordings/nope`)).status, 404);
        assert.equal((await fetch(`http://${endpoint}/_emulator/recordings`, { method: "DELETE" })).status, 405);
        await admin.reset();
        assert.deepEqual(await admin.recordings(), []);
    });

    for (const starApp of ["separate", "listed"] as const) {
        it(`starApp ${starApp}: the "*" configuration covers every app and an app's stream-level one only its stream; uncovered pushes send nothing`, async () => {
            await setUp({ NeedStatusNotify: true }, { starApp }, "*");
            await addRecordConfig("vip", { StreamName: "cam9" });
            const covered = await admin.simulateRecording({ domainName: DOMAIN, app: "any", stream: "cam1" });
            assert.equal(covered.recorded, true, covered.reason);
            assert.equal(covered.recordConfig, `${DOMAIN}/*`);
            const streamLevel = await admin.simulateRecording({ domainName: DOMAIN, app: "vip", stream: "cam9" });
            assert.equal(streamLevel.recordConfig, `${DOMAIN}/vip/cam9`);
            assert.deepEqual(
                receiver.received.map((r) => (JSON.parse(r.body) as { app: string; stream: string; event?: string }).event ?? "file"),
                ["record_started", "file", "record_started", "file"],
            );
            const deleted = await coreCall(endpoint, DEMO_ACCOUNT, "DeleteLiveAppRecordConfig", { DomainName: DOMAIN, AppName: "*" });
            assert.ok(deleted.ok, JSON.stringify(deleted));
            const uncovered = await admin.simulateRecording({ domainName: DOMAIN, app: "any", stream: "cam1" });
            assert.equal(uncovered.recorded, false);
            assert.deepEqual(uncovered.deliveries, []);
            assert.match(uncovered.reason ?? "", /no recording configuration covers live\.example\.com\/any\/cam1/);
            const otherStream = await admin.simulateRecording({ domainName: DOMAIN, app: "vip", stream: "cam1" });
            assert.equal(otherStream.recorded, false);
            assert.equal(receiver.received.length, 4, "nothing more was sent");
        });
    }

    it("a recording configuration without a record-notify config: recorded, no callback; on demand without an OnDemandUrl: not recorded", async () => {
        receiver = await startReceiver();
        const emu = await start({ deliver: { "hooks.example.com": receiver.origin } });
        endpoint = emu.endpoint;
        admin = new EmulatorAdmin(emu.url);
        await addRecordConfig("app");
        await addRecordConfig("ondemand", { OnDemand: 1 });
        const run = await admin.simulateRecording({ domainName: DOMAIN, app: "app", stream: "cam1" });
        assert.equal(run.recorded, true, run.reason);
        assert.deepEqual(run.deliveries, []);
        const onDemand = await admin.simulateRecording({ domainName: DOMAIN, app: "ondemand", stream: "cam1" });
        assert.equal(onDemand.recorded, false);
        assert.match(onDemand.reason ?? "", /OnDemandUrl/);
        assert.deepEqual(receiver.received, []);
    });

    it("answers 403 to a peer that is not loopback, before touching anything", async () => {
        const state = new EmulatorState(resolveOptions());
        const sender = { send: () => assert.fail("nothing may be sent") };
        const answer = await handleRecordingsAdmin(
            { method: "POST", path: "/_emulator/recordings", search: new URLSearchParams(), peer: "10.0.0.5", body: Buffer.from("{}") },
            state,
            sender,
        );
        assert.equal(answer?.status, 403);
        assert.equal(
            handleRecordingsAdmin(
                { method: "GET", path: "/_emulator/configs", search: new URLSearchParams(), peer: "127.0.0.1", body: Buffer.alloc(0) },
                state,
                sender,
            ),
            undefined,
        );
    });
});
