/** The strategies scenario family: each strategy alone and then, with `--contention`, against the competitor. */
import { floorSeconds } from "../metrics";
import { runScenario, type ScenarioResult } from "../scenario";
import { COMPETITOR_QPS, defaultTimeLimitSeconds, WRITE_QPS, type BenchRun } from "./run";

export async function runStrategies({ args, ctx, texts, print }: BenchRun): Promise<ScenarioResult[]> {
    const results: ScenarioResult[] = [];
    for (const contention of args.strategies.length === 0 ? [] : args.contention ? [false, true] : [false]) {
        const available = contention ? WRITE_QPS - COMPETITOR_QPS : WRITE_QPS;
        const limit = args.timeLimitSeconds ?? defaultTimeLimitSeconds(args.n, available);
        print();
        print(
            `${contention ? "Under contention" : "Alone"}: floor ${floorSeconds(args.n, available).toFixed(1)} s per phase, time limit ${limit} s per scenario`,
        );
        for (const name of args.strategies) {
            const started = Date.now();
            const result = await runScenario(ctx, name, texts.get(name)!, contention, limit);
            const s = result.numbers;
            print(
                `  ${name}: ${s.wallSeconds.toFixed(1)} s (${s.ratio?.toFixed(2) ?? "n/a"} x floor), ${s.calls.throttled}/${s.calls.total} throttled, ` +
                    `${s.failed} failed${s.timedOut ? `, CUT OFF at ${limit} s (${s.cutOff} operations unfinished)` : ""}` +
                    ` [${((Date.now() - started) / 1000).toFixed(0)} s with setup]`,
            );
            if (result.logOverflowed) print("    warning: the emulator's request log overflowed; call counts are incomplete");
            results.push(result);
        }
    }
    return results;
}
