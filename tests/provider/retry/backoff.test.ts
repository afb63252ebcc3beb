import { strict as assert } from "node:assert";
import fc from "fast-check";
import { fullJitterDelay } from "../../../provider/retry/backoff";

describe("retry/backoff: fullJitterDelay", () => {
    it("is random() times min(cap, base * 2^retry)", () => {
        const half = () => 0.5;
        assert.equal(fullJitterDelay(0, 100, 20_000, half), 50);
        assert.equal(fullJitterDelay(1, 100, 20_000, half), 100);
        assert.equal(fullJitterDelay(3, 100, 20_000, half), 400);
        assert.equal(
            fullJitterDelay(2, 1_000, 20_000, () => 0.25),
            1_000,
        );
    });

    it("grows exponentially, then stays at the cap", () => {
        const top = () => 0.999_999;
        const delays = Array.from({ length: 12 }, (_, retry) => fullJitterDelay(retry, 1_000, 20_000, top));
        for (let i = 1; i < delays.length; i++) assert.ok(delays[i] >= delays[i - 1], `delay ${i} shrank: ${delays}`);
        assert.ok(delays[4] < 20_000 && delays[5] > 19_999, `the cap applies from 2^5 s: ${delays}`);
        assert.ok(delays.every((d) => d < 20_000));
    });

    it("can be zero: full jitter spreads retries over the whole window", () => {
        assert.equal(
            fullJitterDelay(5, 1_000, 20_000, () => 0),
            0,
        );
    });

    it("stays finite for huge retry counts (2^retry overflows), whatever the base", () => {
        assert.equal(
            fullJitterDelay(5_000, 100, 20_000, () => 0.5),
            10_000,
        );
        assert.equal(
            fullJitterDelay(5_000, 0, 20_000, () => 0.5),
            0,
        );
    });

    it("never exceeds min(cap, base * 2^retry) and is never negative", () => {
        fc.assert(
            fc.property(
                fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 5_000 })),
                fc.double({ min: 0, max: 10_000, noNaN: true }),
                fc.double({ min: 0, max: 100_000, noNaN: true }),
                fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
                (retry, base, cap, r) => {
                    const d = fullJitterDelay(retry, base, cap, () => r);
                    const window = base === 0 ? 0 : Math.min(cap, base * 2 ** retry); // 0 * 2^1024 is NaN in the oracle too
                    return d >= 0 && d <= window && d <= cap;
                },
            ),
            { numRuns: 2_000 },
        );
    });

    it("rejects bad input with a message naming it", () => {
        assert.throws(() => fullJitterDelay(-1, 100, 1_000, Math.random), { name: "RangeError", message: /retry must be an integer >= 0, got -1/ });
        assert.throws(() => fullJitterDelay(1.5, 100, 1_000, Math.random), { name: "RangeError", message: /retry must be an integer/ });
        assert.throws(() => fullJitterDelay(0, -5, 1_000, Math.random), {
            name: "RangeError",
            message: /baseMs must be a finite number >= 0, got -5/,
        });
        assert.throws(() => fullJitterDelay(0, 100, Infinity, Math.random), { name: "RangeError", message: /capMs/ });
        assert.throws(() => fullJitterDelay(0, 100, 1_000, () => 1), {
            name: "RangeError",
            message: /random\(\) must return a number in \[0, 1\), got 1/,
        });
        assert.throws(() => fullJitterDelay(0, 100, 1_000, () => NaN), { name: "RangeError", message: /got NaN/ });
    });
});
