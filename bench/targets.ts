/**
 * The issue's targets for the shipped provider ("Throttle-proof at scale"), and their verdicts on
 * measured numbers. Pure. A missed target is reported as FAIL, never hidden.
 */
import type { CliPhaseNumbers } from "./cli-metrics";
import type { ScenarioNumbers } from "./metrics";
import type { MixedNumbers } from "./mixed-stack";
import type { PipelineNumbers, PipelineVariant } from "./pipeline-numbers";

/** No operation may end in error, in any scenario. */
export const MAX_FAILED_OPERATIONS = 0;
/** Alone, the wall time may exceed the floor (calls / quota) by 10 %. */
export const MAX_RATIO_ALONE = 1.1;
/** Under contention, the floor of the quota left over may be exceeded by 25 %. */
export const MAX_RATIO_CONTENTION = 1.25;
/** At most 2 % of the provider's calls may be throttled. */
export const MAX_THROTTLED_SHARE = 0.02;
/** Host CPU the provider's own code may cost per 1000 resources (created and deleted), in seconds. */
export const MAX_PROVIDER_CPU_PER_1000 = 1;

/** The archive's single executable starts in at most this share of the npm-installed plugin's median start-up (issue 22). */
export const MAX_ARCHIVE_STARTUP_SHARE = 0.7;

/** The strategy the targets apply to. */
export const TARGET_STRATEGY = "this-provider";

export interface Verdict {
    readonly target: string;
    /** "alone", "contention" or "cpu". */
    readonly scope: string;
    readonly measured: string;
    readonly limit: string;
    readonly pass: boolean;
}

export function scenarioVerdicts(scenarios: readonly ScenarioNumbers[]): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const s of scenarios) {
        if (s.strategy !== TARGET_STRATEGY) continue;
        const scope = s.contention ? "contention" : "alone";
        const unfinished = s.cutOff > 0 || s.timedOut;
        verdicts.push({
            target: "failed operations",
            scope,
            measured: unfinished ? `${s.failed} failed, ${s.cutOff} cut off by the time limit` : String(s.failed),
            limit: `= ${MAX_FAILED_OPERATIONS}`,
            pass: s.failed <= MAX_FAILED_OPERATIONS && !unfinished,
        });
        const maxRatio = s.contention ? MAX_RATIO_CONTENTION : MAX_RATIO_ALONE;
        verdicts.push({
            target: s.contention ? "wall / floor of the remaining quota" : "wall / floor",
            scope,
            measured: s.ratio === undefined ? "n/a" : s.ratio.toFixed(3),
            limit: `<= ${maxRatio.toFixed(2)}`,
            pass: s.ratio !== undefined && s.ratio <= maxRatio && !unfinished,
        });
        verdicts.push({
            target: "throttled share of calls",
            scope,
            measured: percent(s.throttledShare),
            limit: `<= ${percent(MAX_THROTTLED_SHARE)}`,
            pass: s.throttledShare <= MAX_THROTTLED_SHARE,
        });
    }
    return verdicts;
}

/** The store's other topologies and its fault paths: each run at its own K, each with the 1.10 target. */
const STORE_FAULT_VARIANTS: ReadonlySet<PipelineVariant> = new Set(["store-cluster", "store-failover", "store-kill"]);

/** The pipelines scenario's targets apply with the store at this many hosts. */
export const PIPELINES_TARGET_K = 8;

/**
 * Pipelines: no run may fail an operation; with the store, K = 8 hosts reach the single-process
 * targets (wall / floor, throttled share), and with the foreign client the contention ratio; on a
 * Redis Cluster and through a Sentinel failover K = 4 hosts, and through a crash of the one-node store
 * K = 8 hosts, reach the wall / floor target.
 */
export function pipelineVerdicts(runs: readonly PipelineNumbers[]): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const r of runs) {
        const scope = `pipelines K=${r.k} ${r.variant}`;
        const unfinished = r.cutOff > 0 || r.timedOut;
        verdicts.push({
            target: "failed operations",
            scope,
            measured: unfinished ? `${r.failed} failed, ${r.cutOff} cut off by the time limit` : String(r.failed),
            limit: `= ${MAX_FAILED_OPERATIONS}`,
            pass: r.failed <= MAX_FAILED_OPERATIONS && !unfinished,
        });
        if (STORE_FAULT_VARIANTS.has(r.variant)) {
            // The store on a Redis Cluster paces as on one node; through a Sentinel failover and a crash
            // of the one-node store, every phase stays within the same 1.10 of its floor (issue 24). Their
            // throttles are reported, not targeted: the quota was spent by processes pacing alone.
            verdicts.push({
                target: "worst phase / floor",
                scope,
                measured: r.worstRatio === undefined ? "n/a" : r.worstRatio.toFixed(3),
                limit: `<= ${MAX_RATIO_ALONE.toFixed(2)}`,
                pass: r.worstRatio !== undefined && r.worstRatio <= MAX_RATIO_ALONE && !unfinished,
            });
            continue;
        }
        if (r.k !== PIPELINES_TARGET_K || r.variant === "no-store") continue;
        const foreign = r.variant === "store+foreign";
        const maxRatio = foreign ? MAX_RATIO_CONTENTION : MAX_RATIO_ALONE;
        verdicts.push({
            target: foreign ? "worst phase / floor of the remaining quota" : "worst phase / floor",
            scope,
            measured: r.worstRatio === undefined ? "n/a" : r.worstRatio.toFixed(3),
            limit: `<= ${maxRatio.toFixed(2)}`,
            pass: r.worstRatio !== undefined && r.worstRatio <= maxRatio && !unfinished,
        });
        if (!foreign) {
            verdicts.push({
                target: "throttled share of calls",
                scope,
                measured: percent(r.throttledShare),
                limit: `<= ${percent(MAX_THROTTLED_SHARE)}`,
                pass: r.throttledShare <= MAX_THROTTLED_SHARE,
            });
        }
    }
    return verdicts;
}

/** The mixed stack's actions at this quota or below must never be throttled: the stream callbacks' (Set and Delete 15/s, Describe 1000/min). */
export const MIXED_LOWEST_QPS = 1000 / 60;

/**
 * The mixed stack's targets (issue 24): no operation failed; each action's part of each phase, from the
 * phase's start to its last answer, within MAX_RATIO_ALONE of its own floor; and the actions of the lowest
 * quotas (the stream callbacks') never throttled, by the emulator's counters: never asked beyond them.
 * The other actions' throttles, and the Describes a phase also calls, are reported.
 */
export function mixedVerdicts(mixed: MixedNumbers): Verdict[] {
    const unfinished = mixed.cutOff > 0 || mixed.timedOut;
    const verdicts: Verdict[] = [
        {
            target: "failed operations",
            scope: "mixed",
            measured: unfinished ? `${mixed.failed} failed, ${mixed.cutOff} cut off by the time limit` : String(mixed.failed),
            limit: `= ${MAX_FAILED_OPERATIONS}`,
            pass: mixed.failed <= MAX_FAILED_OPERATIONS && !unfinished,
        },
    ];
    // Another action a phase calls (a Describe before an upsert's create) goes at the pace of the phase's own: reported only.
    for (const a of mixed.actions.filter((x) => x.own)) {
        verdicts.push({
            target: "action's phase / its floor",
            scope: `mixed ${a.phase} ${a.action}`,
            measured: a.ratio === undefined ? "n/a" : a.ratio.toFixed(3),
            limit: `<= ${MAX_RATIO_ALONE.toFixed(2)}`,
            pass: a.ratio !== undefined && a.ratio <= MAX_RATIO_ALONE && a.answered >= a.planned && !unfinished,
        });
    }
    const lowest = new Set(mixed.actions.filter((a) => a.qps <= MIXED_LOWEST_QPS).map((a) => a.action));
    for (const [action, counter] of Object.entries(mixed.counters)) {
        if (!lowest.has(action)) continue;
        verdicts.push({
            target: "throttled answers (emulator's counter)",
            scope: `mixed ${action}`,
            measured: `${counter.throttled} of ${counter.calls}`,
            limit: "= 0",
            pass: counter.throttled === 0,
        });
    }
    return verdicts;
}

/**
 * The CLI scenario's targets: every phase within MAX_RATIO_ALONE of its floor once the no-op `up` is
 * subtracted, and no resource failed or left unfinished; the same for each front door (the plugin's
 * scopes say so).
 */
export function cliVerdicts(phases: readonly CliPhaseNumbers[], variant: "dynamic" | "plugin" | "archive" = "dynamic"): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const p of phases) {
        const scope = `${variant === "dynamic" ? "cli" : `cli ${variant}`} ${p.phase}`;
        const bad = p.failed + p.unfinished;
        verdicts.push({
            target: "failed operations",
            scope,
            measured: p.unfinished > 0 ? `${p.failed} failed, ${p.unfinished} unfinished` : String(p.failed),
            limit: `= ${MAX_FAILED_OPERATIONS}`,
            pass: bad <= MAX_FAILED_OPERATIONS && p.exitCode === 0,
        });
        verdicts.push({
            target: "(wall - no-op up) / floor",
            scope,
            measured: p.ratio === undefined ? "n/a" : p.ratio.toFixed(3),
            limit: `<= ${MAX_RATIO_ALONE.toFixed(2)}`,
            pass: p.ratio !== undefined && p.ratio <= MAX_RATIO_ALONE && bad === 0,
        });
    }
    return verdicts;
}

/** The archive's executable against the npm-installed plugin: median start-up (spawn to port line) over median start-up. */
export function startupVerdict(archiveMedianMs: number, npmMedianMs: number): Verdict {
    const share = archiveMedianMs / npmMedianMs;
    return {
        target: "archive start-up / npm plugin start-up (medians)",
        scope: "cli archive",
        measured: `${share.toFixed(2)} (${archiveMedianMs.toFixed(0)} / ${npmMedianMs.toFixed(0)} ms)`,
        limit: `<= ${MAX_ARCHIVE_STARTUP_SHARE.toFixed(2)}`,
        pass: share <= MAX_ARCHIVE_STARTUP_SHARE,
    };
}

export function cpuVerdict(providerCpuPer1000: number): Verdict {
    return {
        target: "provider code CPU per 1000 resources",
        scope: "cpu",
        measured: `${providerCpuPer1000.toFixed(3)} s`,
        limit: `< ${MAX_PROVIDER_CPU_PER_1000} s`,
        pass: providerCpuPer1000 < MAX_PROVIDER_CPU_PER_1000,
    };
}

export function percent(share: number): string {
    return `${(share * 100).toFixed(share > 0 && share < 0.001 ? 3 : 2)} %`;
}
