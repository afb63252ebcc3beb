import { strict as assert } from "node:assert";
import {
    decodeSecretKeys,
    encodeSecretKeys,
    isProgramSecret,
    SECRET_SIG,
    secretOutputKeys,
    SIG_KEY,
    STATE_SECRET_KEY,
    unwrapProgramSecrets,
    wrapProgramSecrets,
} from "../../../tools/host-driver/secrets";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("tools/host-driver/secrets", () => {
    it("uses the SDK's own secret signature", () => {
        const rpc = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string; specialSecretSig: string };
        assert.equal(SIG_KEY, rpc.specialSigKey);
        assert.equal(SECRET_SIG, rpc.specialSecretSig);
    });

    it("unwraps program secrets and names the top-level keys that held one, at any depth", () => {
        const r = unwrapProgramSecrets({ plain: 1, key: secret("k3y"), nested: { list: [secret("x"), 2] } });
        assert.deepEqual(r.values, { plain: 1, key: "k3y", nested: { list: ["x", 2] } });
        assert.deepEqual(r.secretKeys, ["key", "nested"]);
    });

    it("wraps the secret keys again for the program", () => {
        const wrapped = wrapProgramSecrets({ a: 1, b: "s" }, ["b"]);
        assert.equal(wrapped.a, 1);
        assert.ok(isProgramSecret(wrapped.b));
        assert.equal(wrapped.b.value, "s");
    });

    it("engine imitation: re-marks outputs named like secret inputs, plus additionalSecretOutputs, if present", () => {
        const outputs = { notifyAuthKey: "k", notifyUrl: "u", extra: "e" };
        assert.deepEqual(secretOutputKeys(outputs, ["notifyAuthKey", "missingOutput"], ["extra"]), ["extra", "notifyAuthKey"]);
        assert.deepEqual(secretOutputKeys(outputs, []), []);
    });

    it("encodes secret values for the state file so the plain value appears nowhere, and decodes them back", () => {
        const values = { key: "super-secret-value", obj: { deep: "also-secret" }, plain: "visible" };
        const stored = encodeSecretKeys(values, ["key", "obj"]);
        const text = JSON.stringify(stored);
        assert.doesNotMatch(text, /super-secret-value|also-secret/);
        assert.match(text, /visible/);
        assert.ok(STATE_SECRET_KEY in (stored.key as object));
        assert.deepEqual(decodeSecretKeys(stored), { values, secretKeys: ["key", "obj"] });
    });
});
