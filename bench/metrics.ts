/**
 * The benchmark's numbers, computed from what was observed: the emulator's request log (calls and
 * throttles per access key) and the driver's phase outcomes. Pure.
 */
import type { RequestLogEntry } from "../emulator/wire/request-log";
import type { Phase, PhaseOutcome } from "./driver";

/** The write action each phase spends its quota on. */
export const PHASE_ACTION: Readonly<Record<Phase, string>> = {
    create: "AddLiveRecordNotifyConfig",
    update: "UpdateLiveRecordNotifyConfig",
    delete: "DeleteLiveRecordNotifyConfig",
};

export interface CallCounts {
    /** Requests the emulator received from the key. */
    readonly total: number;
    /** Of those, answered with a throttling error. */
    readonly throttled: number;
    /** Answered OK. */
    readonly ok: number;
}

/** A throttling answer: `Throttling`, `Throttling.User`, `Throttling.Api`, ... */
export function isThrottleOutcome(outcome: string): boolean {
    return outcome === "Throttling" || outcome.startsWith("Throttling.");
}

/** Counts the requests of `accessKeyId`, per action and in all, optionally within [fromMs, toMs]. */
export function countCalls(
    entries: readonly RequestLogEntry[],
    accessKeyId: string,
    window?: { readonly fromMs: number; readonly toMs: number },
): { readonly all: CallCounts; readonly byAction: Readonly<Record<string, CallCounts>> } {
    const byAction: Record<string, { total: number; throttled: number; ok: number }> = {};
    const all = { total: 0, throttled: 0, ok: 0 };
    for (const e of entries) {
        if (e.accessKeyId !== accessKeyId) continue;
        if (window) {
            const at = Date.parse(e.time);
            if (at < window.fromMs || at > window.toMs) continue;
        }
        const counts = (byAction[e.action] ??= { total: 0, throttled: 0, ok: 0 });
        for (const c of [counts, all]) {
            c.total++;
            if (isThrottleOutcome(e.outcome)) c.throttled++;
            else if (e.outcome === "OK") c.ok++;
        }
    }
    return { all, byAction };
}

/** Seconds the calls need at least: calls / calls-per-second available. */
export function floorSeconds(calls: number, qps: number): number {
    if (!(qps > 0)) throw new RangeError(`qps must be > 0, got ${qps}`);
    if (!(calls >= 0)) throw new RangeError(`calls must be >= 0, got ${calls}`);
    return calls / qps;
}

/** wall / floor; undefined when the floor is 0 (nothing to do). */
export function ratio(wallSeconds: number, floor: number): number | undefined {
    return floor > 0 ? wallSeconds / floor : undefined;
}

/** Per-second counts of a key's OK and throttled answers, from `fromMs` on: how the rate converged. */
export function timeline(
    entries: readonly RequestLogEntry[],
    accessKeyId: string,
    fromMs: number,
): Array<{ readonly second: number; readonly ok: number; readonly throttled: number }> {
    const seconds: Array<{ second: number; ok: number; throttled: number }> = [];
    for (const e of entries) {
        if (e.accessKeyId !== accessKeyId) continue;
        const second = Math.floor((Date.parse(e.time) - fromMs) / 1000);
        if (second < 0) continue;
        while (seconds.length <= second) seconds.push({ second: seconds.length, ok: 0, throttled: 0 });
        if (isThrottleOutcome(e.outcome)) seconds[second].throttled++;
        else if (e.outcome === "OK") seconds[second].ok++;
    }
    return seconds;
}

export interface PhaseNumbers extends PhaseOutcome {
    readonly wallSeconds: number;
    readonly floorSeconds: number;
    readonly ratio: number | undefined;
    /** The provider key's calls of the phase's write action. */
    readonly calls: CallCounts;
}

export interface ScenarioNumbers {
    readonly strategy: string;
    readonly contention: boolean;
    /** Write calls/s left to the provider: the quota, minus the competitor's share under contention. */
    readonly availableQps: number;
    readonly phases: readonly PhaseNumbers[];
    readonly wallSeconds: number;
    readonly floorSeconds: number;
    readonly ratio: number | undefined;
    /** All of the provider key's calls in the scenario (Describe included). */
    readonly calls: CallCounts;
    readonly throttledShare: number;
    readonly failed: number;
    readonly cutOff: number;
    /** The scenario hit its time limit. */
    readonly timedOut: boolean;
}

/** Combines a scenario's phase outcomes with the provider key's calls. */
export function scenarioNumbers(input: {
    readonly strategy: string;
    readonly contention: boolean;
    readonly availableQps: number;
    readonly phases: readonly PhaseOutcome[];
    readonly calls: ReturnType<typeof countCalls>;
    readonly timedOut: boolean;
}): ScenarioNumbers {
    const empty: CallCounts = { total: 0, throttled: 0, ok: 0 };
    const phases = input.phases.map((p): PhaseNumbers => {
        const wallSeconds = p.wallMs / 1000;
        const floor = floorSeconds(p.planned, input.availableQps);
        return {
            ...p,
            wallSeconds,
            floorSeconds: floor,
            ratio: ratio(wallSeconds, floor),
            calls: input.calls.byAction[PHASE_ACTION[p.phase]] ?? empty,
        };
    });
    const wallSeconds = sum(phases.map((p) => p.wallSeconds));
    const floor = sum(phases.map((p) => p.floorSeconds));
    const all = input.calls.all;
    return {
        strategy: input.strategy,
        contention: input.contention,
        availableQps: input.availableQps,
        phases,
        wallSeconds,
        floorSeconds: floor,
        ratio: ratio(wallSeconds, floor),
        calls: all,
        throttledShare: all.total > 0 ? all.throttled / all.total : 0,
        failed: sum(phases.map((p) => p.failed)),
        cutOff: sum(phases.map((p) => p.cutOff)),
        timedOut: input.timedOut,
    };
}

function sum(values: readonly number[]): number {
    return values.reduce((a, b) => a + b, 0);
}
