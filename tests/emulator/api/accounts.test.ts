import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, deriveAccountId, KeyRing, resolveKey } from "../../../emulator/api/accounts";

describe("emulator/api/accounts", () => {
    it("derives a stable 16-digit account id per access key id", () => {
        const a = deriveAccountId("AK-ONE");
        assert.match(a, /^1\d{15}$/);
        assert.equal(deriveAccountId("AK-ONE"), a);
        assert.notEqual(deriveAccountId("AK-TWO"), a);
    });

    it("resolves defaults: derived account id, not read-only", () => {
        assert.deepEqual(resolveKey({ accessKeyId: "K", accessKeySecret: "S" }), {
            accessKeyId: "K",
            accessKeySecret: "S",
            accountId: deriveAccountId("K"),
            readOnly: false,
        });
        const sts = resolveKey({ accessKeyId: "K", accessKeySecret: "S", accountId: "42", readOnly: true, securityToken: "T", expiresAt: 5 });
        assert.equal(sts.accountId, "42");
        assert.equal(sts.readOnly, true);
        assert.equal(sts.securityToken, "T");
        assert.equal(sts.expiresAt, 5);
    });

    it("finds keys by id", () => {
        const ring = new KeyRing([DEMO_ACCOUNT, { accessKeyId: "K2", accessKeySecret: "S2", accountId: "7" }]);
        assert.equal(ring.find("K2")?.accountId, "7");
        assert.equal(ring.find(DEMO_ACCOUNT.accessKeyId)?.accessKeySecret, DEMO_ACCOUNT.accessKeySecret);
        assert.equal(ring.find("nope"), undefined);
    });

    it("ships a demo key that does not look like a real Alibaba key", () => {
        assert.doesNotMatch(DEMO_ACCOUNT.accessKeyId, /^LTAI/);
        assert.ok(Object.isFrozen(DEMO_ACCOUNT));
    });
});
