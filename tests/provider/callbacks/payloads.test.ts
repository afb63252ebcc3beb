import { strict as assert } from "node:assert";
import {
    parseFileGeneratedCallback,
    parseOnDemandRequest,
    parseRecordingCallback,
    parseRecordStatusCallback,
} from "../../../provider/callbacks/payloads";

/** The documentation's samples, verbatim. */
const DOCS_STATUS = `{"domain": "gs_domain", "app": "gs_app", "stream": "gs_stream", "event": "record_started"}`;
const DOCS_FILE = `{
  "domain": "qt01.alivecdn.com",
  "app": "mp4flvtest_flv",
  "stream": "callback_test",
  "uri": "mp4flvtest_flv/callback_test/0_2017-03-08-23:09:46_2017-03-08-23:10:40.flv",
  "duration": 69.403,
  "start_time": 1488985786,
  "stop_time": 1488985840,
  "push_args": {"callback_args1": "value1", "callback_myid": "1231389741"}
}`;

const errorsOf = (r: { ok: boolean; errors?: readonly string[] }): readonly string[] => (r.ok ? [] : r.errors!);

describe("provider/callbacks/payloads", () => {
    it("parses the documented status callback (string or Buffer)", () => {
        const expected = { kind: "status", domain: "gs_domain", app: "gs_app", stream: "gs_stream", event: "record_started" };
        assert.deepEqual(parseRecordStatusCallback(DOCS_STATUS), { ok: true, value: expected });
        assert.deepEqual(parseRecordingCallback(Buffer.from(DOCS_STATUS)), { ok: true, value: expected });
    });

    it("parses the documented file-generated callback, push_args included", () => {
        const r = parseRecordingCallback(DOCS_FILE);
        assert.ok(r.ok);
        assert.deepEqual(r.value, {
            kind: "file",
            domain: "qt01.alivecdn.com",
            app: "mp4flvtest_flv",
            stream: "callback_test",
            uri: "mp4flvtest_flv/callback_test/0_2017-03-08-23:09:46_2017-03-08-23:10:40.flv",
            duration: 69.403,
            startTime: 1488985786,
            stopTime: 1488985840,
            pushArgs: { callback_args1: "value1", callback_myid: "1231389741" },
        });
    });

    it("takes a file callback without push_args (the older samples) as empty push_args", () => {
        const { push_args: _ignored, ...rest } = JSON.parse(DOCS_FILE) as Record<string, unknown>;
        const r = parseFileGeneratedCallback(rest);
        assert.ok(r.ok);
        assert.deepEqual(r.value.pushArgs, {});
    });

    it("refuses bodies that are not JSON objects", () => {
        assert.deepEqual(errorsOf(parseRecordingCallback("not json")), ["the body is not valid JSON"]);
        assert.deepEqual(errorsOf(parseRecordingCallback("[1,2]")), ["the body must be a JSON object"]);
        assert.deepEqual(errorsOf(parseRecordingCallback("null")), ["the body must be a JSON object"]);
        assert.match(errorsOf(parseRecordingCallback("{}"))[0], /neither a recording status callback .* nor a file-generated callback/);
    });

    it("lists every missing or wrong field at once", () => {
        assert.deepEqual(errorsOf(parseRecordStatusCallback({ event: "record_stopped", app: 3 })), [
            `"domain" must be a non-empty string`,
            `"app" must be a non-empty string`,
            `"stream" must be a non-empty string`,
            `"event" must be one of record_started, record_paused, record_resumed (got "record_stopped")`,
        ]);
        const file = JSON.parse(DOCS_FILE) as Record<string, unknown>;
        assert.deepEqual(errorsOf(parseFileGeneratedCallback({ ...file, uri: "", duration: -1, start_time: 1.5, push_args: { a: 1 } })), [
            `"uri" must be a non-empty string`,
            `"duration" must be a number of seconds >= 0`,
            `"start_time" must be a Unix time in whole seconds`,
            `"push_args" must be an object of string values`,
        ]);
        assert.deepEqual(errorsOf(parseFileGeneratedCallback({ ...file, start_time: 20, stop_time: 10 })), [
            `"stop_time" must not be before "start_time"`,
        ]);
    });

    it("parses the documented on-demand query, with or without '?'", () => {
        const expected = { domain: "demo.aliyundoc.com", app: "seq_all", stream: "ondemand8", codec: "h264", vbitrate: 2000 };
        const query = "app=seq_all&domain=demo.aliyundoc.com&stream=ondemand8&vbitrate=2000&codec=h264";
        assert.deepEqual(parseOnDemandRequest(query), { ok: true, value: expected });
        assert.deepEqual(parseOnDemandRequest(`?${query}`), { ok: true, value: expected });
        assert.deepEqual(parseOnDemandRequest(new URLSearchParams(query)), { ok: true, value: expected });
    });

    it("names each bad on-demand query parameter", () => {
        assert.deepEqual(errorsOf(parseOnDemandRequest("domain=d&codec=vp9&vbitrate=fast")), [
            `query parameter "app" is missing`,
            `query parameter "stream" is missing`,
            `query parameter "codec" must be one of h264, h265 (got "vp9")`,
            `query parameter "vbitrate" must be a number of Kbit/s (got "fast")`,
        ]);
    });
});
