import { strict as assert } from "node:assert";
import type { ScenarioNumbers } from "../../bench/metrics";
import { cpuVerdict, percent, scenarioVerdicts } from "../../bench/targets";

function scenario(overrides: Partial<ScenarioNumbers>): ScenarioNumbers {
    return {
        strategy: "this-provider",
        contention: false,
        availableQps: 30,
        phases: [],
        wallSeconds: 30,
        floorSeconds: 30,
        ratio: 1,
        calls: { total: 900, throttled: 0, ok: 900 },
        throttledShare: 0,
        failed: 0,
        cutOff: 0,
        timedOut: false,
        ...overrides,
    };
}

const verdict = (scenarios: ScenarioNumbers[], target: RegExp, scope: string) =>
    scenarioVerdicts(scenarios).find((v) => target.test(v.target) && v.scope === scope);

describe("bench/targets", () => {
    it("judges only the shipped provider", () => {
        assert.deepEqual(scenarioVerdicts([scenario({ strategy: "core-default", failed: 100 })]), []);
        assert.equal(scenarioVerdicts([scenario({})]).length, 3);
    });

    it("wall / floor: <= 1.10 alone, <= 1.25 under contention", () => {
        assert.equal(verdict([scenario({ ratio: 1.1 })], /^wall/, "alone")?.pass, true);
        assert.equal(verdict([scenario({ ratio: 1.11 })], /^wall/, "alone")?.pass, false);
        assert.equal(verdict([scenario({ contention: true, ratio: 1.2 })], /^wall/, "contention")?.pass, true);
        assert.equal(verdict([scenario({ contention: true, ratio: 1.26 })], /^wall/, "contention")?.pass, false);
    });

    it("failed operations: none, and a scenario cut off by its time limit fails every target but the throttle share", () => {
        assert.equal(verdict([scenario({ failed: 1 })], /^failed/, "alone")?.pass, false);
        const cut = scenario({ timedOut: true, cutOff: 12 });
        assert.equal(verdict([cut], /^failed/, "alone")?.pass, false);
        assert.match(verdict([cut], /^failed/, "alone")!.measured, /12 cut off/);
        assert.equal(verdict([cut], /^wall/, "alone")?.pass, false);
    });

    it("throttled share: <= 2 %", () => {
        assert.equal(verdict([scenario({ throttledShare: 0.02 })], /^throttled/, "alone")?.pass, true);
        assert.equal(verdict([scenario({ throttledShare: 0.0201 })], /^throttled/, "alone")?.pass, false);
    });

    it("provider code CPU: under 1 s per 1000 resources", () => {
        assert.equal(cpuVerdict(0.99).pass, true);
        assert.equal(cpuVerdict(1).pass, false);
        assert.equal(cpuVerdict(0.4321).measured, "0.432 s");
    });

    it("formats shares as percentages", () => {
        assert.equal(percent(0.0281), "2.81 %");
        assert.equal(percent(0), "0.00 %");
        assert.equal(percent(0.0004), "0.040 %");
    });
});
