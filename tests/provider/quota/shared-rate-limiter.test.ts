/**
 * The shared limiter's rules over a scripted store: what it does with the store's answers and
 * failures. The store's own arithmetic is tested against a real Redis (redis-quota-store.test.ts).
 */
import { strict as assert } from "node:assert";
import type { Cut, Grant, QuotaStore, ScheduleState } from "../../../provider/quota/quota-store";
import { AccountProcesses, SharedRateLimiter } from "../../../provider/quota/shared-rate-limiter";

class ScriptedStore implements QuotaStore {
    available = true;
    failing = false;
    epoch = 0;
    rate = 30;
    processes = 1;
    readonly throttles: number[] = [];
    answers = 0;
    /** The `maxWaitMs` and `rejoining` of each reservation asked for, and how many slots were taken. */
    readonly maxWaits: number[] = [];
    readonly rejoins: boolean[] = [];
    slotsTaken = 0;

    async reserve(_schedule: string, _ceiling: number, maxWaitMs: number, rejoining = false): Promise<Grant> {
        if (this.failing) throw new Error("quota store: slower than its budget");
        this.maxWaits.push(maxWaitMs);
        this.rejoins.push(rejoining);
        const waitMs = 5;
        const taken = waitMs <= maxWaitMs;
        if (taken) this.slotsTaken += 1;
        return { taken, waitMs, epoch: this.epoch, rate: this.rate, processes: this.processes };
    }

    async throttled(_schedule: string, _ceiling: number, epoch: number): Promise<Cut> {
        this.throttles.push(epoch);
        const cut = epoch >= this.epoch;
        if (cut) {
            this.epoch += 1;
            this.rate *= 0.7;
        }
        return { cut, epoch: this.epoch, rate: this.rate };
    }

    async answered(): Promise<ScheduleState> {
        this.answers += 1;
        return { epoch: this.epoch, rate: this.rate };
    }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("quota/SharedRateLimiter", () => {
    const make = (store: QuotaStore, ceiling = 30, clock = { t: 0, now: () => 0 }) => {
        return new SharedRateLimiter({ store, schedule: "alicloud-live:{1}:AddLiveRecordNotifyConfig", ceiling, clock });
    };
    const virtualClock = () => {
        const clock = {
            t: 0,
            now: () => clock.t,
        };
        return clock;
    };

    it("takes its slots from the store and follows the store's epoch and rate", async () => {
        const store = new ScriptedStore();
        const limiter = make(store);
        assert.equal(await limiter.reserve(), 5);
        const first = limiter.epoch;
        assert.equal(await limiter.reserve(), 5);
        assert.equal(limiter.epoch, first, "same store epoch: same epoch");
        store.epoch = 3; // another process cut the rate
        store.rate = 12;
        await limiter.reserve();
        assert.ok(limiter.epoch > first, "a cut seen in the store moves the epoch: waiting callers reserve again");
        assert.equal(limiter.rate, 12);
        assert.equal(limiter.localReservations, 0);
    });

    it("a caller that cannot wait gets the wait and no slot, as the store says", async () => {
        const store = new ScriptedStore();
        const limiter = make(store);
        assert.equal(await limiter.reserve(1), 5, "the wait the store gave");
        assert.deepEqual(store.maxWaits, [1], "the caller's limit went to the store, which decides");
        assert.equal(store.slotsTaken, 0, "no slot taken in the store");
        assert.equal(limiter.localReservations, 0, "nor one of the local limiter instead");
        assert.equal(await limiter.reserve(), 5);
        assert.equal(store.slotsTaken, 1, "a caller that can wait takes one");
    });

    it("a failed store call is paced locally at once, at this process's share, and the next call tries the store again", async () => {
        const store = new ScriptedStore();
        store.processes = 4;
        const limiter = make(store);
        await limiter.reserve();
        const storeEpoch = limiter.epoch;
        store.failing = true;
        assert.equal(await limiter.reserve(), 0, "the local limiter's first slot is free");
        assert.equal(limiter.localReservations, 1);
        assert.ok(limiter.epoch > storeEpoch, "switching schedules voids the slots of the other");
        assert.equal(limiter.rate, 7.5, "a quarter of 30/s: four processes share the schedule");
        store.failing = false;
        assert.equal(await limiter.reserve(), 5);
        assert.equal(limiter.localReservations, 1, "back on the store");
    });

    it("pacing alone while the store is away, it keeps to its share however many answers come, and throttles still cut it", async () => {
        const store = new ScriptedStore();
        store.processes = 8;
        const clock = virtualClock();
        const limiter = make(store, 30, clock);
        await limiter.reserve();
        store.available = false;
        let sent = 0;
        // 20 s alone, every slot answered: a fallback that climbs towards the ceiling by CUBIC would be
        // far above 3.75/s by then (8 processes doing so: several times the account's quota).
        for (; clock.t < 20_000; sent++) {
            const wait = await limiter.reserve();
            clock.t += wait;
            limiter.onSuccess();
            assert.ok(limiter.rate <= 30 / 8 + 1e-9, `rate ${limiter.rate} at ${clock.t} ms: above the share of 8 processes`);
        }
        // Its slots: at most the share's calls per second, plus the first slot.
        assert.ok(sent <= 20 * (30 / 8) + 2, `${sent} slots in 20 s at 3.75/s`);
        assert.equal(limiter.onThrottle(), true);
        assert.ok(limiter.rate < 30 / 8, `a throttle cuts below the share: ${limiter.rate}`);
    });

    it("a new schedule's fallback takes the account's count of processes from its other schedules, while it is recent", async () => {
        const clock = virtualClock();
        const account = new AccountProcesses(clock);
        const adds = new ScriptedStore();
        adds.processes = 8;
        const deletes = new ScriptedStore();
        deletes.processes = 1; // a schedule just begun: only this process counted yet
        const add = new SharedRateLimiter({ store: adds, schedule: "alicloud-live:{1}:AddX", ceiling: 30, clock, accountProcesses: account });
        const del = new SharedRateLimiter({ store: deletes, schedule: "alicloud-live:{1}:DeleteX", ceiling: 30, clock, accountProcesses: account });
        await add.reserve();
        await del.reserve();
        deletes.available = false;
        await del.reserve();
        assert.equal(del.rate, 30 / 8, "the share of the 8 processes the account's Add schedule counted");
        clock.t += 6_000;
        assert.equal(account.recent, 1, "a count older than the window is not trusted");
    });

    it("the first slot from the store after pacing alone says it rejoins; the next ones do not", async () => {
        const store = new ScriptedStore();
        const limiter = make(store);
        await limiter.reserve();
        store.failing = true;
        await limiter.reserve();
        await limiter.reserve();
        store.failing = false;
        await limiter.reserve();
        await limiter.reserve();
        assert.deepEqual(store.rejoins, [false, true, false], "only the slot after the local ones");
    });

    it("an unavailable store is not asked at all", async () => {
        const store = new ScriptedStore();
        store.available = false;
        store.failing = true; // would throw if asked
        const limiter = make(store);
        assert.equal(await limiter.reserve(), 0);
        assert.equal(limiter.localReservations, 1);
    });

    it("a throttle moves the epoch at once and reports the store's epoch; a stale one is ignored", async () => {
        const store = new ScriptedStore();
        const limiter = make(store);
        await limiter.reserve();
        const reservedIn = limiter.epoch;
        assert.equal(limiter.onThrottle(reservedIn), true);
        assert.ok(limiter.epoch > reservedIn, "this process's waiting callers reserve again without a round trip");
        assert.equal(limiter.onThrottle(reservedIn), false, "a second throttle of the same epoch is stale");
        await flush();
        assert.deepEqual(store.throttles, [0], "reported once, with the store's epoch of the slot");
        assert.equal(store.epoch, 1);
        const after = limiter.epoch;
        await limiter.reserve();
        assert.equal(limiter.epoch, after, "the store's new epoch was expected: no further change");
    });

    it("answers go to the store in store mode and to the local limiter when pacing alone", async () => {
        const store = new ScriptedStore();
        const limiter = make(store);
        await limiter.reserve();
        limiter.onSuccess();
        await flush();
        assert.equal(store.answers, 1);
        store.available = false;
        await limiter.reserve();
        limiter.onSuccess();
        await flush();
        assert.equal(store.answers, 1);
    });

    it("a store that rejects a report does not surface the error", async () => {
        const store = new ScriptedStore();
        const limiter = make(store);
        await limiter.reserve();
        store.throttled = async () => {
            throw new Error("gone");
        };
        store.answered = async () => {
            throw new Error("gone");
        };
        limiter.onSuccess();
        assert.equal(limiter.onThrottle(), true);
        await flush(); // an unhandled rejection would fail the run
    });
});
