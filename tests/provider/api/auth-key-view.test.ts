import { strict as assert } from "node:assert";
import { authKeyView, keyConsistent, maskFits, mayHoldKey } from "../../../provider/api/auth-key-view";
import { holdsConfig } from "../../../provider/client/normalize";

const KEY = "Abcdefghij0123456789";

describe("provider/api/auth-key-view", () => {
    it("tells a key in clear text, a mask and a missing field apart", () => {
        assert.deepEqual(authKeyView(KEY), { kind: "clear", key: KEY });
        assert.deepEqual(authKeyView(""), { kind: "clear" });
        assert.deepEqual(authKeyView("Ab****89"), { kind: "masked", mask: "Ab****89" });
        assert.deepEqual(authKeyView("****"), { kind: "masked", mask: "****" });
        // Keys outside the documented 16-32 letters and digits are the service's to refuse: shown, they are keys.
        assert.deepEqual(authKeyView("short-key"), { kind: "clear", key: "short-key" });
        assert.deepEqual(authKeyView("k".repeat(40)), { kind: "clear", key: "k".repeat(40) });
        assert.deepEqual(authKeyView(undefined), { kind: "absent" });
    });

    it("a mask fits a key whose ends match its visible characters", () => {
        assert.equal(maskFits("Ab****89", KEY), true);
        assert.equal(maskFits("****", KEY), true);
        assert.equal(maskFits("Zb****89", KEY), false);
        assert.equal(maskFits("Ab****88", KEY), false);
        assert.equal(maskFits("Abcdefghij0****0123456789", KEY), false, "more visible characters than the key has");
        assert.equal(maskFits("no-stars", KEY), false);
    });

    it("judges what the view allows: equal in clear, fitting when masked, unknowable when absent", () => {
        assert.equal(keyConsistent({ kind: "clear", key: KEY }, KEY), true);
        assert.equal(keyConsistent({ kind: "clear" }, KEY), false);
        assert.equal(keyConsistent({ kind: "clear" }, undefined), true);
        assert.equal(keyConsistent({ kind: "masked", mask: "Ab****89" }, KEY), true);
        assert.equal(keyConsistent({ kind: "masked", mask: "Ab****89" }, undefined), false, "a key is there");
        assert.equal(keyConsistent({ kind: "absent" }, KEY), undefined);
        assert.deepEqual(
            [
                mayHoldKey({ kind: "clear" }),
                mayHoldKey({ kind: "clear", key: KEY }),
                mayHoldKey({ kind: "masked", mask: "x" }),
                mayHoldKey({ kind: "absent" }),
            ],
            [false, true, true, true],
        );
    });

    it("holdsConfig compares every field, and the key as the view shows it", () => {
        const desired = { domainName: "a.example.com", notifyUrl: "https://x/y", notifyReqAuth: true, notifyAuthKey: KEY };
        const { notifyAuthKey: _k, ...shown } = desired;
        assert.equal(holdsConfig(desired, undefined, desired), true);
        assert.equal(holdsConfig(shown, { kind: "masked", mask: "Ab****89" }, desired), true);
        assert.equal(holdsConfig(shown, { kind: "masked", mask: "Zz****89" }, desired), false);
        assert.equal(holdsConfig(shown, { kind: "absent" }, desired), true);
        assert.equal(holdsConfig({ ...shown, notifyUrl: "https://x/z" }, { kind: "absent" }, desired), false);
    });
});
