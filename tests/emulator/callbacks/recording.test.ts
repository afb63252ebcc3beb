/**
 * The recording simulation over a fake sender: which callbacks, in which order, with which bodies,
 * and how the on-demand answer decides.
 */
import { strict as assert } from "node:assert";
import type { CallbackRequest, CallbackSender, DeliveryResult } from "../../../emulator/callbacks/callback-delivery";
import { pushArgsOf, simulateRecording } from "../../../emulator/callbacks/recording";
import { parseRecordingSpec, type RecordingSpec } from "../../../emulator/callbacks/recording-spec";
import type { StoredConfig } from "../../../emulator/api/store";
import type { AppRecordConfig } from "../../../emulator/api/app-record-actions";

const CONFIG: StoredConfig = {
    accountId: "1234",
    domainName: "live.example.com",
    notifyUrl: "https://hooks.example.com/record",
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: "RecordingKey0123456789",
};
/** A recording configuration of `app` (`*`: every app) on CONFIG's domain, recording FLV. */
function recordConfig(app: string, extra: Partial<AppRecordConfig> = {}): AppRecordConfig {
    const streamName = extra.streamName;
    return {
        accountId: "1234",
        id: ["live.example.com", app, ...(streamName ? [streamName] : [])].join("/"),
        domainName: "live.example.com",
        appName: app,
        ossEndpoint: "oss-cn-shanghai.aliyuncs.com",
        ossBucket: "recordings",
        recordFormats: [{ Format: "flv" }],
        transcodeRecordFormats: [],
        transcodeTemplates: [],
        createTime: "2026-12-01T00:00:00Z",
        ...extra,
    };
}
/** The account's configs: the record-notify config and, by default, a recording configuration of app1. */
const account = (notify: StoredConfig | null = CONFIG, recordConfigs: AppRecordConfig[] = [recordConfig("app1")]) => ({
    accountId: "1234",
    ...(notify ? { notify } : {}),
    recordConfigs,
});
/** app1 recorded on demand (OnDemand 1). */
const ON_DEMAND = [recordConfig("app1", { onDemand: 1 })];
/** The docs' sample: start_time 1488985786 is 2017-03-08-23:09:46 in the file name. */
const DOCS_START_MS = 1488985786_000;

function spec(extra: Record<string, unknown> = {}): RecordingSpec {
    const s = parseRecordingSpec({ domainName: "live.example.com", app: "app1", stream: "s1", ...extra });
    assert.ok(!("errors" in s), JSON.stringify(s));
    return s;
}

/** Records every request; answers GETs with `onDemandAnswer` and everything with `outcome`. */
function fakeSender(onDemandAnswer?: unknown, outcome: "delivered" | "failed" = "delivered") {
    const sent: CallbackRequest[] = [];
    const sender: CallbackSender = {
        async send(request): Promise<DeliveryResult> {
            sent.push(request);
            const record = {
                kind: request.kind,
                method: request.method,
                url: request.url,
                signed: request.notifyAuthKey !== undefined,
                outcome,
                attempts: [],
            };
            const body =
                request.method === "GET" && onDemandAnswer !== undefined
                    ? { responseBody: typeof onDemandAnswer === "string" ? onDemandAnswer : JSON.stringify(onDemandAnswer) }
                    : {};
            return { record, ...body };
        },
    };
    return { sender, sent, kinds: () => sent.map((r) => r.kind) };
}

describe("emulator/callbacks/recording", () => {
    it("with NeedStatusNotify: record_started, paused, resumed, then the file, all signed with the stored key", async () => {
        const fake = fakeSender();
        const run = await simulateRecording(
            "r1",
            spec({ pause: true, durationSeconds: 54, pushArgs: "?auth_key=x&callback_args1=value1&callback_args1=value2&callback_myid=1231389741" }),
            account(),
            fake.sender,
            () => DOCS_START_MS,
        );
        assert.deepEqual(fake.kinds(), ["record_started", "record_paused", "record_resumed", "file_generated"]);
        assert.ok(fake.sent.every((r) => r.method === "POST" && r.url === CONFIG.notifyUrl && r.notifyAuthKey === CONFIG.notifyAuthKey));
        assert.deepEqual(fake.sent[1].body, { domain: "live.example.com", app: "app1", stream: "s1", event: "record_paused" });
        assert.deepEqual(fake.sent[3].body, {
            domain: "live.example.com",
            app: "app1",
            stream: "s1",
            uri: "app1/s1/0_2017-03-08-23:09:46_2017-03-08-23:10:40.flv",
            duration: 54,
            start_time: 1488985786,
            stop_time: 1488985840,
            push_args: { callback_args1: "value1", callback_myid: "1231389741" },
        });
        assert.equal(run.recorded, true);
        assert.equal(run.deliveries.length, 4);
        assert.ok(!JSON.stringify(run).includes(CONFIG.notifyAuthKey!), "the run shows no key");
    });

    it("without NeedStatusNotify: only the file callbacks, one per format; unsigned without NotifyReqAuth", async () => {
        const fake = fakeSender();
        await simulateRecording(
            "r2",
            spec({ pause: true, formats: ["mp4", "m3u8"] }),
            account({ ...CONFIG, needStatusNotify: false, notifyReqAuth: false }),
            fake.sender,
            () => DOCS_START_MS,
        );
        assert.deepEqual(fake.kinds(), ["file_generated", "file_generated"]);
        assert.deepEqual(
            fake.sent.map((r) => (r.body as { uri: string }).uri.split(".").pop()),
            ["mp4", "m3u8"],
        );
        assert.ok(fake.sent.every((r) => r.notifyAuthKey === undefined));
    });

    it("asks the OnDemandUrl first, with the documented query; NeedRecord false means no recording", async () => {
        const fake = fakeSender({ NeedRecord: false });
        const run = await simulateRecording(
            "r3",
            spec({ codec: "h265", vbitrate: 800 }),
            account({ ...CONFIG, onDemandUrl: "https://hooks.example.com/od?token=1" }, ON_DEMAND),
            fake.sender,
            () => DOCS_START_MS,
        );
        assert.deepEqual(fake.kinds(), ["on_demand"]);
        const url = new URL(fake.sent[0].url);
        assert.equal(fake.sent[0].method, "GET");
        assert.deepEqual(Object.fromEntries(url.searchParams), {
            token: "1",
            domain: "live.example.com",
            app: "app1",
            stream: "s1",
            codec: "h265",
            vbitrate: "800",
        });
        assert.equal(run.recorded, false);
        assert.match(run.reason ?? "", /NeedRecord false/);
    });

    it("NeedRecord true: records, in the answer's formats", async () => {
        const fake = fakeSender({ ApiVersion: "1.0", NeedRecord: true, Format: ["mp4"], Interval: { Mp4: 600 } });
        const run = await simulateRecording(
            "r4",
            spec({ formats: ["flv"] }),
            account({ ...CONFIG, onDemandUrl: "https://hooks.example.com/od" }, ON_DEMAND),
            fake.sender,
            () => DOCS_START_MS,
        );
        assert.deepEqual(fake.kinds(), ["on_demand", "record_started", "file_generated"]);
        assert.match((fake.sent[2].body as { uri: string }).uri, /\.mp4$/);
        assert.deepEqual(run.onDemand, { needRecord: true, formats: ["mp4"], intervals: { Mp4: 600 } });
    });

    it("no usable answer to the on-demand query: nothing is recorded, and the run says why", async () => {
        for (const [answer, reason] of [
            ["not json", /not JSON/],
            [{ NeedRecord: "yes" }, /NeedRecord is missing or not a boolean/],
            [{ NeedRecord: true, Format: ["avi"] }, /Format must be/],
            [{ NeedRecord: true, Interval: { Mp4: 1 } }, /Interval.Mp4 is not 5-21600/],
        ] as const) {
            const fake = fakeSender(answer);
            const run = await simulateRecording(
                "r",
                spec(),
                account({ ...CONFIG, onDemandUrl: "https://hooks.example.com/od" }, ON_DEMAND),
                fake.sender,
                () => DOCS_START_MS,
            );
            assert.equal(run.recorded, false);
            assert.match(run.reason ?? "", reason);
            assert.deepEqual(fake.kinds(), ["on_demand"]);
        }
        const unanswered = fakeSender(undefined, "failed");
        const run = await simulateRecording(
            "r",
            spec(),
            account({ ...CONFIG, onDemandUrl: "https://hooks.example.com/od" }, ON_DEMAND),
            unanswered.sender,
            () => DOCS_START_MS,
        );
        assert.match(run.reason ?? "", /not answered \(failed\)/);
    });

    describe("only where a recording configuration covers the stream", () => {
        const push = async (records: AppRecordConfig[], extra: Record<string, unknown> = {}, notify: StoredConfig | null = CONFIG) => {
            const fake = fakeSender({ NeedRecord: true });
            const run = await simulateRecording("r", spec(extra), account(notify, records), fake.sender, () => DOCS_START_MS);
            return { run, kinds: fake.kinds() };
        };

        it("covered: the app's configuration, the `*` app's, a stream-level one for its stream; the run names the configuration in force", async () => {
            for (const [records, app, stream, inForce] of [
                [[recordConfig("app1")], "app1", "s1", "live.example.com/app1"],
                [[recordConfig("*")], "app1", "s1", "live.example.com/*"],
                [[recordConfig("*")], "another", "s9", "live.example.com/*"],
                [[recordConfig("app1", { streamName: "s1" })], "app1", "s1", "live.example.com/app1/s1"],
                [[recordConfig("*", { streamName: "s1" })], "other", "s1", "live.example.com/*/s1"],
            ] as const) {
                const { run, kinds } = await push([...records], { app, stream });
                assert.equal(run.recorded, true, `${app}/${stream}: ${run.reason}`);
                assert.equal(run.recordConfig, inForce);
                assert.deepEqual(kinds, ["record_started", "file_generated"], `${app}/${stream}`);
            }
        });

        it("not covered: another app, another stream of a stream-level configuration, no configuration at all: no callback, and the run says why", async () => {
            for (const [records, app, stream] of [
                [[recordConfig("app2")], "app1", "s1"],
                [[recordConfig("app1", { streamName: "s2" })], "app1", "s1"],
                [[recordConfig("*", { streamName: "s2" })], "app1", "s1"],
                [[{ ...recordConfig("app1"), domainName: "other.example.com", id: "other.example.com/app1" }], "app1", "s1"],
                [[], "app1", "s1"],
            ] as const) {
                const { run, kinds } = await push([...records], { app, stream });
                assert.equal(run.recorded, false, `${app}/${stream}`);
                assert.deepEqual(kinds, [], `${app}/${stream}: nothing is sent`);
                assert.match(run.reason ?? "", /no recording configuration covers live\.example\.com\/app1\/s1/);
                assert.equal(run.recordConfig, undefined);
            }
        });

        it("the most specific configuration is in force: the stream's, then the app's, then `*`'s stream, then `*`", async () => {
            const star = recordConfig("*", { onDemand: 1 });
            const app = recordConfig("app1", { recordFormats: [{ Format: "mp4" }] });
            const stream = recordConfig("app1", { streamName: "s1", recordFormats: [{ Format: "m3u8" }] });
            const starStream = recordConfig("*", { streamName: "s1", recordFormats: [{ Format: "mp4" }, { Format: "flv" }] });
            assert.equal((await push([star, starStream, app, stream])).run.recordConfig, "live.example.com/app1/s1");
            assert.equal((await push([star, starStream, app])).run.recordConfig, "live.example.com/app1");
            assert.equal((await push([star, starStream])).run.recordConfig, "live.example.com/*/s1");
            // The app's own configuration records at once (OnDemand 0): `*`'s on-demand mode does not ask.
            assert.deepEqual((await push([star, app], {}, { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" })).kinds, [
                "record_started",
                "file_generated",
            ]);
        });

        it("the files are the configuration's formats (cmaf not simulated); the spec's formats replace them", async () => {
            const formats = recordConfig("app1", { recordFormats: [{ Format: "mp4" }, { Format: "cmaf" }, { Format: "m3u8" }] });
            const fake = fakeSender();
            await simulateRecording("r", spec(), account({ ...CONFIG, needStatusNotify: false }, [formats]), fake.sender, () => DOCS_START_MS);
            assert.deepEqual(
                fake.sent.map((r) => (r.body as { uri: string }).uri.split(".").pop()),
                ["mp4", "m3u8"],
            );
            const replaced = fakeSender();
            await simulateRecording(
                "r",
                spec({ formats: ["flv"] }),
                account({ ...CONFIG, needStatusNotify: false }, [formats]),
                replaced.sender,
                () => DOCS_START_MS,
            );
            assert.deepEqual(
                replaced.sent.map((r) => (r.body as { uri: string }).uri.split(".").pop()),
                ["flv"],
            );
        });

        it("on demand (OnDemand 1) needs the record-notify config's OnDemandUrl; without one nothing is recorded; OnDemand 0 never asks it", async () => {
            const none = await push(ON_DEMAND);
            assert.equal(none.run.recorded, false);
            assert.deepEqual(none.kinds, []);
            assert.match(none.run.reason ?? "", /OnDemand 1.*OnDemandUrl.*has none/);
            const asked = await push(ON_DEMAND, {}, { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" });
            assert.deepEqual(asked.kinds, ["on_demand", "record_started", "file_generated"]);
            const always = await push([recordConfig("app1", { onDemand: 0 })], {}, { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" });
            assert.deepEqual(always.kinds, ["record_started", "file_generated"], "OnDemand 0 records without asking");
        });

        it("OnDemand 2 (ingest parameters) and 7 (RealTimeRecordCommand) record nothing at the push", async () => {
            for (const [mode, reason] of [
                [2, /ingest parameters/],
                [7, /RealTimeRecordCommand/],
            ] as const) {
                const { run, kinds } = await push(
                    [recordConfig("app1", { onDemand: mode })],
                    {},
                    { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" },
                );
                assert.equal(run.recorded, false);
                assert.deepEqual(kinds, []);
                assert.match(run.reason ?? "", reason);
            }
        });

        it("a stream-level window records only inside it", async () => {
            const window = (startTime: string, endTime: string) => [recordConfig("app1", { streamName: "s1", startTime, endTime })];
            assert.equal((await push(window("2017-03-08T00:00:00Z", "2017-03-09T00:00:00Z"))).run.recorded, true);
            const later = await push(window("2017-03-09T00:00:00Z", "2017-03-10T00:00:00Z"));
            assert.equal(later.run.recorded, false);
            assert.deepEqual(later.kinds, []);
            assert.match(later.run.reason ?? "", /records live\.example\.com\/app1\/s1 only from 2017-03-09T00:00:00Z/);
        });

        it("covered but the domain has no record-notify config: recorded, nothing sent", async () => {
            const { run, kinds } = await push([recordConfig("app1")], {}, null);
            assert.equal(run.recorded, true);
            assert.deepEqual(kinds, []);
            assert.deepEqual(run.deliveries, []);
        });
    });

    it("push_args: callback_* parameters only, first value of each", () => {
        assert.deepEqual(pushArgsOf("auth_key=1-0-0-x&callback_a=1&callback_a=2&other=3&callback_b="), { callback_a: "1", callback_b: "" });
    });

    it("the spec names each bad field", () => {
        const r = parseRecordingSpec({
            domainName: "live.example.com",
            app: "a b",
            pause: "yes",
            durationSeconds: 0,
            formats: ["mkv"],
            codec: "vp9",
            vbitrate: -1,
            extra: 1,
        });
        assert.ok("errors" in r);
        assert.deepEqual(r.errors, [
            `unknown field "extra" (allowed: domainName, app, stream, accountId, pause, durationSeconds, formats, codec, vbitrate, pushArgs)`,
            `"app" must be 1-255 letters, digits, ".", "-" or "_"`,
            `"stream" must be 1-255 letters, digits, ".", "-" or "_"`,
            `"pause" must be a boolean`,
            `"durationSeconds" must be a number of seconds in (0, 86400]`,
            `"formats" must be a non-empty list of distinct mp4, flv, m3u8`,
            `"codec" must be h264 or h265`,
            `"vbitrate" must be a whole number of Kbit/s >= 0`,
        ]);
    });
});
