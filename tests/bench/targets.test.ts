import { strict as assert } from "node:assert";
import type { CliPhaseNumbers } from "../../bench/cli-metrics";
import type { ScenarioNumbers } from "../../bench/metrics";
import { cliVerdicts, cpuVerdict, percent, scenarioVerdicts, startupVerdict } from "../../bench/targets";

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

    describe("cliVerdicts", () => {
        const phase = (overrides: Partial<CliPhaseNumbers>): CliPhaseNumbers => ({
            phase: "create",
            planned: 300,
            exitCode: 0,
            wallSeconds: 20,
            rawRatio: 2,
            netSeconds: 11,
            floorSeconds: 10,
            ratio: 1.1,
            succeeded: 300,
            failed: 0,
            unfinished: 0,
            calls: { total: 300, throttled: 0, ok: 300 },
            callSpanSeconds: 10,
            callSpanRatio: 1,
            throttledShare: 0,
            errorSamples: [],
            ...overrides,
        });
        const cli = (p: CliPhaseNumbers, target: RegExp) => cliVerdicts([p]).find((v) => target.test(v.target));

        it("(wall - no-op up) / floor <= 1.10 per phase, named by phase", () => {
            assert.equal(cli(phase({ ratio: 1.1 }), /no-op/)?.pass, true);
            assert.equal(cli(phase({ ratio: 1.11 }), /no-op/)?.pass, false);
            assert.deepEqual(
                cliVerdicts([phase({}), phase({ phase: "destroy" })]).map((v) => v.scope),
                ["cli create", "cli create", "cli destroy", "cli destroy"],
            );
        });

        it("the plugin's phases have the same targets, their scopes naming the plugin", () => {
            const verdicts = cliVerdicts([phase({ ratio: 1.2 })], "plugin");
            assert.deepEqual(
                verdicts.map((v) => [v.scope, v.pass]),
                [
                    ["cli plugin create", true],
                    ["cli plugin create", false],
                ],
            );
        });

        it("a failed or unfinished resource, or a non-zero exit, fails the phase", () => {
            assert.equal(cli(phase({ failed: 1, succeeded: 299 }), /^failed/)?.pass, false);
            assert.equal(cli(phase({ unfinished: 5, succeeded: 295 }), /no-op/)?.pass, false);
            assert.match(cli(phase({ unfinished: 5 }), /^failed/)!.measured, /5 unfinished/);
            assert.equal(cli(phase({ exitCode: 255 }), /^failed/)?.pass, false);
        });
    });

    it("startupVerdict: the archive's median start-up is at most 0.7 of the npm plugin's", () => {
        assert.deepEqual(startupVerdict(150, 250), {
            target: "archive start-up / npm plugin start-up (medians)",
            scope: "cli archive",
            measured: "0.60 (150 / 250 ms)",
            limit: "<= 0.70",
            pass: true,
        });
        assert.equal(startupVerdict(176, 250).pass, false);
        assert.equal(startupVerdict(175, 250).pass, true);
    });
});
