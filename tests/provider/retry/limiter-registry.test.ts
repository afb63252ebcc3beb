import { strict as assert } from "node:assert";
import * as path from "node:path";
import { LIMITER_STORE_KEY, LimiterRegistry, limiterKey, sharedLimiterRegistry, type LimiterStore } from "../../../provider/retry/limiter-registry";
import { AdaptiveRateLimiter } from "../../../provider/retry/rate-limiter";

describe("retry/limiter-registry", () => {
    describe("LimiterRegistry", () => {
        it("gives one limiter per (account, action)", () => {
            const registry = new LimiterRegistry();
            const a = registry.limiter("acct-1", "AddLiveRecordNotifyConfig", 30);
            assert.ok(a instanceof AdaptiveRateLimiter);
            assert.equal(registry.limiter("acct-1", "AddLiveRecordNotifyConfig", 30), a);
            assert.notEqual(registry.limiter("acct-1", "UpdateLiveRecordNotifyConfig", 30), a);
            assert.notEqual(registry.limiter("acct-2", "AddLiveRecordNotifyConfig", 30), a);
            assert.equal(registry.size, 3);
        });

        it("lets the lowest ceiling asked for win", () => {
            const registry = new LimiterRegistry();
            const limiter = registry.limiter("acct", "DescribeLiveRecordNotifyConfig", 50);
            registry.limiter("acct", "DescribeLiveRecordNotifyConfig", 40);
            assert.equal(limiter.rate, 40);
            registry.limiter("acct", "DescribeLiveRecordNotifyConfig", 100);
            assert.equal(limiter.rate, 40);
        });

        it("creates limiters on its clock", () => {
            let t = 0;
            const registry = new LimiterRegistry({ clock: { now: () => t } });
            const limiter = registry.limiter("acct", "AddLiveRecordNotifyConfig", 2);
            assert.equal(limiter.reserve(), 0);
            assert.equal(limiter.reserve(), 500);
            t = 10_000;
            assert.equal(limiter.reserve(), 0, "the limiter read the registry's clock");
        });

        it("rejects an empty account key and a bad store or clock", () => {
            const registry = new LimiterRegistry();
            assert.throws(() => registry.limiter("", "AddLiveRecordNotifyConfig", 30), {
                name: "TypeError",
                message: /accountKey must be a non-empty string/,
            });
            assert.throws(() => new LimiterRegistry({ store: {} as never }), { name: "TypeError", message: /store must be a Map/ });
            assert.throws(() => new LimiterRegistry({ clock: { now: 3 } as never }), { name: "TypeError", message: /clock/ });
        });
    });

    describe("sharedLimiterRegistry", () => {
        const account = `test-account-${process.pid}-${Date.now()}`;
        const store = () => (globalThis as unknown as Record<symbol, LimiterStore>)[LIMITER_STORE_KEY];
        afterEach(() => {
            for (const action of ["AddLiveRecordNotifyConfig", "DescribeLiveRecordNotifyConfig"] as const) {
                store()?.delete(limiterKey(account, action));
            }
        });

        it('keeps its limiters on globalThis under Symbol.for("pulumi-alicloud-live.limiters")', () => {
            const limiter = sharedLimiterRegistry().limiter(account, "AddLiveRecordNotifyConfig", 30);
            assert.equal(LIMITER_STORE_KEY, Symbol.for("pulumi-alicloud-live.limiters"));
            assert.ok(store() instanceof Map);
            assert.equal(store().get(limiterKey(account, "AddLiveRecordNotifyConfig")), limiter);
            assert.equal(sharedLimiterRegistry().limiter(account, "AddLiveRecordNotifyConfig", 30), limiter);
        });

        it("is shared by a second copy of the module loaded in the same process", () => {
            const limiter = sharedLimiterRegistry().limiter(account, "DescribeLiveRecordNotifyConfig", 50);
            const registryFile = require.resolve("../../../provider/retry/limiter-registry");
            const limiterFile = require.resolve("../../../provider/retry/rate-limiter");
            const saved = new Map([registryFile, limiterFile].map((f) => [f, require.cache[f]]));
            try {
                for (const f of saved.keys()) delete require.cache[f];

                const copy = require(registryFile) as typeof import("../../../provider/retry/limiter-registry");
                assert.notEqual(copy.sharedLimiterRegistry, sharedLimiterRegistry, "the test did not load a second copy");
                assert.equal(path.basename(registryFile), "limiter-registry.js");
                assert.equal(copy.sharedLimiterRegistry().limiter(account, "DescribeLiveRecordNotifyConfig", 50), limiter);
            } finally {
                for (const [f, m] of saved) if (m) require.cache[f] = m;
            }
        });
    });
});
