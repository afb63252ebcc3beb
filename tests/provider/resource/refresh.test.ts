import { strict as assert } from "node:assert";
import { liveInputs, liveOutputs, UNSEEN_KEY } from "../../../provider/resource/refresh";
import { KEY } from "./fixtures";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const CLOUD = { domainName: "live.example.com", notifyUrl: "https://c.example.com", needStatusNotify: true, notifyReqAuth: true, notifyAuthKey: KEY };

describe("resource/refresh", () => {
    it("outputs are the described config in canonical form", () => {
        assert.deepEqual(liveOutputs(RN, { ...CLOUD, onDemandUrl: "" }, undefined, {}), CLOUD);
        assert.deepEqual(liveOutputs(RN, { domainName: "d.example.com", notifyUrl: "https://c.example.com" }, undefined, {}), {
            domainName: "d.example.com",
            notifyUrl: "https://c.example.com",
            needStatusNotify: false,
            notifyReqAuth: false,
        });
    });

    const { notifyAuthKey: _key, ...SHOWN } = CLOUD;
    const masked = (mask: string) => ({ kind: "masked", mask }) as const;

    it("a masked key whose visible characters fit the stored one keeps the stored one (no drift)", () => {
        assert.equal(liveOutputs(RN, SHOWN, masked("****"), { notifyAuthKey: KEY }).notifyAuthKey, KEY);
        assert.equal(liveOutputs(RN, SHOWN, masked(`${KEY.slice(0, 2)}****${KEY.slice(-2)}`), { notifyAuthKey: KEY }).notifyAuthKey, KEY);
    });

    it("a masked key that does not fit the stored one is a change made out of band: the mask is recorded, so it shows as drift", () => {
        const mask = `Zz****${KEY.slice(-2)}`;
        assert.equal(liveOutputs(RN, SHOWN, masked(mask), { notifyAuthKey: KEY }).notifyAuthKey, mask);
        assert.equal(liveOutputs(RN, SHOWN, masked("ab****yz"), {}).notifyAuthKey, "ab****yz", "a key appeared");
    });

    it("a key Describe leaves out keeps the stored one (a change is not detectable)", () => {
        assert.equal(liveOutputs(RN, SHOWN, { kind: "absent" }, { notifyAuthKey: KEY }).notifyAuthKey, KEY);
        assert.equal(liveOutputs(RN, { ...SHOWN, notifyReqAuth: false }, { kind: "absent" }, {}).notifyAuthKey, undefined);
    });

    it("a key Describe leaves out, while callbacks are signed and the state knows no key, is recorded as unseen (drift)", () => {
        assert.equal(liveOutputs(RN, SHOWN, { kind: "absent" }, {}).notifyAuthKey, UNSEEN_KEY);
    });

    it("a valid described key that differs is drift", () => {
        assert.equal(
            liveOutputs(RN, { ...CLOUD, notifyAuthKey: "Changed0123456789" }, { kind: "clear", key: "Changed0123456789" }, { notifyAuthKey: KEY })
                .notifyAuthKey,
            "Changed0123456789",
        );
        assert.equal(liveOutputs(RN, SHOWN, { kind: "clear" }, { notifyAuthKey: KEY }).notifyAuthKey, undefined, "a key removed out of band");
    });

    it("inputs carry the key only when the old state had one (its input was secret)", () => {
        const outputs = liveOutputs(RN, CLOUD, undefined, {});
        assert.deepEqual(liveInputs(RN, outputs, { notifyAuthKey: KEY }), CLOUD);
        const { notifyAuthKey: _k, ...withoutKey } = CLOUD;
        assert.deepEqual(liveInputs(RN, outputs, {}), withoutKey);
    });
});
