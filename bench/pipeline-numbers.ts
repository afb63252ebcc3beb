/**
 * The pipelines scenario's numbers (bench/pipelines.ts runs it): what one run of K hosts measured, and the
 * pure arithmetic that combines the hosts' outcomes, call counts and per-second timelines into them.
 */
import type { PhaseOutcome, Phase } from "./driver";
import { floorSeconds, ratio, type CallCounts } from "./metrics";

export type PipelineVariant = "no-store" | "store" | "store+foreign" | "store-cluster" | "store-failover" | "store-kill";

/** Every variant, in the order they run. */
export const PIPELINE_VARIANTS: readonly PipelineVariant[] = ["no-store", "store", "store+foreign", "store-cluster", "store-failover", "store-kill"];

export interface PipelinePhase {
    readonly phase: Phase;
    readonly planned: number;
    readonly failed: number;
    readonly cutOff: number;
    readonly wallSeconds: number;
    readonly floorSeconds: number;
    readonly ratio: number | undefined;
    readonly errorSamples: readonly string[];
}

export interface PipelineNumbers {
    readonly k: number;
    readonly n: number;
    readonly variant: PipelineVariant;
    /** Write calls/s left to the hosts. */
    readonly availableQps: number;
    readonly phases: readonly PipelinePhase[];
    /** The largest phase wall / floor. */
    readonly worstRatio: number | undefined;
    /** All calls of the hosts' keys. */
    readonly calls: CallCounts;
    readonly throttledShare: number;
    readonly failed: number;
    readonly cutOff: number;
    readonly timedOut: boolean;
    /** The foreign client's calls while the phases ran. */
    readonly foreignCalls?: CallCounts;
    /** The hosts' OK and throttled answers per second from the start of the phases (all keys together). */
    readonly timeline: ReadonlyArray<{ readonly second: number; readonly ok: number; readonly throttled: number }>;
    /** Distinct `alicloud-live:` warnings the hosts printed (store fallbacks, failed discovery). */
    readonly notices: readonly string[];
    /** store-failover: when the master was killed (s from the start) and how long the sentinels took to promote the replica. */
    readonly failover?: { readonly killedAtSeconds: number; readonly promotedAfterMs: number };
    /** store-kill: when the one-node store was SIGKILLed and when it answered again, empty (s from the start). */
    readonly crash?: { readonly killedAtSeconds: number; readonly backAtSeconds: number };
}

/** Combines the hosts' outcomes of one phase: it lasts until the last host is done. Pure. */
export function combinePhase(outcomes: readonly PhaseOutcome[], availableQps: number): PipelinePhase {
    const planned = sum(outcomes.map((o) => o.planned));
    const wallSeconds = Math.max(0, ...outcomes.map((o) => o.wallMs)) / 1000;
    const floor = floorSeconds(planned, availableQps);
    return {
        phase: outcomes[0]?.phase ?? "create",
        planned,
        failed: sum(outcomes.map((o) => o.failed)),
        cutOff: sum(outcomes.map((o) => o.cutOff)),
        wallSeconds,
        floorSeconds: floor,
        ratio: ratio(wallSeconds, floor),
        errorSamples: [...new Set(outcomes.flatMap((o) => o.errorSamples))].slice(0, 3),
    };
}

/** Adds call counts. Pure. */
export function addCounts(counts: readonly CallCounts[]): CallCounts {
    return {
        total: sum(counts.map((c) => c.total)),
        throttled: sum(counts.map((c) => c.throttled)),
        ok: sum(counts.map((c) => c.ok)),
    };
}

/** Per-second counts of several keys, added. Pure. */
export function mergeTimelines(
    lines: ReadonlyArray<ReadonlyArray<{ readonly second: number; readonly ok: number; readonly throttled: number }>>,
): Array<{ second: number; ok: number; throttled: number }> {
    const merged: Array<{ second: number; ok: number; throttled: number }> = [];
    for (const line of lines) {
        for (const { second, ok, throttled } of line) {
            while (merged.length <= second) merged.push({ second: merged.length, ok: 0, throttled: 0 });
            merged[second].ok += ok;
            merged[second].throttled += throttled;
        }
    }
    return merged;
}

/** Adds numbers. Pure. */
export function sum(values: readonly number[]): number {
    return values.reduce((a, b) => a + b, 0);
}
