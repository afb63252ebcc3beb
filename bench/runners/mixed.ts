/** The mixed stack's family: N resources of every type in one host, each action paced at its own quota. */
import { installedProviderText } from "../../tools/serialized-provider";
import { CLI_PARALLEL } from "../cli-scenario";
import { MIXED_KINDS, mixedCounts, type MixedNumbers } from "../mixed-stack";
import { runMixedScenario } from "../scenario";
import { defaultTimeLimitSeconds, type BenchRun } from "./run";

/**
 * The engine's parallelism for the mixed stack: the CLI scenario's 64. At the host scenarios' 8, the
 * workers wait in the stack's order on the 30/s actions, so the one delete allowed 50/s
 * (DeleteLiveAppRecordConfig) was fed at the pace of the resources around it: 1.30 × its floor, where
 * 64 workers gave 0.89 (one run each, docs/benchmark.md).
 */
export const MIXED_PARALLEL = CLI_PARALLEL;

/** The slowest quota of the stack's write actions: the time limit is derived from it. */
const SLOWEST_QPS = 15;

export type MixedResult = Awaited<ReturnType<typeof runMixedScenario>>;

export async function runMixed({ args, ctx, print }: BenchRun): Promise<MixedResult | undefined> {
    if (!args.mixed) return undefined;
    const counts = mixedCounts(args.n);
    print();
    print(
        `Mixed stack: ${args.n} resources in one host, --parallel ${MIXED_PARALLEL}: ${MIXED_KINDS.map((k, i) => `${counts[i]} ${k.type}`).join(", ")}`,
    );
    // Each type's own serialized provider, as the installed package produces it for a resource of that type.
    const texts = new Map<string, string>();
    for (const kind of MIXED_KINDS) texts.set(kind.type, await installedProviderText(ctx.projectDir, { type: kind.type, inputs: kind.inputs(0) }));
    const limit = args.timeLimitSeconds ?? defaultTimeLimitSeconds(Math.max(...counts), SLOWEST_QPS);
    const started = Date.now();
    const result = await runMixedScenario({ ...ctx, parallel: MIXED_PARALLEL }, texts, limit);
    print(
        `  ${result.phases.map((p) => `${p.phase} ${p.wallSeconds.toFixed(1)} s`).join(", ")}; ${result.failed} failed` +
            `${result.timedOut ? `, CUT OFF at ${limit} s (${result.cutOff} unfinished)` : ""} [${((Date.now() - started) / 1000).toFixed(0)} s with setup]`,
    );
    if (result.logOverflowed) print("    warning: the emulator's request log overflowed; call counts are incomplete");
    return result;
}

export type { MixedNumbers };
