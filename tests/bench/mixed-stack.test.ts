import { strict as assert } from "node:assert";
import {
    MIXED_KINDS,
    actionCounters,
    mixedActionNumbers,
    mixedCounts,
    mixedStack,
    peakInWindow,
    phaseAction,
    type MixedNumbers,
} from "../../bench/mixed-stack";
import { mixedVerdicts } from "../../bench/targets";
import type { RequestLogEntry } from "../../emulator/wire/request-log";
import { RESOURCES } from "../../provider/resources";
import type { PhaseOutcome } from "../../bench/driver";

describe("bench/mixed-stack", () => {
    it("holds every resource type the package provides, each with a configuration and an in-place change", () => {
        assert.deepEqual(MIXED_KINDS.map((k) => k.type).sort(), RESOURCES.map((d) => d.type).sort(), "a new resource needs its line in MIXED_KINDS");
        for (const kind of MIXED_KINDS) {
            const inputs = kind.inputs(3);
            assert.notDeepEqual(kind.change(inputs), inputs, `${kind.type}: the update phase changes something`);
            assert.notEqual(kind.inputs(4).domainName, inputs.domainName, `${kind.type}: each resource on its own domain`);
        }
    });

    it("takes each phase's action and quota from the resource's binding", () => {
        assert.deepEqual(phaseAction("LiveAppRecordConfig", "delete"), { action: "DeleteLiveAppRecordConfig", qps: 50 });
        assert.deepEqual(phaseAction("LiveRecordNotifyConfig", "create"), { action: "AddLiveRecordNotifyConfig", qps: 30 });
        assert.throws(() => phaseAction("NoSuchConfig", "create"), /NoSuchConfig/);
    });

    it("splits N in proportion to the create quotas, so every create action's floor is about the same", () => {
        const counts = mixedCounts(300);
        assert.equal(
            counts.reduce((a, b) => a + b, 0),
            300,
        );
        const floors = MIXED_KINDS.map((k, i) => counts[i] / phaseAction(k.type, "create").qps);
        assert.ok(Math.max(...floors) - Math.min(...floors) < 0.1, `floors ${floors.join(", ")}`);
        assert.equal(
            mixedCounts(7).reduce((a, b) => a + b, 0),
            7,
        );
        assert.throws(() => mixedCounts(MIXED_KINDS.length - 1), /at least/);
    });

    it("interleaves the kinds along the stack", () => {
        const stack = mixedStack(300);
        assert.equal(stack.length, 300);
        assert.equal(new Set(stack.map((r) => r.name)).size, 300, "names are unique");
        const firstKinds = new Set(stack.slice(0, MIXED_KINDS.length).map((r) => r.kind.type));
        assert.equal(firstKinds.size, MIXED_KINDS.length, "the first resources are one of each kind");
        const half = stack.slice(0, 150);
        for (const [i, kind] of MIXED_KINDS.entries()) {
            const inHalf = half.filter((r) => r.kind === kind).length;
            assert.ok(Math.abs(inHalf - mixedCounts(300)[i] / 2) <= 1, `${kind.type}: ${inHalf} in the first half`);
        }
    });

    const entry = (at: number, action: string, outcome = "OK", key = "K"): RequestLogEntry => ({
        seq: at,
        time: new Date(at).toISOString(),
        action,
        accessKeyId: key,
        status: outcome === "OK" ? 200 : 400,
        outcome,
        requestId: "r",
    });
    const outcome = (phase: PhaseOutcome["phase"], planned: number): PhaseOutcome => ({
        phase,
        planned,
        succeeded: planned,
        failed: 0,
        cutOff: 0,
        wallMs: 3000,
        errorSamples: [],
    });

    it("measures each action's part of a phase from the phase's start, its pace from its first call, its throttles and busiest second", () => {
        const kinds = MIXED_KINDS.filter((k) => k.type === "LiveRecordNotifyConfig");
        const from = Date.parse("2026-12-05T10:00:00.000Z");
        const entries = [
            entry(from - 10, "AddLiveRecordNotifyConfig"), // before the phase
            entry(from + 500, "AddLiveRecordNotifyConfig"),
            entry(from + 600, "AddLiveRecordNotifyConfig", "Throttling.User"),
            entry(from + 700, "AddLiveRecordNotifyConfig"),
            entry(from + 800, "AddLiveRecordNotifyConfig", "OK", "OTHER"), // another key
            entry(from + 1500, "AddLiveRecordNotifyConfig"),
            entry(from + 1500, "DeleteLiveRecordNotifyConfig"), // another action
        ];
        const [a] = mixedActionNumbers(entries, "K", [{ outcome: outcome("create", 3), fromMs: from, toMs: from + 3000 }], [3], kinds);
        assert.equal(a.action, "AddLiveRecordNotifyConfig");
        assert.deepEqual([a.calls, a.ok, a.throttled, a.peakPerSecond], [4, 3, 1, 3]);
        assert.equal(a.floorSeconds, 0.1);
        assert.ok(Math.abs(a.wallSeconds - 1.5) < 1e-9, `${a.wallSeconds}`);
        assert.ok(Math.abs(a.ratio! - 15) < 1e-9);
        assert.ok(Math.abs(a.spanSeconds - (1.0 + 1 / 30)) < 1e-9, `${a.spanSeconds}`);
    });

    it("also counts another action a phase called (a Describe before an upsert's create), against the calls it answered", () => {
        const kinds = MIXED_KINDS.filter((k) => k.type === "LiveSnapshotNotifyConfig");
        const from = Date.parse("2026-12-05T10:00:00.000Z");
        const entries = [
            entry(from + 100, "AddLiveSnapshotNotifyConfig"),
            entry(from + 50, "DescribeLiveSnapshotNotifyConfig"),
            entry(from + 90, "DescribeLiveSnapshotNotifyConfig", "InvalidConfig.NotFound"),
            entry(from + 95, "DescribeLiveSnapshotNotifyConfig", "Throttling.User"),
        ];
        const numbers = mixedActionNumbers(entries, "K", [{ outcome: outcome("create", 1), fromMs: from, toMs: from + 3000 }], [1], kinds);
        assert.deepEqual(
            numbers.map((a) => [a.action, a.planned, a.qps, a.own]),
            [
                ["AddLiveSnapshotNotifyConfig", 1, 30, true],
                ["DescribeLiveSnapshotNotifyConfig", 2, 50, false],
            ],
            "planned: the Describes answered, a 'no such configuration' included, the throttled one not",
        );
        assert.ok(Math.abs(numbers[1].wallSeconds - 0.09) < 1e-9, "until its last answer");
    });

    it("peakInWindow counts the most events in any window, in any order", () => {
        assert.equal(peakInWindow([], 1000), 0);
        assert.equal(peakInWindow([2500, 0, 999, 1000, 1998], 1000), 3);
        assert.equal(peakInWindow([0, 1000, 2000], 1000), 1);
    });

    it("reads an action's calls and throttles from the emulator's counters", () => {
        const stats = { total: 9, actions: { SetX: { OK: 5, "Throttling.User": 2, Throttling: 1, InvalidParameter: 1 } } };
        assert.deepEqual(actionCounters(stats, "SetX"), { calls: 9, throttled: 3 });
        assert.deepEqual(actionCounters(stats, "Other"), { calls: 0, throttled: 0 });
    });

    it("judges each action against its own floor, failures, and throttles of the 15/s actions only", () => {
        const action = (name: string, qps: number, ratio: number) => ({
            phase: "create" as const,
            type: "T",
            action: name,
            qps,
            own: true,
            planned: 10,
            calls: 10,
            ok: 10,
            answered: 10,
            throttled: 0,
            floorSeconds: 10 / qps,
            wallSeconds: (10 / qps) * ratio,
            ratio,
            spanSeconds: 0,
            spanRatio: ratio,
            peakPerSecond: qps,
        });
        const numbers: MixedNumbers = {
            n: 20,
            parallel: 64,
            counts: {},
            phases: [],
            actions: [action("AddA", 30, 1.05), action("SetStreams", 15, 1.2), { ...action("DescribeA", 50, 3), own: false }],
            counters: { AddA: { calls: 12, throttled: 2 }, SetStreams: { calls: 11, throttled: 1 } },
            failed: 0,
            cutOff: 0,
            timedOut: false,
        };
        const verdicts = mixedVerdicts(numbers);
        const of = (scope: string, target: string) => verdicts.find((v) => v.scope === scope && v.target.startsWith(target))?.pass;
        assert.equal(of("mixed", "failed"), true);
        assert.equal(of("mixed create AddA", "action's phase"), true);
        assert.equal(of("mixed create SetStreams", "action's phase"), false, "1.2 x its own floor");
        assert.equal(of("mixed SetStreams", "throttled"), false, "the 15/s action was throttled once");
        assert.equal(of("mixed AddA", "throttled"), undefined, "a 30/s action's throttles are reported, not targeted");
        assert.equal(of("mixed create DescribeA", "action's phase"), undefined, "a Describe the phase also calls goes at its pace: reported");
        assert.equal(mixedVerdicts({ ...numbers, failed: 1 }).find((v) => v.target === "failed operations")?.pass, false);
    });
});
