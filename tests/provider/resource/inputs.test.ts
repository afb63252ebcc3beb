import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { desiredConfig, outputsOf, withoutUndefined } from "../../../provider/resource/inputs";
import { KEY } from "./fixtures";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

describe("resource/inputs", () => {
    it("the desired config keeps only the service's fields", () => {
        const inputs = { domainName: "d.example.com", notifyUrl: "https://c.example.com", adoptExisting: true, __provider: "text" } as never;
        assert.deepEqual(desiredConfig(RN, inputs), {
            domainName: "d.example.com",
            notifyUrl: "https://c.example.com",
            needStatusNotify: false,
            notifyReqAuth: false,
        });
    });

    it("outputs never hold undefined, so the host can encode them", () => {
        const outs = outputsOf(RN, {
            domainName: "d.example.com",
            notifyUrl: "https://c.example.com",
            onDemandUrl: undefined,
            notifyAuthKey: undefined,
            needStatusNotify: undefined,
        });
        assert.ok(!Object.values(outs).includes(undefined));
        assert.doesNotThrow(() => Struct.fromJavaScript(outs as never));
        // The guard matters: the host's encoder refuses undefined after the API call has already succeeded.
        assert.throws(() => Struct.fromJavaScript({ a: undefined } as never));
    });

    it("outputs keep every field that is set", () => {
        const full = {
            domainName: "d.example.com",
            notifyUrl: "https://c.example.com",
            onDemandUrl: "https://o.example.com",
            needStatusNotify: true,
            notifyReqAuth: true,
            notifyAuthKey: KEY,
        };
        assert.deepEqual(outputsOf(RN, full), full);
    });

    it("withoutUndefined drops undefined only", () => {
        assert.deepEqual(withoutUndefined({ a: undefined, b: null, c: false, d: "" }), { b: null, c: false, d: "" });
    });
});
