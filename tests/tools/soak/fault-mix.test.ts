import { strict as assert } from "node:assert";
import type { RequestLogEntry } from "../../../emulator";
import { parseFaultSpec } from "../../../emulator/api/faults";
import { FAULT_KINDS, OUTAGE_REQUESTS, outageFor, STEADY_MIX, tallyRequests, type FaultKind } from "../../../tools/soak/fault-mix";

describe("tools/soak/fault-mix", () => {
    it("the steady mix hits every action with every kind of fault, and the emulator accepts each rule", () => {
        assert.deepEqual([...new Set(STEADY_MIX.map((r) => r.kind))].sort(), [...FAULT_KINDS].sort());
        for (const { spec } of STEADY_MIX) {
            const rule = parseFaultSpec(spec);
            assert.equal(rule.action, "*");
            assert.ok(rule.probability > 0 && rule.probability < 0.1, "most steps must still succeed");
        }
        const throttle = parseFaultSpec(STEADY_MIX.find((r) => r.kind === "throttle")!.spec);
        assert.deepEqual([throttle.error?.code, throttle.error?.status], ["Throttling.User", 400], "the service's real throttling answer");
    });

    it("outages are valid rules that outlast a short timeout, on each action", () => {
        const actions = new Set<string>();
        for (let a = 0; a < 4; a++) {
            for (let v = 0; v < 3; v++) {
                let call = 0;
                const outage = outageFor(() => [a, v][call++]);
                const rule = parseFaultSpec(outage.spec);
                assert.equal(rule.remaining, OUTAGE_REQUESTS);
                actions.add(rule.action);
            }
        }
        assert.equal(actions.size, 4);
    });

    it("tallies faults by the kind of the rule that caused them, and tells injected throttles from quota ones", () => {
        const entry = (seq: number, outcome: string, fault?: string, hiddenOutcome?: string): RequestLogEntry => ({
            seq,
            time: "",
            action: "AddLiveRecordNotifyConfig",
            status: 0,
            outcome,
            requestId: `r${seq}`,
            ...(fault ? { fault } : {}),
            ...(hiddenOutcome ? { hiddenOutcome } : {}),
        });
        const kinds = new Map<string, FaultKind>([
            ["fault-1", "throttle"],
            ["fault-2", "ambiguous-write"],
        ]);
        const t = tallyRequests(
            [
                entry(1, "OK"),
                entry(2, "Throttling.User", "fault-1"),
                entry(3, "dropped", "fault-2", "OK"),
                entry(4, "dropped", "fault-2", "ConfigAlreadyExists"),
                entry(5, "Throttling.User"),
            ],
            kinds,
        );
        assert.equal(t.requests, 5);
        assert.equal(t.faults.throttle, 1);
        assert.equal(t.faults["ambiguous-write"], 2);
        assert.equal(t.ambiguousApplied, 1);
        assert.equal(t.quotaThrottles, 1);
    });
});
