import { strict as assert } from "node:assert";
import { AdaptiveRateLimiter } from "../../../provider/retry/rate-limiter";
import { DeferredRateLimiter } from "../../../provider/retry/deferred-limiter";

describe("retry/DeferredRateLimiter", () => {
    it("the first reserve waits for the limiter, once; later calls go straight to it", async () => {
        const clock = { now: () => 0 };
        const target = new AdaptiveRateLimiter({ ceiling: 30, clock });
        let resolved = 0;
        const deferred = new DeferredRateLimiter(async () => (resolved++, target), 30);
        assert.equal(deferred.rate, 30);
        assert.equal(deferred.epoch, 0);
        assert.equal(deferred.onThrottle(), false, "nothing to cut before the limiter is known");
        const waits = await Promise.all([deferred.reserve(), deferred.reserve()]);
        assert.deepEqual(waits, [0, 0]);
        assert.equal(resolved, 1);
        assert.equal(typeof deferred.reserve(), "number", "once known, reserving is synchronous again");
        assert.equal(deferred.onThrottle(deferred.epoch), true);
        assert.equal(deferred.epoch, target.epoch);
        assert.equal(deferred.rate, target.rate);
    });

    it("a ceiling lowered before the limiter is known is applied to it", async () => {
        const target = new AdaptiveRateLimiter({ ceiling: 30, clock: { now: () => 0 } });
        const deferred = new DeferredRateLimiter(async () => target, 30);
        deferred.restrict(10);
        await deferred.reserve();
        assert.equal(target.ceiling, 10);
    });
});
