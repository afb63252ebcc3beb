import { strict as assert } from "node:assert";
import { NonceCache } from "../../../emulator/wire/nonce-cache";

describe("emulator/wire/nonce-cache", () => {
    it("remembers a nonce per access key until its expiry", () => {
        const cache = new NonceCache();
        cache.remember("AK1", "n1", 1_000, 0);
        assert.equal(cache.has("AK1", "n1", 999), true);
        assert.equal(cache.has("AK2", "n1", 999), false, "nonces are per key");
        assert.equal(cache.has("AK1", "n2", 999), false);
        assert.equal(cache.has("AK1", "n1", 1_000), false, "expired at its expiry time");
    });

    it("forgets expired entries when new ones arrive, so memory stays bounded", () => {
        const cache = new NonceCache();
        for (let i = 0; i < 100; i++) cache.remember("AK", `n${i}`, i + 10, i);
        assert.ok(cache.size <= 11, `size ${cache.size}`);
        cache.clear();
        assert.equal(cache.size, 0);
    });
});
