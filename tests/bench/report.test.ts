import { strict as assert } from "node:assert";
import { scenarioTable, table, verdictTable } from "../../bench/report";
import type { ScenarioResult } from "../../bench/scenario";

describe("bench/report", () => {
    it("pads columns to their widest cell, numbers to the right, text to the left", () => {
        const text = table(["name", "secs"], [["a", "1.5"], ["longer", "12.25"]]);
        assert.deepEqual(text.split("\n"), ["name     secs", "------  -----", "a         1.5", "longer  12.25"]);
    });

    it("prints PASS or FAIL for every verdict", () => {
        const text = verdictTable([
            { target: "t1", scope: "alone", measured: "1", limit: "<= 2", pass: true },
            { target: "t2", scope: "cpu", measured: "3", limit: "< 1", pass: false },
        ]);
        assert.match(text, /^PASS\s+t1/m);
        assert.match(text, /^FAIL\s+t2/m);
    });
});

describe("bench/report: scenario table", () => {
    const result = (timedOut: boolean): ScenarioResult => ({
        numbers: {
            strategy: "this-provider",
            contention: false,
            availableQps: 30,
            phases: [
                { phase: "create", planned: 30, succeeded: 30, failed: 0, cutOff: 0, wallMs: 1100, errorSamples: [], wallSeconds: 1.1, floorSeconds: 1, ratio: 1.1, calls: { total: 31, throttled: 1, ok: 30 } },
            ],
            wallSeconds: 1.1,
            floorSeconds: 1,
            ratio: 1.1,
            calls: { total: 31, throttled: 1, ok: 30 },
            throttledShare: 1 / 31,
            failed: 0,
            cutOff: timedOut ? 5 : 0,
            timedOut,
        },
        host: { cpuSeconds: 1.234, peakRssBytes: 150 * 1024 * 1024 },
        timeLimitSeconds: 60,
        timeline: [],
        logOverflowed: false,
    });

    it("shows each phase's wall time and ratio, the throttled share, host CPU and peak RSS", () => {
        const row = scenarioTable([result(false)]).split("\n")[2]!;
        for (const cell of ["this-provider", "alone", "1.1 (1.10x)", "1.10x", "3.23 %", "1.23", "150"]) assert.ok(row.includes(cell), `${cell} in ${row}`);
    });

    it("marks a scenario cut off by its time limit instead of showing a ratio", () => {
        const row = scenarioTable([result(true)]).split("\n")[2]!;
        assert.ok(row.includes("1.1!"), row);
        assert.ok(row.includes("cut off"), row);
        assert.ok(!/\b1\.10x\s+31\b/.test(row), row);
    });
});
