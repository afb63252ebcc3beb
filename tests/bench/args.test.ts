import { strict as assert } from "node:assert";
import { DEFAULT_CPU_N, DEFAULT_N, parseArgs, QUICK_CPU_N, QUICK_N, resultsPrefix, UsageError } from "../../bench/args";

describe("bench/args", () => {
    it("defaults: N=300, the given parallelism, all four strategies, contention and the CPU measurement", () => {
        const args = parseArgs([], 8);
        assert.equal(args.n, DEFAULT_N);
        assert.equal(args.parallel, 8);
        assert.deepEqual(args.strategies, ["core-default", "terraform-style", "full-jitter", "this-provider"]);
        assert.equal(args.cli, true);
        assert.equal(args.contention, true);
        assert.equal(args.cpuN, DEFAULT_CPU_N);
        assert.equal(args.timeLimitSeconds, undefined);
        assert.equal(args.help, false);
    });

    it("reads --n, --parallel, --time-limit and --cpu-n, as `--flag value` or `--flag=value`", () => {
        const args = parseArgs(["--n", "120", "--parallel=3", "--time-limit", "90", "--cpu-n=500"], 8);
        assert.deepEqual([args.n, args.parallel, args.timeLimitSeconds, args.cpuN], [120, 3, 90, 500]);
    });

    it("--quick sets N=60 and a smaller CPU measurement, and refuses an explicit --n", () => {
        const args = parseArgs(["--quick"], 8);
        assert.deepEqual([args.n, args.cpuN, args.quick], [QUICK_N, QUICK_CPU_N, true]);
        assert.throws(() => parseArgs(["--quick", "--n", "10"], 8), /--quick or --n/);
    });

    it("--only takes letters or names, in any order, and keeps the canonical order", () => {
        assert.deepEqual(parseArgs(["--only", "d,a"], 8).strategies, ["core-default", "this-provider"]);
        assert.deepEqual(parseArgs(["--only=full-jitter,b"], 8).strategies, ["terraform-style", "full-jitter"]);
        assert.throws(() => parseArgs(["--only", "a,x"], 8), /unknown scenario "x"/);
    });

    it("--only cli selects the CLI scenario alone; without it in the list, the CLI scenario does not run", () => {
        const alone = parseArgs(["--only", "cli"], 8);
        assert.deepEqual([alone.strategies, alone.cli], [[], true]);
        const both = parseArgs(["--only", "CLI,d"], 8);
        assert.deepEqual([both.strategies, both.cli], [["this-provider"], true]);
        assert.equal(parseArgs(["--only", "a"], 8).cli, false);
        assert.equal(alone.skipCheckpoints, false);
        assert.equal(parseArgs(["--only", "cli", "--skip-checkpoints"], 8).skipCheckpoints, true);
    });

    it("--no-contention and --no-cpu turn the parts off; --no-cpu contradicts --cpu-n", () => {
        const args = parseArgs(["--no-contention", "--no-cpu"], 8);
        assert.equal(args.contention, false);
        assert.equal(args.cpuN, 0);
        assert.throws(() => parseArgs(["--no-cpu", "--cpu-n", "5"], 8), /contradict/);
    });

    it("rejects bad values with the flag and the rule", () => {
        const cases: Array<[string[], RegExp]> = [
            [["--n", "0"], /--n must be a whole number from 1 to 5000, not "0"/],
            [["--n", "1.5"], /--n must be a whole number/],
            [["--n"], /--n needs a value/],
            [["--parallel", "-2"], /--parallel must be a whole number/],
            [["--n", "5", "--n", "6"], /given twice/],
            [["--quick=yes"], /--quick takes no value/],
            [["--fast"], /unknown option "--fast"/],
        ];
        for (const [argv, message] of cases) {
            assert.throws(
                () => parseArgs(argv, 8),
                (e: unknown) => e instanceof UsageError && message.test(e.message),
                argv.join(" "),
            );
        }
    });

    it("-h and --help ask for the usage", () => {
        assert.equal(parseArgs(["-h"], 8).help, true);
        assert.equal(parseArgs(["--help"], 8).help, true);
    });
    it("--only p runs the pipelines scenario alone, without the CPU measurement; --k picks its host counts", () => {
        const alone = parseArgs(["--only", "p"], 8);
        assert.deepEqual(alone.strategies, []);
        assert.equal(alone.pipelines, true);
        assert.equal(alone.cpuN, 0);
        assert.deepEqual(alone.pipelineKs, [2, 4, 8]);
        assert.deepEqual(parseArgs(["--only", "pipelines,d", "--k", "8,2"], 8).pipelineKs, [2, 8]);
        assert.equal(parseArgs([], 8).pipelines, true, "part of the full run");
        assert.equal(parseArgs(["--only", "d"], 8).pipelines, false);
        assert.throws(() => parseArgs(["--only", "p", "--k", "3"], 8), /--k: "3" is not one of 2, 4, 8/);
        assert.throws(() => parseArgs(["--only", "d", "--k", "2"], 8), /--k applies to the pipelines scenario/);
    });

    it("--variant picks the pipelines' variants, in their order, and names the choices when one is unknown", () => {
        assert.equal(parseArgs(["--only", "p"], 8).pipelineVariants, undefined, "all by default");
        assert.deepEqual(parseArgs(["--only", "p", "--variant", "store-kill,store-failover,store-kill"], 8).pipelineVariants, [
            "store-failover",
            "store-kill",
        ]);
        assert.throws(() => parseArgs(["--only", "p", "--variant", "kill"], 8), /--variant: "kill" is not one of no-store, .*store-kill/);
        assert.throws(() => parseArgs(["--only", "d", "--variant", "store"], 8), /--variant applies to the pipelines scenario/);
    });

    it("--only m runs the mixed stack alone, without the CPU measurement, with its own results prefix", () => {
        const alone = parseArgs(["--only", "m"], 8);
        assert.deepEqual([alone.mixed, alone.pipelines, alone.cli, alone.strategies.length, alone.cpuN], [true, false, false, 0, 0]);
        assert.equal(parseArgs(["--only", "mixed"], 8).mixed, true);
        assert.equal(parseArgs([], 8).mixed, true, "part of the full run");
        assert.equal(parseArgs(["--only", "d"], 8).mixed, false);
        assert.equal(resultsPrefix(alone), "mixed-");
    });

    it("gives a run of the CLI or the pipelines scenario alone its own results prefix, a run with host scenarios none", () => {
        assert.equal(resultsPrefix(parseArgs([], 8)), "");
        assert.equal(resultsPrefix(parseArgs(["--only", "d,cli"], 8)), "");
        assert.equal(resultsPrefix(parseArgs(["--only", "cli"], 8)), "cli-");
        assert.equal(resultsPrefix(parseArgs(["--only", "p"], 8)), "pipelines-");
        assert.equal(resultsPrefix(parseArgs(["--only", "p,cli"], 8)), "pipelines-");
    });
});
