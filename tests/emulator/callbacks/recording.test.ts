/**
 * The recording simulation over a fake sender: which callbacks, in which order, with which bodies,
 * and how the on-demand answer decides.
 */
import { strict as assert } from "node:assert";
import type { CallbackRequest, CallbackSender, DeliveryResult } from "../../../emulator/callbacks/callback-delivery";
import { pushArgsOf, simulateRecording } from "../../../emulator/callbacks/recording";
import { parseRecordingSpec, type RecordingSpec } from "../../../emulator/callbacks/recording-spec";
import type { StoredConfig } from "../../../emulator/api/store";

const CONFIG: StoredConfig = {
    accountId: "1234",
    domainName: "live.example.com",
    notifyUrl: "https://hooks.example.com/record",
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: "RecordingKey0123456789",
};
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
            CONFIG,
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
            { ...CONFIG, needStatusNotify: false, notifyReqAuth: false },
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
            { ...CONFIG, onDemandUrl: "https://hooks.example.com/od?token=1" },
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
            { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" },
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
                { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" },
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
            { ...CONFIG, onDemandUrl: "https://hooks.example.com/od" },
            unanswered.sender,
            () => DOCS_START_MS,
        );
        assert.match(run.reason ?? "", /not answered \(failed\)/);
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
