import { strict as assert } from "node:assert";
import type { ErrorKind } from "../../../provider/api/error-kind";
import { LiveApiError } from "../../../provider/api/errors";
import type { LiveRecordNotifyApi } from "../../../provider/client/types";
import { ScheduledRetryApi } from "../../../bench/baselines/scheduled-retry-api";
import type { RetrySchedule } from "../../../bench/baselines/schedules";

function error(kind: ErrorKind): LiveApiError {
    return new LiveApiError({ action: "AddLiveRecordNotifyConfig", kind, serviceMessage: kind, mayHaveApplied: false });
}

/** An inner API whose add fails with the given kinds, in order, then succeeds; counts calls. */
function failing(kinds: ErrorKind[]): LiveRecordNotifyApi & { calls: number } {
    const api = {
        calls: 0,
        async add() {
            const kind = kinds[api.calls++];
            if (kind) throw error(kind);
            return { requestId: `ok-${api.calls}` };
        },
        async update() {
            return { requestId: "u" };
        },
        async describe() {
            return { requestId: "d", config: { domainName: "a.example.com", notifyUrl: "https://x.example.com" } };
        },
        async delete() {
            return { requestId: "x" };
        },
    };
    return api;
}

/** Virtual time: sleeping advances the clock. */
function virtual() {
    const t = { now: 0, slept: [] as number[] };
    return {
        t,
        options: {
            now: () => t.now,
            sleep: async (ms: number) => {
                t.slept.push(ms);
                t.now += ms;
            },
        },
    };
}

const schedule = (delays: number[], deadlineMs: number): RetrySchedule => ({
    name: "test",
    delayMs: (retry) => delays[Math.min(retry, delays.length - 1)],
    deadlineMs,
});

const config = { domainName: "a.example.com", notifyUrl: "https://x.example.com/r" };

describe("bench/baselines/scheduled-retry-api", () => {
    it("retries throttles and transient failures with the schedule's waits, then returns the result", async () => {
        const inner = failing(["throttled", "transient", "throttled"]);
        const v = virtual();
        const api = new ScheduledRetryApi(inner, schedule([3000, 5000], 300_000), v.options);
        assert.deepEqual(await api.add(config), { requestId: "ok-4" });
        assert.equal(inner.calls, 4);
        assert.deepEqual(v.t.slept, [3000, 5000, 5000]);
    });

    it("fails at once on an error that is not retryable", async () => {
        const inner = failing(["already-exists"]);
        const v = virtual();
        const api = new ScheduledRetryApi(inner, schedule([3000], 300_000), v.options);
        await assert.rejects(api.add(config), (e: unknown) => e instanceof LiveApiError && e.kind === "already-exists");
        assert.equal(inner.calls, 1);
        assert.deepEqual(v.t.slept, []);
    });

    it("gives up with the last error when the next wait would end past the deadline", async () => {
        const inner = failing(Array<ErrorKind>(100).fill("throttled"));
        const v = virtual();
        const api = new ScheduledRetryApi(inner, schedule([3000, 5000], 14_000), v.options);
        await assert.rejects(api.add(config), (e: unknown) => e instanceof LiveApiError && e.kind === "throttled");
        // 0 -> 3 s -> 8 s -> 13 s; the next wait would end at 18 s > 14 s.
        assert.deepEqual(v.t.slept, [3000, 5000, 5000]);
        assert.equal(inner.calls, 4);
    });

    it("checks its arguments", () => {
        assert.throws(() => new ScheduledRetryApi({} as LiveRecordNotifyApi, schedule([1], 1)), /inner must implement add/);
        assert.throws(() => new ScheduledRetryApi(failing([]), schedule([1], 0)), /deadlineMs > 0/);
    });
});
