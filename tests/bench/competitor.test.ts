import { strict as assert } from "node:assert";
import { callsDue, Competitor, UPDATE_POOL } from "../../bench/competitor";
import { LiveApiError } from "../../provider/api/errors";
import type { LiveRecordNotifyApi } from "../../provider/client/types";

describe("bench/competitor", () => {
    it("callsDue: an even schedule, the first call at 0", () => {
        assert.equal(callsDue(-1, 15), 0);
        assert.equal(callsDue(0, 15), 1);
        assert.equal(callsDue(66, 15), 1);
        assert.equal(callsDue(67, 15), 2);
        assert.equal(callsDue(1000, 15), 16);
        assert.equal(callsDue(10_000, 15), 151);
    });

    it("sends each stream on schedule, updates the pool, deletes only what it added, and counts throttles", async () => {
        const calls: string[] = [];
        let adds = 0;
        const api: LiveRecordNotifyApi = {
            async add(r) {
                calls.push(`add ${r.domainName}`);
                // Every fifth Add is throttled: it must not enter the pools.
                if (++adds % 5 === 0) {
                    throw new LiveApiError({ action: "AddLiveRecordNotifyConfig", kind: "throttled", serviceMessage: "t", mayHaveApplied: false });
                }
                return { requestId: "a" };
            },
            async update(r) {
                calls.push(`update ${r.domainName}`);
                return { requestId: "u" };
            },
            async describe() {
                throw new Error("not used");
            },
            async delete(r) {
                calls.push(`delete ${r.domainName}`);
                return { requestId: "d" };
            },
        };
        const rate = 100;
        const runMs = 600;
        const competitor = new Competitor(api, rate, "t");
        competitor.start();
        await new Promise((resolve) => setTimeout(resolve, runMs));
        const summary = await competitor.stop();
        const { add, update, delete: del } = summary.streams;
        // On schedule: never ahead of it over the time it really ran, however late a loaded machine stopped it...
        const due = callsDue(summary.seconds * 1000, rate);
        assert.ok(add.sent <= due, `sent ${add.sent} Adds in ${summary.seconds} s at ${rate}/s: more than the ${due} due`);
        // ... and caught up: a tick due before the stop's timer runs before it (Node runs timers in due order), and
        // sends everything due by then, so no late timer loses calls. Two intervals of slack for timer rounding.
        const least = callsDue(runMs - 2 * (1000 / rate), rate);
        assert.ok(add.sent >= least, `sent ${add.sent} Adds in ${summary.seconds} s at ${rate}/s: fewer than the ${least} due before the stop`);
        assert.equal(add.throttled, Math.floor(add.sent / 5));
        assert.equal(add.ok + add.throttled, add.sent);
        // The three streams share one schedule: each had the same number of ticks, give or take one.
        for (const s of [update, del]) assert.ok(Math.abs(s.sent + s.skipped - add.sent) <= 1, `${s.sent}+${s.skipped} ticks vs ${add.sent}`);
        assert.ok(update.sent > 0 && del.sent > 0, "updates and deletes ran");
        assert.ok(del.skipped > 0, "deletes waited for Adds beyond the update pool");
        const updated = new Set(calls.filter((c) => c.startsWith("update ")).map((c) => c.slice(7)));
        const deleted = calls.filter((c) => c.startsWith("delete ")).map((c) => c.slice(7));
        assert.ok(updated.size <= UPDATE_POOL);
        for (const d of deleted) {
            assert.ok(calls.includes(`add ${d}`), `${d} was deleted without being added`);
            assert.ok(!updated.has(d), `${d} is in the update pool and was deleted`);
        }
        assert.equal(new Set(deleted).size, deleted.length, "a domain was deleted twice");
        const after = calls.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(calls.length, after, "calls continued after stop");
    });

    it("checks its rate", () => {
        assert.throws(() => new Competitor({} as LiveRecordNotifyApi, 0, "x"), /rate must be a positive number/);
    });
});
