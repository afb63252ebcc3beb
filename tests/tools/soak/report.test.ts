import { strict as assert } from "node:assert";
import { DEFAULT_SOAK_OPTIONS } from "../../../tools/soak/args";
import { emptyTally } from "../../../tools/soak/fault-mix";
import { formatSummary, soakPassed, summarize } from "../../../tools/soak/report";
import type { SequenceResult } from "../../../tools/soak/sequence";

function result(index: number, extra: Partial<SequenceResult> = {}): SequenceResult {
    const tally = emptyTally();
    return {
        index,
        steps: 8,
        stepKinds: { "up": 6, "refresh": 1, "out-of-band": 1 },
        changes: { create: 3, update: 2, replace: 1, delete: 1 },
        outOfBandSkipped: 0,
        outages: 1,
        failedSteps: 1,
        failureCauses: { "AddLiveRecordNotifyConfig: Throttling.User": 1 },
        unclearFailures: [],
        reruns: { faultsOn: 1, faultsOff: 0, withRefresh: 0 },
        notConverged: [],
        divergences: [],
        secretLeaks: [],
        tally: { ...tally, requests: 50, faults: { ...tally.faults, throttle: 4, latency: 2 } },
        wallMs: 1000,
        ...extra,
    };
}

describe("tools/soak/report", () => {
    it("adds up the sequences", () => {
        const s = summarize(DEFAULT_SOAK_OPTIONS, [result(0), result(1)], 5000);
        assert.equal(s.sequences, 2);
        assert.equal(s.steps, 16);
        assert.equal(s.destroys, 2);
        assert.equal(s.stepKinds.up, 12);
        assert.equal(s.changes.create, 6);
        assert.equal(s.failedSteps, 2);
        assert.equal(s.failureCauses["AddLiveRecordNotifyConfig: Throttling.User"], 2);
        assert.equal(s.tally.requests, 100);
        assert.equal(s.tally.faults.throttle, 8);
        assert.equal(s.reruns.faultsOn, 2);
        assert.ok(soakPassed(s));
        const text = formatSummary(s).join("\n");
        assert.match(text, /Divergences: 0/);
        assert.match(text, /faults injected: 12 \(throttle 8/);
        assert.match(text, /PASS$/);
    });

    it("fails on a divergence, an unclear failure, a shown secret, or a step that never converged", () => {
        const divergence = { kind: "orphan" as const, domain: "x.example.com", detail: "in the cloud", step: "0.3" };
        for (const extra of [
            { divergences: [divergence] },
            { unclearFailures: ["0.2 create r1: boom"] },
            { notConverged: ["0.4: still failing"] },
            { secretLeaks: ["0.5 errors carry a NotifyAuthKey"] },
        ]) {
            const s = summarize(DEFAULT_SOAK_OPTIONS, [result(0), result(1, extra)], 1);
            assert.equal(soakPassed(s), false, JSON.stringify(extra));
            assert.match(formatSummary(s).join("\n"), /FAIL$/);
        }
    });
});
