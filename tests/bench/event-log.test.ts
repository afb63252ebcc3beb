import { strict as assert } from "node:assert";
import { RESOURCE_TYPE } from "../../bench/driver";
import { summarizeEventLog, urnType } from "../../bench/event-log";

const STACK_TYPE = "pulumi:pulumi:Stack";
const urn = (name: string, type = RESOURCE_TYPE) => `urn:pulumi:bench::alicloud-live-bench::${type}::${name}`;
const line = (event: object) => JSON.stringify({ sequence: 1, timestamp: 0, ...event });
const outputs = (op: string, name: string, type = RESOURCE_TYPE) => line({ resOutputsEvent: { metadata: { op, urn: urn(name, type), type } } });

describe("bench/event-log", () => {
    it("counts finished steps of the resource type by op, and nothing of other types", () => {
        const log = [outputs("create", "r0"), outputs("create", "r1"), outputs("same", "r2"), outputs("create", "stack", STACK_TYPE)].join("\n");
        const summary = summarizeEventLog(log, RESOURCE_TYPE);
        assert.deepEqual(summary.completed, { create: 2, same: 1 });
        assert.deepEqual(summary.failedUrns, []);
        assert.equal(summary.unreadableLines, 0);
    });

    it("a failed step and an error diagnostic on the same resource count it once; the stack's error is a sample, not a failed resource", () => {
        const log = [
            line({ diagnosticEvent: { urn: urn("r3"), message: "  Throttling.User: too many calls  ", severity: "error" } }),
            line({ resOpFailedEvent: { metadata: { op: "create", urn: urn("r3"), type: RESOURCE_TYPE }, status: 1, steps: 0 } }),
            line({ diagnosticEvent: { urn: urn("stack", STACK_TYPE), message: "update failed", severity: "error" } }),
            line({ diagnosticEvent: { urn: urn("r4"), message: "just saying", severity: "warning" } }),
            line({ diagnosticEvent: { urn: urn("r5"), message: "debug noise", severity: "debug" } }),
        ].join("\n");
        const summary = summarizeEventLog(log, RESOURCE_TYPE);
        assert.deepEqual(summary.failedUrns, [urn("r3")]);
        assert.deepEqual(summary.errorSamples, ["Throttling.User: too many calls", "update failed"]);
    });

    it("keeps at most three distinct error samples", () => {
        const log = ["a", "a", "b", "c", "d"]
            .map((m, i) => line({ diagnosticEvent: { urn: urn(`r${i}`), message: m, severity: "error" } }))
            .join("\n");
        assert.deepEqual(summarizeEventLog(log, RESOURCE_TYPE).errorSamples, ["a", "b", "c"]);
    });

    it("skips blank lines and counts a truncated line as unreadable", () => {
        const log = `${outputs("delete", "r0")}\n\n{"resOutputsEvent": {"meta`;
        const summary = summarizeEventLog(log, RESOURCE_TYPE);
        assert.deepEqual([summary.completed, summary.unreadableLines], [{ delete: 1 }, 1]);
    });

    it("urnType takes the type after the parent chain, and rejects what is no URN", () => {
        assert.equal(urnType(urn("r0")), RESOURCE_TYPE);
        assert.equal(urnType(`urn:pulumi:s::p::my:comp:Thing$${RESOURCE_TYPE}::r0`), RESOURCE_TYPE);
        assert.equal(urnType("not-a-urn"), undefined);
    });
});
