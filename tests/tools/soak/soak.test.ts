/**
 * The soak, short: 5 seeded sequences of 8 steps (plus a destroy each) through Pulumi's real
 * dynamic-provider host and the engine stand-in, with faults on every action. `npm run soak` runs
 * the long version.
 */
import { strict as assert } from "node:assert";
import { ALL_ADVERSE_FLAGS } from "../../../tools/semantics-profiles";
import { DEFAULT_SOAK_OPTIONS, parseEmulatorArgs } from "../../../tools/soak/args";
import { FAULT_KINDS } from "../../../tools/soak/fault-mix";
import { formatSummary, soakPassed } from "../../../tools/soak/report";
import { runSoak } from "../../../tools/soak/soak";

describe("soak (short: 5 sequences x 8 steps, faults on every action)", function () {
    this.timeout(600_000);

    it("keeps state and cloud in agreement after every step, surfaces failures clearly and without secrets, and converges on rerun", async () => {
        const summary = await runSoak({ ...DEFAULT_SOAK_OPTIONS, seed: 20261128, sequences: 5, steps: 8, resources: 4, concurrency: 2 });
        const report = formatSummary(summary).join("\n");
        assert.deepEqual(summary.divergences, [], report);
        assert.deepEqual(summary.unclearFailures, [], report);
        assert.deepEqual(summary.notConverged, [], report);
        assert.deepEqual(summary.secretLeaks, [], report);
        assert.ok(soakPassed(summary));
        assert.equal(summary.steps, 40);
        // The faults really happened: several kinds, many requests affected.
        const injected = FAULT_KINDS.filter((k) => summary.tally.faults[k] > 0);
        assert.ok(injected.length >= 4, `only ${injected.join(", ")} were injected\n${report}`);
        assert.ok(summary.tally.requests > 50, report);
        assert.ok(summary.changes.create > 0 && summary.changes.update > 0, report);
    });

    it("does so under the all-adverse semantics profile too (2 sequences)", async () => {
        const emulatorOptions = parseEmulatorArgs(ALL_ADVERSE_FLAGS);
        const summary = await runSoak({
            ...DEFAULT_SOAK_OPTIONS,
            seed: 20261201,
            sequences: 2,
            steps: 8,
            resources: 4,
            concurrency: 2,
            emulatorArgs: ALL_ADVERSE_FLAGS,
            emulatorOptions,
        });
        const report = formatSummary(summary).join("\n");
        assert.ok(soakPassed(summary), report);
        assert.equal(summary.steps, 16);
        assert.match(report, /emulator profile: --update-omitted keep/);
        assert.ok(summary.changes.update > 0, report);
    });
});
