import { strict as assert } from "node:assert";
import type { CliPhase, CliPhaseNumbers } from "../../bench/cli-metrics";
import type { CliScenarioResult, CliVariant } from "../../bench/cli-scenario";
import { cliComparisonNotes, cliComparisonTable, cliErrorLines, cliTable, scenarioTable, table, verdictTable } from "../../bench/report";
import type { ScenarioResult } from "../../bench/scenario";

describe("bench/report", () => {
    it("pads columns to their widest cell, numbers to the right, text to the left", () => {
        const text = table(
            ["name", "secs"],
            [
                ["a", "1.5"],
                ["longer", "12.25"],
            ],
        );
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
                {
                    phase: "create",
                    planned: 30,
                    succeeded: 30,
                    failed: 0,
                    cutOff: 0,
                    wallMs: 1100,
                    errorSamples: [],
                    wallSeconds: 1.1,
                    floorSeconds: 1,
                    ratio: 1.1,
                    calls: { total: 31, throttled: 1, ok: 30 },
                },
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
        const row = scenarioTable([result(false)]).split("\n")[2];
        for (const cell of ["this-provider", "alone", "1.1 (1.10x)", "1.10x", "3.23 %", "1.23", "150"])
            assert.ok(row.includes(cell), `${cell} in ${row}`);
    });

    it("marks a scenario cut off by its time limit instead of showing a ratio", () => {
        const row = scenarioTable([result(true)]).split("\n")[2];
        assert.ok(row.includes("1.1!"), row);
        assert.ok(row.includes("cut off"), row);
        assert.ok(!/\b1\.10x\s+31\b/.test(row), row);
    });
});

describe("bench/report: CLI table", () => {
    const phase = (name: CliPhase, overrides: Partial<CliPhaseNumbers> = {}): CliPhaseNumbers => ({
        phase: name,
        planned: 300,
        exitCode: 0,
        wallSeconds: 20,
        rawRatio: 2,
        netSeconds: 11.5,
        floorSeconds: 10,
        ratio: 1.15,
        succeeded: 300,
        failed: 0,
        unfinished: 0,
        calls: { total: 303, throttled: 3, ok: 300 },
        callSpanSeconds: 10.2,
        callSpanRatio: 1.02,
        throttledShare: 3 / 303,
        errorSamples: [],
        ...overrides,
    });
    const result = (phases: CliPhaseNumbers[], variant: CliVariant = "dynamic"): CliScenarioResult => ({
        variant,
        cliVersion: "v3.248.0",
        n: 300,
        parallel: 64,
        skipCheckpoints: false,
        noopWallSeconds: [8.6, 9.1],
        noopSubtractedSeconds: 8.6,
        phases,
        noQuotaWallSeconds: { create: 16.8, refresh: 4.1, destroy: 6.2 },
        timelines: { create: [], refresh: [], destroy: [] },
        cloudAfterCreate: 300,
        cloudAfterDestroy: 0,
        logOverflowed: false,
    });

    it("shows per phase the wall time and both ratios, the subtracted no-op, the call span, the time with no quota, the counts and the exit code", () => {
        const row = cliTable(result([phase("create")])).split("\n")[2];
        assert.deepEqual(row.split(/\s{2,}/), [
            "create",
            "20.0",
            "2.00x",
            "8.6",
            "11.5",
            "10.0",
            "1.15x",
            "10.2",
            "1.02x",
            "16.8",
            "300",
            "0",
            "0",
            "303",
            "3",
            "0.99 %",
            "0",
        ]);
    });

    it("lists only the phases with failed or unfinished resources or a non-zero exit, with their first error", () => {
        const lines = cliErrorLines(
            result([
                phase("create"),
                phase("refresh", { failed: 2, succeeded: 298, errorSamples: ["Forbidden.RAM: denied", "other"] }),
                phase("destroy", { exitCode: 255, unfinished: 300, succeeded: 0 }),
            ]),
        );
        assert.deepEqual(lines, [
            "  cli refresh: 2 failed, 0 unfinished, exit 0, e.g. Forbidden.RAM: denied",
            "  cli destroy: 0 failed, 300 unfinished, exit 255, e.g. no error reported",
        ]);
    });

    it("names the plugin's phases as the plugin's", () => {
        const lines = cliErrorLines(result([phase("create", { failed: 1, succeeded: 299, errorSamples: ["boom"] })], "plugin"));
        assert.deepEqual(lines, ["  cli plugin create: 1 failed, 0 unfinished, exit 0, e.g. boom"]);
    });

    it("puts the two front doors side by side per phase: net s, net/floor, throttled share, failed, no-quota wall", () => {
        const dynamic = result([phase("create"), phase("refresh", { floorSeconds: 6, netSeconds: 0, ratio: 0 }), phase("destroy")]);
        const plugin = result(
            [
                phase("create", { netSeconds: 13, ratio: 1.3, throttledShare: 0 }),
                phase("refresh", { floorSeconds: 6, netSeconds: 1.2, ratio: 0.2 }),
                phase("destroy", { failed: 2, unfinished: 5, succeeded: 293 }),
            ],
            "plugin",
        );
        const lines = cliComparisonTable(dynamic, plugin).split("\n");
        assert.equal(lines.length, 5);
        assert.deepEqual(lines[0].split(/\s{2,}/), [
            "phase",
            "floor s",
            "dynamic net s",
            "net/floor",
            "thr share",
            "failed",
            "no quota s",
            "plugin net s",
            "net/floor",
            "thr share",
            "failed",
            "no quota s",
        ]);
        assert.deepEqual(lines[2].split(/\s{2,}/), [
            "create",
            "10.0",
            "11.5",
            "1.15x",
            "0.99 %",
            "0",
            "16.8",
            "13.0",
            "1.30x",
            "0.00 %",
            "0",
            "16.8",
        ]);
        assert.deepEqual(lines[3].split(/\s{2,}/).slice(0, 3), ["refresh", "6.0", "0.0"]);
        assert.ok(lines[4].includes("2 (+5 unfinished)"), lines[4]);
    });

    it("notes each variant's no-op up and the plugin's median start-up with its samples", () => {
        const dynamic = result([phase("create")]);
        const plugin = { ...result([phase("create")], "plugin"), pluginStartup: { samplesMs: [410.2, 380.9, 395.5], medianMs: 395.5 } };
        assert.deepEqual(cliComparisonNotes(dynamic, plugin), [
            "  no-op up: dynamic 8.6 s, 9.1 s (8.6 s subtracted); plugin 8.6 s, 9.1 s (8.6 s subtracted)",
            "  plugin start-up, spawn to port line: median 396 ms (samples 410, 381, 396 ms)",
        ]);
        assert.deepEqual(cliComparisonNotes(dynamic, dynamic)[1], "  plugin start-up: not measured");
    });

    it("adds the archive's plugin as a third group, its start-up and its share of the npm plugin's", () => {
        const dynamic = result([phase("create")]);
        const plugin = { ...result([phase("create")], "plugin"), pluginStartup: { samplesMs: [250, 260], medianMs: 255 } };
        const archive = {
            ...result([phase("create", { netSeconds: 10.2, ratio: 1.02 })], "archive"),
            pluginStartup: { samplesMs: [150, 160], medianMs: 155 },
        };
        const lines = cliComparisonTable(dynamic, plugin, archive).split("\n");
        assert.deepEqual(lines[0].split(/\s{2,}/).slice(12), ["archive net s", "net/floor", "thr share", "failed", "no quota s"]);
        assert.deepEqual(lines[2].split(/\s{2,}/).slice(12), ["10.2", "1.02x", "0.99 %", "0", "16.8"]);
        assert.deepEqual(cliComparisonNotes(dynamic, plugin, archive).slice(1), [
            "  plugin start-up, spawn to port line: median 255 ms (samples 250, 260 ms)",
            "  archive plugin start-up, spawn to port line: median 155 ms (samples 150, 160 ms)",
            "  archive / npm plugin start-up: 0.61 (medians)",
        ]);
    });
});
