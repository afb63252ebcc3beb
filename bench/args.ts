/**
 * Command-line flags of `npm run bench`, parsed and checked at once. Pure: every rejection names the
 * flag and the rule.
 */
import { PIPELINE_VARIANTS, type PipelineVariant } from "./pipeline-numbers";
import { STRATEGY_NAMES, strategyByKey, type StrategyName } from "./strategies";

export const DEFAULT_N = 300;
/** `--quick`: a fast check that everything runs. */
export const QUICK_N = 60;
/** Resources created and deleted for the CPU measurement. */
export const DEFAULT_CPU_N = 1000;
export const QUICK_CPU_N = 200;
/** The largest N accepted: the emulator's request log keeps 100 000 entries. */
export const MAX_N = 5_000;

export const USAGE = `Usage: npm run bench -- [options]

Creates, updates and deletes N LiveRecordNotifyConfig resources through Pulumi's real dynamic-provider
host against the emulator at the real quotas (30 calls/s per write action, 50/s Describe), for each
strategy, alone and while a second client of the same account spends half of the write quota; then
creates, refreshes and destroys N configs with the real Pulumi CLI (obtained as by npm run pulumi-cli).

Options:
  --n N               resources per scenario (default ${DEFAULT_N})
  --parallel P        concurrent operations (default: Pulumi's, 4 x CPU count)
  --only LIST         scenarios to run, by letter or name: a=core-default, b=terraform-style,
                      c=full-jitter, d=this-provider (the host scenarios), cli (the real
                      pulumi up/refresh/destroy --parallel 64 of N configs, through the
                      dynamic provider and through the provider plugin), p=pipelines
                      (K provider hosts on one account, with and without the shared quota
                      store; at K = 4 also on a Redis Cluster and through a Sentinel failover,
                      at K = 8 through a crash of the one-node store), m=mixed (a stack of N
                      resources of every type in one host, each action at its own quota)
                      (default: all)
  --k LIST            pipelines: the host counts to run, from 2, 4, 8 (default: all three)
  --variant LIST      pipelines: the variants to run, from ${PIPELINE_VARIANTS.join(", ")}
                      (default: all; store-cluster and store-failover run at K = 4, store-kill at K = 8)
  --no-contention     skip the scenarios with the competing client
  --skip-checkpoints  run the CLI scenario with PULUMI_SKIP_CHECKPOINTS=true (state written once at
                      the end, not after every step): the provider's pace without the engine's writes
  --quick             N=${QUICK_N} and ${QUICK_CPU_N} resources for the CPU measurement, for a fast check
  --time-limit S      cut a scenario off after S seconds (default: 3 x its floor + 60)
  --cpu-n N           resources for the CPU measurement (default ${DEFAULT_CPU_N})
  --no-cpu            skip the CPU measurement
  -h, --help          print this help`;

export class UsageError extends Error {
    override readonly name = "UsageError";
}

export interface BenchArgs {
    readonly help: boolean;
    readonly n: number;
    readonly parallel: number;
    readonly strategies: readonly StrategyName[];
    /** Run the scenario with the real Pulumi CLI. */
    readonly cli: boolean;
    /** The CLI scenario without the file backend's per-step checkpoints. */
    readonly skipCheckpoints: boolean;
    /** Run the pipelines scenario. */
    readonly pipelines: boolean;
    /** Run the mixed stack (every resource type in one stack). */
    readonly mixed: boolean;
    /** Its host counts. */
    readonly pipelineKs: readonly number[];
    /** Its variants (`--variant`); undefined: all of them (without store+foreign under --no-contention). */
    readonly pipelineVariants?: readonly PipelineVariant[];
    readonly contention: boolean;
    readonly quick: boolean;
    /** Seconds; undefined: derived from each scenario's floor. */
    readonly timeLimitSeconds?: number;
    /** 0 when the CPU measurement is skipped. */
    readonly cpuN: number;
}

const VALUE_FLAGS = new Set(["--n", "--parallel", "--only", "--time-limit", "--cpu-n", "--k", "--variant"]);
/** The pipelines scenario's host counts. */
export const PIPELINE_KS: readonly number[] = [2, 4, 8];
const PIPELINES_KEYS = new Set(["p", "pipelines"]);
const MIXED_KEYS = new Set(["m", "mixed"]);
const SWITCHES = new Set(["--no-contention", "--skip-checkpoints", "--quick", "--no-cpu", "--help", "-h"]);

export function parseArgs(argv: readonly string[], defaultParallel: number): BenchArgs {
    const values = new Map<string, string>();
    const switches = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        if (SWITCHES.has(flag)) {
            if (eq > 0) throw new UsageError(`${flag} takes no value`);
            switches.add(flag);
        } else if (VALUE_FLAGS.has(flag)) {
            const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
            if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
            if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
            values.set(flag, value);
        } else {
            throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
        }
    }
    const quick = switches.has("--quick");
    if (quick && values.has("--n")) throw new UsageError("--quick sets N; give --quick or --n, not both");
    const n = values.has("--n") ? integer("--n", values.get("--n")!, 1, MAX_N) : quick ? QUICK_N : DEFAULT_N;
    const parallel = values.has("--parallel") ? integer("--parallel", values.get("--parallel")!, 1, 1000) : defaultParallel;
    const picked = values.has("--only") ? only(values.get("--only")!) : { strategies: [...STRATEGY_NAMES], cli: true, pipelines: true, mixed: true };
    const strategies = picked.strategies;
    const pipelineKs = values.has("--k") ? ks(values.get("--k")!) : [...PIPELINE_KS];
    if (values.has("--k") && !picked.pipelines) throw new UsageError("--k applies to the pipelines scenario; add p to --only");
    if (values.has("--variant") && !picked.pipelines) throw new UsageError("--variant applies to the pipelines scenario; add p to --only");
    const pipelineVariants = values.has("--variant") ? variants(values.get("--variant")!) : undefined;
    if (switches.has("--no-cpu") && values.has("--cpu-n")) throw new UsageError("--no-cpu and --cpu-n contradict each other");
    const cpuN = switches.has("--no-cpu")
        ? 0
        : values.has("--cpu-n")
          ? integer("--cpu-n", values.get("--cpu-n")!, 1, MAX_N)
          : quick
            ? QUICK_CPU_N
            : strategies.length === 0 && !picked.cli
              ? 0 // the pipelines scenario or the mixed stack alone: no CPU measurement unless asked for
              : DEFAULT_CPU_N;
    return {
        help: switches.has("--help") || switches.has("-h"),
        n,
        parallel,
        strategies,
        cli: picked.cli,
        skipCheckpoints: switches.has("--skip-checkpoints"),
        pipelines: picked.pipelines,
        mixed: picked.mixed,
        pipelineKs,
        ...(pipelineVariants ? { pipelineVariants } : {}),
        contention: !switches.has("--no-contention"),
        quick,
        ...(values.has("--time-limit") ? { timeLimitSeconds: integer("--time-limit", values.get("--time-limit")!, 1, 3600) } : {}),
        cpuN,
    };
}

function integer(flag: string, raw: string, min: number, max: number): number {
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
    }
    return value;
}

/** The `--only` name of the CLI scenario. */
export const CLI_SCENARIO = "cli";

/** "a,d", "core-default,this-provider", "cli" or "p": strategies in the canonical order, without repeats. */
function only(raw: string): { strategies: StrategyName[]; cli: boolean; pipelines: boolean; mixed: boolean } {
    const picked = new Set<StrategyName>();
    let cli = false;
    let pipelines = false;
    let mixed = false;
    for (const key of raw.split(",").map((k) => k.trim())) {
        if (key.toLowerCase() === CLI_SCENARIO) {
            cli = true;
            continue;
        }
        if (PIPELINES_KEYS.has(key)) {
            pipelines = true;
            continue;
        }
        if (MIXED_KEYS.has(key)) {
            mixed = true;
            continue;
        }
        const strategy = strategyByKey(key);
        if (!strategy) {
            throw new UsageError(
                `--only: unknown scenario ${JSON.stringify(key)}; use a letter a-d, a name (${STRATEGY_NAMES.join(", ")}), ${CLI_SCENARIO}, p (pipelines) or m (mixed)`,
            );
        }
        picked.add(strategy.name);
    }
    return { strategies: STRATEGY_NAMES.filter((name) => picked.has(name)), cli, pipelines, mixed };
}

/** "2,8": host counts out of PIPELINE_KS, ascending, without repeats. */
function ks(raw: string): number[] {
    const picked = new Set<number>();
    for (const part of raw.split(",").map((k) => k.trim())) {
        const k = Number(part);
        if (!PIPELINE_KS.includes(k)) throw new UsageError(`--k: ${JSON.stringify(part)} is not one of ${PIPELINE_KS.join(", ")}`);
        picked.add(k);
    }
    return PIPELINE_KS.filter((k) => picked.has(k));
}

/** "store-kill,store-failover": variants out of PIPELINE_VARIANTS, in their canonical order, without repeats. */
function variants(raw: string): PipelineVariant[] {
    const picked = new Set<string>();
    for (const part of raw.split(",").map((v) => v.trim())) {
        if (!(PIPELINE_VARIANTS as readonly string[]).includes(part))
            throw new UsageError(`--variant: ${JSON.stringify(part)} is not one of ${PIPELINE_VARIANTS.join(", ")}`);
        picked.add(part);
    }
    return PIPELINE_VARIANTS.filter((v) => picked.has(v));
}

/**
 * The results file's prefix: a run of the pipelines scenario alone, of the CLI scenario alone, or of the
 * mixed stack alone, keeps its own "latest", so the full run's stays as it was.
 */
export function resultsPrefix(args: Pick<BenchArgs, "strategies" | "cli" | "pipelines"> & { readonly mixed?: boolean }): string {
    if (args.strategies.length > 0) return "";
    if (args.mixed && !args.cli && !args.pipelines) return "mixed-";
    return args.cli && !args.pipelines ? "cli-" : "pipelines-";
}
