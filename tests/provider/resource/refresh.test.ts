import { strict as assert } from "node:assert";
import { liveInputs, liveOutputs } from "../../../provider/resource/refresh";
import { KEY } from "./fixtures";

const CLOUD = { domainName: "live.example.com", notifyUrl: "https://c.example.com", needStatusNotify: true, notifyReqAuth: true, notifyAuthKey: KEY };

describe("resource/refresh", () => {
    it("outputs are the described config in canonical form", () => {
        assert.deepEqual(liveOutputs({ ...CLOUD, onDemandUrl: "" }, {}), CLOUD);
        assert.deepEqual(liveOutputs({ domainName: "d.example.com", notifyUrl: "https://c.example.com" }, {}), {
            domainName: "d.example.com", notifyUrl: "https://c.example.com", needStatusNotify: false, notifyReqAuth: false,
        });
    });

    it("a described key that cannot be a key (masked) keeps the stored one", () => {
        assert.equal(liveOutputs({ ...CLOUD, notifyAuthKey: "****" }, { notifyAuthKey: KEY }).notifyAuthKey, KEY);
        assert.equal(liveOutputs({ ...CLOUD, notifyAuthKey: "Abcd************" }, { notifyAuthKey: KEY }).notifyAuthKey, KEY);
    });

    it("a valid described key that differs is drift, not masking", () => {
        assert.equal(liveOutputs({ ...CLOUD, notifyAuthKey: "Changed0123456789" }, { notifyAuthKey: KEY }).notifyAuthKey, "Changed0123456789");
    });

    it("a masked key with nothing stored is reported as described", () => {
        assert.equal(liveOutputs({ ...CLOUD, notifyAuthKey: "****" }, {}).notifyAuthKey, "****");
    });

    it("inputs carry the key only when the old state had one (its input was secret)", () => {
        const outputs = liveOutputs(CLOUD, {});
        assert.deepEqual(liveInputs(outputs, { notifyAuthKey: KEY }), CLOUD);
        const { notifyAuthKey: _k, ...withoutKey } = CLOUD;
        assert.deepEqual(liveInputs(outputs, {}), withoutKey);
    });
});
