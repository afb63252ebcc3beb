import { strict as assert } from "node:assert";
import type { RequestLogEntry } from "../../emulator/wire/request-log";
import type { PhaseOutcome } from "../../bench/driver";
import { countCalls, floorSeconds, isThrottleOutcome, ratio, scenarioNumbers, timeline } from "../../bench/metrics";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
let seq = 0;
function entry(key: string, action: string, outcome: string, offsetMs: number): RequestLogEntry {
    return {
        seq: ++seq,
        time: new Date(T0 + offsetMs).toISOString(),
        action,
        accessKeyId: key,
        status: outcome === "OK" ? 200 : 400,
        outcome,
        requestId: `r${seq}`,
    };
}

const ADD = "AddLiveRecordNotifyConfig";
const UPDATE = "UpdateLiveRecordNotifyConfig";

describe("bench/metrics", () => {
    it("recognizes throttling outcomes by code", () => {
        assert.deepEqual(["Throttling", "Throttling.User", "Throttling.Api", "OK", "InvalidConfig.NotFound", "ThrottlingX"].map(isThrottleOutcome), [
            true,
            true,
            true,
            false,
            false,
            false,
        ]);
    });

    it("counts one key's calls per action and in all, optionally within a time window", () => {
        const log = [
            entry("P", ADD, "OK", 0),
            entry("P", ADD, "Throttling.User", 10),
            entry("C", ADD, "Throttling.User", 20),
            entry("P", UPDATE, "OK", 1500),
            entry("P", UPDATE, "InvalidConfig.NotFound", 1600),
        ];
        const mine = countCalls(log, "P");
        assert.deepEqual(mine.all, { total: 4, throttled: 1, ok: 2 });
        assert.deepEqual(mine.byAction[ADD], { total: 2, throttled: 1, ok: 1 });
        assert.deepEqual(mine.byAction[UPDATE], { total: 2, throttled: 0, ok: 1 });
        assert.deepEqual(countCalls(log, "P", { fromMs: T0 + 5, toMs: T0 + 1550 }).all, { total: 2, throttled: 1, ok: 1 });
        assert.deepEqual(countCalls(log, "nobody").all, { total: 0, throttled: 0, ok: 0 });
    });

    it("floor = calls / quota; ratio = wall / floor, undefined for an empty floor", () => {
        assert.equal(floorSeconds(300, 30), 10);
        assert.equal(floorSeconds(300, 15), 20);
        assert.equal(ratio(11, 10), 1.1);
        assert.equal(ratio(3, 0), undefined);
        assert.throws(() => floorSeconds(10, 0), RangeError);
    });

    it("timeline: OK and throttled answers per second from a start time, for one key", () => {
        const log = [entry("P", ADD, "OK", 100), entry("P", ADD, "Throttling.User", 900), entry("P", ADD, "OK", 2100), entry("C", ADD, "OK", 50)];
        assert.deepEqual(timeline(log, "P", T0), [
            { second: 0, ok: 1, throttled: 1 },
            { second: 1, ok: 0, throttled: 0 },
            { second: 2, ok: 1, throttled: 0 },
        ]);
    });

    it("combines phases and calls: floors from each phase's operations at the available rate, sums, shares", () => {
        const phase = (p: PhaseOutcome["phase"], planned: number, wallMs: number, failed = 0): PhaseOutcome => ({
            phase: p,
            planned,
            succeeded: planned - failed,
            failed,
            cutOff: 0,
            wallMs,
            errorSamples: [],
        });
        const log = [
            entry("P", ADD, "OK", 0),
            entry("P", ADD, "Throttling.User", 1),
            entry("P", UPDATE, "OK", 2),
            entry("P", "DescribeLiveRecordNotifyConfig", "OK", 3),
        ];
        const n = scenarioNumbers({
            strategy: "x",
            contention: true,
            availableQps: 15,
            phases: [phase("create", 30, 2500), phase("update", 15, 1000, 2), phase("delete", 30, 2000)],
            calls: countCalls(log, "P"),
            timedOut: false,
        });
        assert.deepEqual(
            n.phases.map((p) => p.floorSeconds),
            [2, 1, 2],
        );
        assert.deepEqual(
            n.phases.map((p) => p.ratio),
            [1.25, 1, 1],
        );
        assert.deepEqual(n.phases[0].calls, { total: 2, throttled: 1, ok: 1 });
        assert.deepEqual(n.phases[2].calls, { total: 0, throttled: 0, ok: 0 });
        assert.equal(n.wallSeconds, 5.5);
        assert.equal(n.floorSeconds, 5);
        assert.equal(n.ratio, 1.1);
        assert.equal(n.calls.total, 4);
        assert.equal(n.throttledShare, 0.25);
        assert.equal(n.failed, 2);
    });
});
