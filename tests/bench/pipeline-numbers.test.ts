import { strict as assert } from "node:assert";
import type { PhaseOutcome } from "../../bench/driver";
import { addCounts, combinePhase, mergeTimelines, type PipelineNumbers } from "../../bench/pipeline-numbers";
import { pipelineVerdicts } from "../../bench/targets";

const outcome = (wallMs: number, planned: number, failed = 0): PhaseOutcome => ({
    phase: "create",
    planned,
    succeeded: planned - failed,
    failed,
    cutOff: 0,
    wallMs,
    errorSamples: failed ? ["boom"] : [],
});

describe("bench/pipeline-numbers", () => {
    it("a phase lasts until the last host is done; its floor is all hosts' calls at the quota left", () => {
        const p = combinePhase([outcome(8_000, 120), outcome(9_000, 120, 1)], 30);
        assert.equal(p.wallSeconds, 9);
        assert.equal(p.planned, 240);
        assert.equal(p.floorSeconds, 8);
        assert.equal(p.ratio, 9 / 8);
        assert.equal(p.failed, 1);
        assert.deepEqual(p.errorSamples, ["boom"]);
    });

    it("adds call counts and timelines", () => {
        assert.deepEqual(
            addCounts([
                { total: 3, throttled: 1, ok: 2 },
                { total: 5, throttled: 0, ok: 5 },
            ]),
            { total: 8, throttled: 1, ok: 7 },
        );
        assert.deepEqual(
            mergeTimelines([
                [{ second: 0, ok: 1, throttled: 0 }],
                [
                    { second: 0, ok: 2, throttled: 1 },
                    { second: 1, ok: 3, throttled: 0 },
                ],
            ]),
            [
                { second: 0, ok: 3, throttled: 1 },
                { second: 1, ok: 3, throttled: 0 },
            ],
        );
    });

    it("targets: no failure anywhere; with the store at K = 8 the ratio and throttle limits", () => {
        const run = (k: number, variant: PipelineNumbers["variant"], worstRatio: number, throttledShare: number, failed = 0): PipelineNumbers => ({
            k,
            n: 480,
            variant,
            availableQps: 30,
            phases: [],
            worstRatio,
            calls: { total: 1000, throttled: 0, ok: 1000 },
            throttledShare,
            failed,
            cutOff: 0,
            timedOut: false,
            timeline: [],
            notices: [],
        });
        const verdicts = pipelineVerdicts([
            run(8, "no-store", 2, 0.2),
            run(8, "store", 1.05, 0.01),
            run(8, "store+foreign", 1.3, 0.05),
            run(2, "store", 1.5, 0.5, 1),
            run(4, "store-cluster", 1.2, 0.01),
            run(4, "store-failover", 1.4, 0.02, 1),
            run(8, "store-kill", 1.08, 0.05),
        ]);
        const of = (scope: string, target: string) => verdicts.find((v) => v.scope === scope && v.target.startsWith(target))?.pass;
        assert.equal(of("pipelines K=8 no-store", "failed"), true);
        assert.equal(of("pipelines K=8 no-store", "worst"), undefined, "the baseline variant has no speed target");
        assert.equal(of("pipelines K=8 store", "worst"), true);
        assert.equal(of("pipelines K=8 store", "throttled"), true);
        assert.equal(of("pipelines K=8 store+foreign", "worst"), false);
        assert.equal(of("pipelines K=2 store", "failed"), false);
        assert.equal(of("pipelines K=2 store", "worst"), undefined);
        assert.equal(of("pipelines K=4 store-cluster", "worst"), false, "the cluster has the one-node target at K = 4");
        assert.equal(of("pipelines K=4 store-failover", "worst"), false, "the failover has the one-node target");
        assert.equal(of("pipelines K=4 store-failover", "failed"), false);
        assert.equal(of("pipelines K=8 store-kill", "worst"), true, "the crash of the store has the one-node target");
        assert.equal(of("pipelines K=8 store-kill", "throttled"), undefined, "its throttles are reported, not targeted");
    });
});
