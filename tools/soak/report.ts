/**
 * The soak's totals over all sequences, the verdict, and the printed report. Pure.
 */
import type { SoakOptions } from "./args";
import { addTallies, emptyTally, FAULT_KINDS } from "./fault-mix";
import type { ChangeKind } from "./generator";
import type { SequenceResult } from "./sequence";

/** The totals of every sequence's counts (see `SequenceResult`), and the run's own figures. */
export interface SoakSummary extends Omit<SequenceResult, "index" | "steps" | "stepKinds"> {
    readonly options: SoakOptions;
    readonly sequences: number;
    /** Generated steps, plus one destroy per sequence. */
    readonly steps: number;
    readonly destroys: number;
    readonly stepKinds: Record<string, number>;
}

export function summarize(options: SoakOptions, results: readonly SequenceResult[], wallMs: number): SoakSummary {
    const add = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
        for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
    };
    const stepKinds: Record<string, number> = {};
    const changes: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0 };
    const failureCauses: Record<string, number> = {};
    const reruns = { faultsOn: 0, faultsOff: 0, withRefresh: 0 };
    let tally = emptyTally();
    for (const r of results) {
        add(stepKinds, r.stepKinds);
        add(changes, r.changes);
        add(failureCauses, r.failureCauses);
        add(reruns, r.reruns);
        tally = addTallies(tally, r.tally);
    }
    return {
        options,
        sequences: results.length,
        steps: results.reduce((n, r) => n + r.steps, 0),
        destroys: results.length,
        stepKinds,
        changes,
        outOfBandSkipped: results.reduce((n, r) => n + r.outOfBandSkipped, 0),
        outages: results.reduce((n, r) => n + r.outages, 0),
        failedSteps: results.reduce((n, r) => n + r.failedSteps, 0),
        failureCauses,
        unclearFailures: results.flatMap((r) => r.unclearFailures),
        reruns,
        notConverged: results.flatMap((r) => r.notConverged),
        divergences: results.flatMap((r) => r.divergences),
        secretLeaks: results.flatMap((r) => r.secretLeaks),
        tally,
        wallMs,
    };
}

/** The soak passes with no divergence, no unclear failure, no secret shown, and every failed step converged on rerun. */
export function soakPassed(summary: SoakSummary): boolean {
    return (
        summary.divergences.length === 0 &&
        summary.unclearFailures.length === 0 &&
        summary.notConverged.length === 0 &&
        summary.secretLeaks.length === 0
    );
}

export function formatSummary(s: SoakSummary): string[] {
    const o = s.options;
    const faults = FAULT_KINDS.map((k) => `${k} ${s.tally.faults[k]}`).join(", ");
    const injected = FAULT_KINDS.reduce((n, k) => n + s.tally.faults[k], 0);
    const causes = Object.entries(s.failureCauses)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} x${v}`);
    const lines = [
        `Soak: seed ${o.seed}, ${s.sequences} sequences x ${o.steps} steps (+ a destroy each), up to ${o.resources} resources, ` +
            `operation timeout ${o.operationTimeoutSeconds} s, outage chance ${o.outageChance}, concurrency ${o.concurrency}, ` +
            `provider host per ${o.hostPerSequence ? "sequence" : "operation"}, emulator profile: ${o.emulatorArgs || "defaults"}`,
        `Steps: ${s.steps + s.destroys} (${Object.entries(s.stepKinds)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}, destroy ${s.destroys}); ` +
            `changes: ${Object.entries(s.changes)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")}; out-of-band skipped (config absent) ${s.outOfBandSkipped}`,
        `API requests: ${s.tally.requests}; faults injected: ${injected} (${faults}); ambiguous writes that applied: ${s.tally.ambiguousApplied}; ` +
            `quota throttles (not injected): ${s.tally.quotaThrottles}; outages: ${s.outages}`,
        `Failed steps (surfaced as errors): ${s.failedSteps}${causes.length ? ` — ${causes.join("; ")}` : ""}`,
        `Reruns: ${s.reruns.faultsOn + s.reruns.faultsOff} (${s.reruns.faultsOn} with faults on, ${s.reruns.faultsOff} with faults off, ${s.reruns.withRefresh} with --refresh); ` +
            `not converged: ${s.notConverged.length}`,
        `Unclear failure messages: ${s.unclearFailures.length}; secrets shown in failure messages or host output: ${s.secretLeaks.length}`,
        `Divergences: ${s.divergences.length}`,
        `Wall time: ${(s.wallMs / 1000).toFixed(1)} s`,
    ];
    for (const d of s.divergences.slice(0, 20))
        lines.push(`  divergence at ${d.step}: ${d.kind} ${d.domain}${d.name ? ` (${d.name})` : ""}: ${d.detail}`);
    for (const u of s.unclearFailures.slice(0, 10)) lines.push(`  unclear failure: ${u}`);
    for (const n of s.notConverged.slice(0, 10)) lines.push(`  not converged: ${n}`);
    for (const l of s.secretLeaks.slice(0, 10)) lines.push(`  secret shown: ${l}`);
    lines.push(soakPassed(s) ? "PASS" : "FAIL");
    return lines;
}
