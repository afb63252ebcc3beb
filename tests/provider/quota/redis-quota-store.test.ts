/**
 * The Redis quota store against a real redis-server (started here, no persistence): the shared
 * schedule's guarantees, its keys, and how it behaves when Redis dies, restarts empty, or refuses
 * the password. Bounds are generous: the machine may be loaded.
 */
import { strict as assert } from "node:assert";
import Redis from "ioredis";
import { scheduleName } from "../../../provider/quota/quota-store";
import { RedisQuotaStore, SCHEDULE_IDLE_TTL_MS, StoreBudgetError, reasonOf, withinBudget } from "../../../provider/quota/redis-quota-store";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";
import { startRedisServer, type RunningRedis } from "../../../tools/redis/server";

const PASSWORD = "store-pw-Zq81-hygiene";
/** Generous per-call budget for a loaded test machine; the budget rule itself is tested in store-health. */
const BUDGET_MS = 1_000;

describe("quota/RedisQuotaStore (real redis-server)", function () {
    this.timeout(60_000);
    let redis: RunningRedis;
    const stores: RedisQuotaStore[] = [];
    const open = (url = redis.url, notices: string[] = []) => {
        const store = new RedisQuotaStore({ url: parseQuotaStoreUrl(url), onNotice: (m) => notices.push(m), callBudgetMs: BUDGET_MS });
        stores.push(store);
        return store;
    };
    let n = 0;
    const fresh = () => scheduleName(`10000000000000${++n}`, "AddLiveRecordNotifyConfig");

    before(async () => {
        redis = await startRedisServer({ password: PASSWORD });
    });
    afterEach(async () => {
        await Promise.all(stores.splice(0).map((s) => s.close()));
    });
    after(() => redis?.stop());

    it("hands out a burst, then slots one interval apart, first come first served across clients", async () => {
        const [a, b] = [open(), open()];
        assert.equal(await a.ready(), true);
        assert.equal(await b.ready(), true);
        const schedule = fresh();
        const interval = 1000 / 30;
        // Each slot's send time on this process's clock, known to lie between asking plus the wait and
        // the answer plus the wait: the schedule is checked within what the round trips leave unknown, so
        // a slow round trip on a loaded machine widens the check instead of failing it.
        const slots: Array<{ wait: number; earliest: number; latest: number }> = [];
        for (let i = 0; i < 30; i++) {
            const asked = performance.now();
            const { waitMs, taken } = await (i % 2 ? a : b).reserve(schedule, 30, Infinity);
            const answered = performance.now();
            assert.equal(taken, true);
            slots.push({ wait: waitMs, earliest: asked + waitMs, latest: answered + waitMs });
        }
        const shown = slots.map((s) => s.wait.toFixed(1)).join(", ");
        // 500 ms of burst at 30/s is 15 calls (GCRA: the 15th starts one interval before the window ends).
        assert.ok(
            slots.slice(0, 14).every((s) => s.wait === 0),
            `burst: ${shown}`,
        );
        // Two callers that both had to wait were given consecutive slots of the schedule: exactly one
        // interval apart, whichever client asked (1 ms for rounding).
        let queued = 0;
        for (let i = 1; i < 30; i++) {
            const [previous, slot] = [slots[i - 1], slots[i]];
            if (previous.wait === 0 || slot.wait === 0) continue;
            queued++;
            const most = slot.latest - previous.earliest;
            const least = slot.earliest - previous.latest;
            assert.ok(
                most >= interval - 1 && least <= interval + 1,
                `slot ${i} follows slot ${i - 1} by ${least.toFixed(2)} to ${most.toFixed(2)} ms: ${shown}`,
            );
        }
        // The last of 30 calls asked within 500 ms waits (each round trip under 16 ms on average; the store's budget is 10 ms).
        assert.ok(queued > 0, `no two consecutive callers waited: the schedule let them through, or the calls were slower than it: ${shown}`);
        // Paced: 30 calls at 30/s with 500 ms of burst span at least 15 intervals, however fast they were asked.
        const span = slots[29].latest - slots[0].earliest;
        assert.ok(span >= 15 * interval - 1, `30 slots spanned only ${span.toFixed(1)} ms: ${shown}`);
    });

    it("takes no slot a caller cannot wait for, and says how long the wait would be", async () => {
        const store = open();
        await store.ready();
        const schedule = fresh();
        for (let i = 0; i < 40; i++) await store.reserve(schedule, 30, Infinity);
        const refused = await store.reserve(schedule, 30, 1);
        assert.equal(refused.taken, false);
        assert.ok(refused.waitMs > 1);
        const again = await store.reserve(schedule, 30, 1);
        assert.equal(again.taken, false);
        // Not pushed back by the refusal: at most the time between the two calls shorter.
        assert.ok(again.waitMs <= refused.waitMs && again.waitMs > refused.waitMs - 200, `${refused.waitMs} then ${again.waitMs}`);
        const taken = await store.reserve(schedule, 30, Infinity);
        assert.equal(taken.taken, true);
        assert.ok(Math.abs(taken.waitMs - again.waitMs) < 200);
    });

    it("a throttle cuts the shared rate once per epoch, for every client; answers let it climb back", async () => {
        const [a, b] = [open(), open()];
        await Promise.all([a.ready(), b.ready()]);
        const schedule = fresh();
        const first = await a.reserve(schedule, 30, Infinity);
        assert.equal(first.epoch, 0);
        const cut = await a.throttled(schedule, 30, 0);
        assert.deepEqual({ cut: cut.cut, epoch: cut.epoch }, { cut: true, epoch: 1 });
        assert.ok(Math.abs(cut.rate - 21) < 1e-9, `cut to 70 % of 30: ${cut.rate}`);
        // Another client throttled in the old epoch: no second cut.
        const stale = await b.throttled(schedule, 30, 0);
        assert.deepEqual({ cut: stale.cut, epoch: stale.epoch }, { cut: false, epoch: 1 });
        const seen = await b.reserve(schedule, 30, Infinity);
        assert.equal(seen.epoch, 1);
        assert.ok(seen.rate <= 21 + 1e-9);
        await new Promise((resolve) => setTimeout(resolve, 400));
        const climbed = await b.answered(schedule, 30);
        assert.ok(climbed.rate > 21 && climbed.rate < 30, `CUBIC climb: ${climbed.rate}`);
        assert.equal(seen.processes, 2, "both clients count towards the schedule's share");
    });

    it("a client rejoining after pacing alone gets no burst: its slots are one interval apart from the first", async () => {
        const store = open();
        await store.ready();
        const schedule = fresh();
        const interval = 1000 / 30;
        const slots: Array<{ earliest: number; latest: number }> = [];
        for (let i = 0; i < 10; i++) {
            const asked = performance.now();
            const { waitMs, taken } = await store.reserve(schedule, 30, Infinity, i === 0);
            const answered = performance.now();
            assert.equal(taken, true);
            slots.push({ earliest: asked + waitMs, latest: answered + waitMs });
        }
        // A fresh schedule would hand these 10 out at once (its burst is 15); the rejoiner's span 9 intervals.
        const span = slots[9].latest - slots[0].earliest;
        assert.ok(span >= 9 * interval - 1, `10 slots after a rejoin spanned ${span.toFixed(1)} ms, less than 9 intervals`);
    });

    it("a cut after a rejoin starts from the rate, not from counts that missed the calls paced alone", async () => {
        const clock = { t: 1_000_000, now: () => clock.t };
        const make = () => {
            const store = new RedisQuotaStore({ url: parseQuotaStoreUrl(redis.url), callBudgetMs: BUDGET_MS, scheduleClock: clock });
            stores.push(store);
            return store;
        };
        const [a, b] = [make(), make()];
        await Promise.all([a.ready(), b.ready()]);
        const run = async (rejoin: boolean) => {
            clock.t += 60_000;
            const schedule = fresh();
            await a.reserve(schedule, 30, Infinity);
            const first = await a.throttled(schedule, 30, 0);
            assert.equal(first.cut, true);
            clock.t += 100;
            await a.answered(schedule, 30); // the one answer the schedule saw since its cut
            clock.t += 1_400;
            await b.reserve(schedule, 30, Infinity, rejoin); // b paced its calls alone until now
            clock.t += 100;
            return a.throttled(schedule, 30, first.epoch);
        };
        const control = await run(false);
        // The rule that stays: without a rejoin, the rate granted since the last cut (1 answer in 1.6 s) caps the cut.
        assert.ok(control.cut && control.rate < 2, `without a rejoin: cut to ${control.rate}`);
        const afterRejoin = await run(true);
        // 70 % of the rate (21/s after the first cut, barely climbed): not the 1.2/s the schedule's own count gives.
        assert.ok(afterRejoin.cut && afterRejoin.rate > 14 && afterRejoin.rate < 16, `after a rejoin: cut to ${afterRejoin.rate}`);
    });

    it("while processes rejoin, a throttle cuts the shared rate at most once per window", async () => {
        const clock = { t: 5_000_000, now: () => clock.t };
        const store = new RedisQuotaStore({ url: parseQuotaStoreUrl(redis.url), callBudgetMs: BUDGET_MS, scheduleClock: clock });
        stores.push(store);
        await store.ready();
        const run = async (rejoin: boolean) => {
            clock.t += 60_000;
            const schedule = fresh();
            await store.reserve(schedule, 30, Infinity, rejoin);
            const first = await store.throttled(schedule, 30, 0);
            clock.t += 200;
            await store.reserve(schedule, 30, Infinity);
            const second = await store.throttled(schedule, 30, first.epoch); // a call of the new epoch
            clock.t += 1_000;
            await store.reserve(schedule, 30, Infinity);
            const later = await store.throttled(schedule, 30, second.epoch);
            return { first, second, later };
        };
        const steady = await run(false);
        assert.deepEqual([steady.first.cut, steady.second.cut, steady.later.cut], [true, true, true], "no rejoin: every new epoch's throttle cuts");
        const rejoining = await run(true);
        assert.deepEqual([rejoining.first.cut, rejoining.second.cut], [true, false], "the second cut within the window after a rejoin is not made");
        assert.equal(rejoining.second.epoch, rejoining.first.epoch);
        assert.ok(Math.abs(rejoining.second.rate - rejoining.first.rate) < 1e-9);
        assert.equal(rejoining.later.cut, true, "a window later, a throttle cuts again");
    });

    it("keys are namespaced by account and action, expire when idle, and hold no credential", async () => {
        const store = open();
        await store.ready();
        const schedule = scheduleName("1234567890123456", "DeleteLiveRecordNotifyConfig");
        await store.reserve(schedule, 30, Infinity);
        await store.throttled(schedule, 30, 0);
        const client = new Redis(redis.url);
        try {
            const keys = (await client.keys("*1234567890123456*")).sort();
            assert.deepEqual(keys, [
                "alicloud-live:{1234567890123456}:DeleteLiveRecordNotifyConfig",
                "alicloud-live:{1234567890123456}:DeleteLiveRecordNotifyConfig:clients",
                "alicloud-live:{1234567890123456}:DeleteLiveRecordNotifyConfig:slots",
            ]);
            for (const key of keys) {
                const ttl = await client.pttl(key);
                assert.ok(ttl > 0 && ttl <= SCHEDULE_IDLE_TTL_MS, `${key} expires (${ttl} ms)`);
            }
            const dump = JSON.stringify(await client.hgetall(keys[0]));
            assert.ok(!dump.includes(PASSWORD));
            assert.match(dump, /"rate":"21"/);
        } finally {
            client.disconnect();
        }
    });

    it("Redis killed and restarted empty: calls fail fast meanwhile, then work again; told once each way", async () => {
        const notices: string[] = [];
        const store = open(redis.url, notices);
        await store.ready();
        const schedule = fresh();
        await store.throttled(schedule, 30, 0);
        await redis.kill();
        // Failing fast means failing at once or at the end of its budget; waiting for a reconnect means not
        // failing before the restart below, so a bound far above the budget tells the two apart even on a
        // loaded machine.
        const failed = await Promise.race([
            store.reserve(schedule, 30, Infinity).then(
                () => "answered",
                (e: Error) => e.message,
            ),
            new Promise<string>((resolve) => setTimeout(() => resolve("still waiting"), 10 * BUDGET_MS).unref()),
        ]);
        assert.match(
            failed,
            /^quota store \S+: (not connected|ECONNREFUSED|ECONNRESET|EPIPE|slower than its budget)$/,
            `fails within its budget, never waits for a reconnect (got: ${failed})`,
        );
        assert.equal(store.available, false);
        await redis.restart();
        const deadline = Date.now() + 20_000;
        while (!store.available && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(store.available, true, "reconnected by itself");
        // Empty: its scripts are loaded again (NOSCRIPT) and the schedule starts anew at the ceiling.
        const grant = await store.reserve(schedule, 30, Infinity);
        assert.deepEqual({ epoch: grant.epoch, rate: grant.rate, taken: grant.taken }, { epoch: 0, rate: 30, taken: true });
        assert.equal(notices.filter((m) => m.includes("failed")).length, 1, notices.join("\n"));
        assert.equal(notices.filter((m) => m.includes("answers again;")).length, 1, notices.join("\n"));
        for (const m of notices) assert.ok(!m.includes(PASSWORD), "the password is never told");
    });

    it("a refused password: not ready, calls fail, and neither errors nor notices quote it", async () => {
        const notices: string[] = [];
        const wrong = "wrong-pw-Kx77-hygiene";
        const store = open(`redis://:${wrong}@127.0.0.1:${redis.port}`, notices);
        assert.equal(await store.ready(3_000), false);
        assert.equal(store.available, false);
        const error = await store.reserve(fresh(), 30, Infinity).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.ok(error instanceof Error);
        assert.ok(!error.message.includes(wrong) && !error.message.includes(PASSWORD), error.message);
        assert.match(notices.join("\n"), /authentication refused/);
        for (const m of notices) assert.ok(!m.includes(wrong), m);
    });

    it("reasonOf words a failure without quoting it", () => {
        assert.equal(
            reasonOf(Object.assign(new Error("WRONGPASS invalid username-password pair"), { name: "ReplyError" })),
            "authentication refused",
        );
        assert.equal(reasonOf(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })), "ECONNREFUSED");
        assert.equal(reasonOf(new Error("ERR something with secret-value")), "Error");
    });
    it("withinBudget: an answer in time passes through; none within the budget is a StoreBudgetError", async () => {
        assert.equal(await withinBudget(new Promise((resolve) => setTimeout(() => resolve("ok"), 1)), 1_000), "ok");
        await assert.rejects(withinBudget(new Promise(() => undefined), 5), StoreBudgetError);
        await assert.rejects(withinBudget(Promise.reject(new Error("ECONNRESET")), 1_000), /ECONNRESET/);
        assert.equal(reasonOf(new StoreBudgetError("no answer within 5 ms")), "slower than its budget");
    });
});
