import { strict as assert } from "node:assert";
import { BURST_WINDOW_MS, CUBIC_BETA, CUBIC_SCALE, MIN_RATE, RATE_MEASURE_WINDOW_MS } from "../../../provider/retry/constants";
import { AdaptiveRateLimiter } from "../../../provider/retry/rate-limiter";

class ManualClock {
    constructor(public t = 1_000) {}
    now(): number {
        return this.t;
    }
}

const close = (actual: number, expected: number, what: string) =>
    assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: expected ${expected}, got ${actual}`);

/** Calls a bucket of `ceiling` calls/s lets through at once: BURST_WINDOW_MS worth, the slot at 0 included. */
const burstOf = (ceiling: number) => Math.floor((BURST_WINDOW_MS - 1000 / ceiling) / (1000 / ceiling) + 1e-9) + 1;

describe("retry/rate-limiter: AdaptiveRateLimiter", () => {
    let clock: ManualClock;
    beforeEach(() => {
        clock = new ManualClock();
    });

    describe("pacing", () => {
        it("starts at the ceiling with a burst of BURST_WINDOW_MS worth of calls", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            assert.equal(limiter.rate, 30);
            const burst = burstOf(30);
            assert.ok(burst > 1 && burst <= 30, `burst ${burst} is more than one call and at most a second's worth`);
            for (let i = 0; i < burst; i++) assert.equal(limiter.reserve(), 0, `call ${i} of the burst waits`);
            close(limiter.reserve(), 1000 / 30, "the first call after the burst waits one interval");
        });

        it("takes no slot when the wait would exceed maxWaitMs, so an abandoned caller delays nobody", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            const burst = burstOf(30);
            for (let i = 0; i < burst; i++) limiter.reserve();
            const next = 1000 / 30;
            close(limiter.reserve(1), next, "reports the wait it would have had");
            close(limiter.reserve(1), next, "and took no slot: the same wait again");
            close(limiter.reserve(), next, "a caller that can wait gets that first slot");
            close(limiter.reserve(), 2 * next, "and the next caller the one after");
        });

        it("spaces hundreds of simultaneous waiters evenly, first come first served", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            const waits = Array.from({ length: 400 }, () => limiter.reserve());
            const burst = burstOf(30);
            for (let i = 1; i < waits.length; i++) {
                assert.ok(waits[i] >= waits[i - 1], `waiter ${i} would go before waiter ${i - 1}`);
                if (i >= burst) close(waits[i] - waits[i - 1], 1000 / 30, `gap before waiter ${i}`);
            }
            close(waits[399], (400 - burst) * (1000 / 30), "the last waiter's wait");
        });

        it("never lets more than ceiling * t + burst calls through in any span t", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            const sendTimes: number[] = [];
            for (let step = 0; step < 2_000; step++) {
                clock.t += (step * 7919) % 13; // irregular arrivals
                sendTimes.push(clock.t + limiter.reserve());
            }
            sendTimes.sort((a, b) => a - b);
            const burst = burstOf(30);
            for (let i = 0; i < sendTimes.length; i += 37) {
                for (let j = i; j < sendTimes.length; j += 53) {
                    const span = sendTimes[j] - sendTimes[i];
                    assert.ok(j - i + 1 <= (span * 30) / 1000 + burst + 1e-6, `${j - i + 1} calls in ${span} ms`);
                }
            }
        });

        it("refills while idle, but never beyond its burst", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            const burst = burstOf(30);
            for (let i = 0; i < 100; i++) limiter.reserve();
            clock.t += 60_000;
            const waits = Array.from({ length: burst + 1 }, () => limiter.reserve());
            assert.deepEqual(waits.slice(0, burst), new Array(burst).fill(0));
            assert.ok(waits[burst] > 0);
        });

        it("sends one call at a time when the rate is below one call per burst window", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 1, clock });
            assert.equal(limiter.reserve(), 0);
            assert.equal(limiter.reserve(), 1000);
        });
    });

    describe("throttles", () => {
        it("cut the rate to CUBIC_BETA of the rate in use", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            limiter.reserve();
            assert.equal(limiter.onThrottle(), true);
            close(limiter.rate, 30 * CUBIC_BETA, "rate after one throttle");
            assert.equal(limiter.epoch, 1);
        });

        it("cut from the measured send rate when callers send less than the rate allows", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            for (let i = 0; i < 12; i++) {
                clock.t += 200; // 5 calls/s
                assert.equal(limiter.reserve(), 0);
            }
            const sentInWindow = RATE_MEASURE_WINDOW_MS / 200;
            limiter.onThrottle();
            close(limiter.rate, ((sentInWindow * 1000) / RATE_MEASURE_WINDOW_MS) * CUBIC_BETA, "rate after the throttle");
        });

        it("cut once per epoch: throttles of calls reserved before the last cut are ignored", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            const epoch = limiter.epoch;
            const inFlight = Array.from({ length: 50 }, () => limiter.reserve());
            assert.equal(inFlight.length, 50);
            assert.equal(limiter.onThrottle(epoch), true);
            const afterOne = limiter.rate;
            for (let i = 0; i < 49; i++) assert.equal(limiter.onThrottle(epoch), false);
            assert.equal(limiter.rate, afterOne, "49 stale throttles changed the rate");
            assert.equal(limiter.onThrottle(limiter.epoch), true, "a throttle of a call reserved after the cut cuts again");
            assert.ok(limiter.rate < afterOne);
        });

        it("from the second cut on, cut from no more than the rate the service answered since the previous cut", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            limiter.reserve();
            limiter.onThrottle();
            // Two seconds pacing at ~22/s while the service answers only 15/s of it (the rest is another client's).
            for (let i = 0; i < 44; i++) {
                clock.t += 1000 / 22;
                limiter.reserve();
                if (i % 22 < 15) limiter.onSuccess();
            }
            const answered = 30; // 15 of each 22 calls, for two seconds
            const seconds = 44 / 22;
            const rateBefore = limiter.rate;
            assert.ok(rateBefore > answered / seconds, `the limiter climbed to ${rateBefore}/s, above the ${answered / seconds}/s granted`);
            assert.equal(limiter.onThrottle(), true);
            close(limiter.rate, (answered / seconds) * CUBIC_BETA, "rate after the second cut");
        });

        it("a cut forgets the slots it voided: the next cut counts only calls sent, not slots given up", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 10, clock });
            for (let i = 0; i < 20; i++) limiter.reserve(); // a burst now, then one slot every 100 ms for 1.5 s
            limiter.onThrottle(); // voids the queued slots: their holders reserve again
            clock.t += 1100;
            const sent = 3;
            for (let i = 0; i < sent; i++) assert.equal(limiter.reserve(), 0, "the new schedule's first calls start at once");
            for (let i = 0; i < 20; i++) limiter.onSuccess(); // climbs near 10/s; 18/s granted: neither caps the cut
            assert.ok(limiter.rate > sent, `rate ${limiter.rate}`);
            limiter.onThrottle();
            // Sent in the last second: the three new calls. The ten voided slots that fell in it were never sent.
            close(limiter.rate, ((sent * 1000) / RATE_MEASURE_WINDOW_MS) * CUBIC_BETA, "rate after the second cut");
        });

        it("a cut with no answer since the previous one, or at the same instant, falls back to the measured rate", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            limiter.onThrottle();
            const first = limiter.rate;
            limiter.onThrottle(); // same instant: nothing granted can be known
            close(limiter.rate, first * CUBIC_BETA, "second cut at the same instant");
            clock.t += 2000;
            const before = limiter.rate;
            limiter.onThrottle(); // two seconds, no answer: no evidence either way
            close(limiter.rate, Math.max(MIN_RATE, before * CUBIC_BETA), "cut after two silent seconds");
        });

        it("restart the schedule at the new rate, one interval away, with no burst", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            for (let i = 0; i < 300; i++) limiter.reserve(); // ten seconds of queue at the old rate
            limiter.onThrottle();
            const interval = 1000 / limiter.rate;
            close(limiter.reserve(), interval, "first slot after the cut");
            close(limiter.reserve(), 2 * interval, "second slot after the cut");
        });

        it("never push the rate below the floor", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            for (let i = 0; i < 100; i++) {
                limiter.onThrottle(limiter.epoch);
                clock.t += 10;
            }
            assert.equal(limiter.rate, MIN_RATE);
            const custom = new AdaptiveRateLimiter({ ceiling: 30, floor: 2, clock });
            for (let i = 0; i < 100; i++) custom.onThrottle();
            assert.equal(custom.rate, 2);
        });

        it("use the ceiling as the floor when the ceiling is lower", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 0.2, clock });
            assert.equal(limiter.floor, 0.2);
            limiter.onThrottle();
            assert.equal(limiter.rate, 0.2);
        });
    });

    describe("recovery", () => {
        it("follows C (t - K)^3 + Wmax after a cut, back to Wmax at K seconds", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            const cutAt = clock.t;
            limiter.onThrottle();
            const wMax = 30;
            const k = Math.cbrt((wMax * (1 - CUBIC_BETA)) / CUBIC_SCALE);
            for (const t of [0.5, 1, 2, k]) {
                clock.t = cutAt + t * 1000;
                limiter.onSuccess();
                close(limiter.rate, Math.min(30, CUBIC_SCALE * (t - k) ** 3 + wMax), `rate ${t} s after the cut`);
            }
            assert.ok(Math.abs(limiter.rate - 30) < 1e-6);
        });

        it("climbs back from a deep cut", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            for (let i = 0; i < 20; i++) limiter.onThrottle();
            assert.equal(limiter.rate, MIN_RATE);
            clock.t += 3_000;
            limiter.onSuccess();
            const at3s = limiter.rate;
            clock.t += 2_000;
            limiter.onSuccess();
            assert.ok(at3s > MIN_RATE && limiter.rate > at3s, `${MIN_RATE} -> ${at3s} -> ${limiter.rate}`);
        });

        it("never rises above the ceiling", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            limiter.onThrottle();
            clock.t += 3_600_000;
            limiter.onSuccess();
            assert.equal(limiter.rate, 30);
        });

        it("leaves an uncut limiter at its ceiling", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            for (let i = 0; i < 10; i++) {
                limiter.onSuccess();
                clock.t += 1_000;
            }
            assert.equal(limiter.rate, 30);
        });
    });

    describe("restrict", () => {
        it("lowers the ceiling and the rate, and never raises them", () => {
            const limiter = new AdaptiveRateLimiter({ ceiling: 30, clock });
            limiter.restrict(20);
            assert.equal(limiter.ceiling, 20);
            assert.equal(limiter.rate, 20);
            limiter.restrict(40);
            assert.equal(limiter.ceiling, 20);
            limiter.onThrottle();
            clock.t += 3_600_000;
            limiter.onSuccess();
            assert.equal(limiter.rate, 20);
        });
    });

    describe("options", () => {
        it("are checked at construction, naming the option", () => {
            assert.throws(() => new AdaptiveRateLimiter({ ceiling: 0 }), {
                name: "RangeError",
                message: /ceiling must be a finite number of calls per second > 0, got 0/,
            });
            assert.throws(() => new AdaptiveRateLimiter({ ceiling: NaN }), { name: "RangeError", message: /ceiling .* got NaN/ });
            assert.throws(() => new AdaptiveRateLimiter({ ceiling: 30, floor: -1 }), { name: "RangeError", message: /floor/ });
            assert.throws(() => new AdaptiveRateLimiter({ ceiling: 30, clock: {} as never }), {
                name: "TypeError",
                message: /clock must have a now\(\) method/,
            });
            assert.throws(() => new AdaptiveRateLimiter(undefined as never), { name: "TypeError", message: /options must be an object/ });
            const limiter = new AdaptiveRateLimiter({ ceiling: 30 });
            assert.throws(() => limiter.restrict(-3), { name: "RangeError", message: /ceiling/ });
        });
    });
});
