/**
 * Convergence of the whole retry layer (limiter + policy + loop) against a simulated service in
 * virtual time: deterministic (seeded, no real waiting), so the bounds can be the benchmark's own
 * targets. The real-time check against the emulator is the benchmark's job.
 */
import { strict as assert } from "node:assert";
import type { Action } from "../../../provider/client/types";
import { AdaptiveRateLimiter } from "../../../provider/retry/rate-limiter";
import { RetryingLiveApi } from "../../../provider/client/retrying-live-api";
import { addMany, SimulatedLive, spendEvenly } from "./support/simulated-live";
import { seededRandom, VirtualTime } from "./support/virtual-time";

const ADD: Action = "AddLiveRecordNotifyConfig";
const QUOTA = 30;

interface Client {
    readonly api: RetryingLiveApi;
    readonly ops: number;
    readonly concurrency: number;
}

/** One process's client: its own limiters at the documented quota, on virtual time. */
function client(live: SimulatedLive, time: VirtualTime, random: () => number, ops: number, concurrency: number): Client {
    const limiters = new Map<string, AdaptiveRateLimiter>();
    const api = new RetryingLiveApi(live, {
        limiters: (action) => {
            const limiter = new AdaptiveRateLimiter({ ceiling: action === "DescribeLiveRecordNotifyConfig" ? 50 : QUOTA, clock: time });
            limiters.set(action, limiter);
            return limiter;
        },
        clock: time,
        sleep: time.sleep,
        random,
    });
    return { api, ops, concurrency };
}

async function run(time: VirtualTime, clients: readonly Client[]) {
    let done = false;
    let failures: unknown[] = [];
    const all = Promise.all(clients.map((c, i) => addMany(c.api, c.ops, c.concurrency, `zone${i}.example.com`))).then((f) => {
        failures = f.flat();
        done = true;
    });
    const start = time.now();
    const end = await time.run(() => done, start + 600_000);
    assert.ok(done, "the simulation did not finish within 10 virtual minutes");
    await all;
    return { failures, seconds: (end - start) / 1000 };
}

describe("retry/retrying-api: convergence against a simulated quota (virtual time)", function () {
    this.timeout(60_000);

    for (const [seed, concurrency] of [
        [1, 64],
        [2, 8],
        [3, 300],
    ] as const) {
        it(`alone at the documented quota: >= 0.91 x quota, <= 2 % throttled, no failure (seed ${seed}, ${concurrency} in flight)`, async () => {
            const time = new VirtualTime();
            const random = seededRandom(seed);
            const live = new SimulatedLive({ time, random, writeQps: QUOTA });
            const { failures, seconds } = await run(time, [client(live, time, random, 600, concurrency)]);
            assert.deepEqual(failures, []);
            assert.equal(live.configs.size, 600);
            const rate = 600 / seconds;
            const throttledShare = live.served.throttled / (live.served.ok + live.served.throttled);
            assert.ok(rate >= 0.91 * QUOTA, `achieved ${rate.toFixed(2)}/s`);
            assert.ok(throttledShare <= 0.02, `${(100 * throttledShare).toFixed(2)} % throttled`);
        });
    }

    for (const seed of [4, 5]) {
        it(`sharing the account with a client that spends half the quota: >= 0.8 x the rest, no failure (seed ${seed})`, async () => {
            const time = new VirtualTime();
            const random = seededRandom(seed);
            const live = new SimulatedLive({ time, random, writeQps: QUOTA });
            const other = spendEvenly(time, live.buckets.get(ADD) as never, QUOTA / 2);
            try {
                const { failures, seconds } = await run(time, [client(live, time, random, 450, 64)]);
                assert.deepEqual(failures, []);
                const rate = 450 / seconds;
                assert.ok(rate >= 0.8 * (QUOTA / 2), `achieved ${rate.toFixed(2)}/s of the ${QUOTA / 2}/s left`);
                const throttledShare = live.served.throttled / (live.served.ok + live.served.throttled);
                assert.ok(throttledShare <= 0.1, `${(100 * throttledShare).toFixed(2)} % of our calls throttled`);
            } finally {
                other.stop();
            }
        });
    }

    it("two processes of one account, each unaware of the other: both finish, together >= 0.8 x quota", async () => {
        const time = new VirtualTime();
        const random = seededRandom(6);
        const live = new SimulatedLive({ time, random, writeQps: QUOTA });
        const { failures, seconds } = await run(time, [client(live, time, random, 400, 64), client(live, time, random, 400, 64)]);
        assert.deepEqual(failures, []);
        assert.equal(live.configs.size, 800);
        assert.ok(800 / seconds >= 0.8 * QUOTA, `together ${(800 / seconds).toFixed(2)}/s`);
    });
});
