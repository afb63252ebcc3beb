/**
 * The faults the soak injects, as data: a steady mix on every action (most steps still succeed
 * through the retry layer), and outages that outlast the operation timeout so that some steps fail
 * for real. Plus the tally of what the emulator's request log says was injected. Pure.
 */
import type { FaultErrorSpec, FaultSpec, RequestLogEntry } from "../../emulator";
import type { SemanticsProfile } from "../../emulator/api/semantics";

export type FaultKind = "throttle" | "unavailable" | "internal-error" | "dropped" | "ambiguous-write" | "latency";

export const FAULT_KINDS: readonly FaultKind[] = ["throttle", "unavailable", "internal-error", "dropped", "ambiguous-write", "latency"];

/** 503 ServiceUnavailable is not in the emulator's catalogue: the gateway-wide common error table. */
const SERVICE_UNAVAILABLE = { code: "ServiceUnavailable", status: 503, message: "The request has failed due to a temporary failure of the server." };

/** The service's flow-control answer under the emulator's `throttleCode` (the default, 400 Throttling.User, is the documented one). */
export function throttleFault(throttleCode: SemanticsProfile["throttleCode"] = "Throttling.User"): FaultErrorSpec {
    return throttleCode === "429" ? { code: "Throttling", status: 429 } : { code: throttleCode };
}

/**
 * On every action ("*"). The emulator tries the rules in order and the first whose dice hit applies,
 * so the effective rates are a little lower than listed (about 22 % of requests are affected).
 * Throttles answer as `throttle` says.
 */
export function steadyMix(throttle: FaultErrorSpec = throttleFault()): ReadonlyArray<{ readonly kind: FaultKind; readonly spec: FaultSpec }> {
    return [
        { kind: "throttle", spec: { action: "*", probability: 0.05, error: throttle } },
        { kind: "unavailable", spec: { action: "*", probability: 0.03, error: SERVICE_UNAVAILABLE } },
        { kind: "internal-error", spec: { action: "*", probability: 0.03, error: { code: "InternalError" } } },
        // Connection dropped before the action ran: nothing applied.
        { kind: "dropped", spec: { action: "*", probability: 0.03, drop: true } },
        // The action ran (a write applied), then the connection dropped: the client cannot know.
        { kind: "ambiguous-write", spec: { action: "*", probability: 0.03, ambiguous: true } },
        { kind: "latency", spec: { action: "*", probability: 0.06, latencyMs: 150 } },
    ];
}

export const STEADY_MIX = steadyMix();

/** An outage of one action, long enough to outlast a short operation timeout. */
export interface Outage {
    readonly kind: FaultKind;
    readonly spec: FaultSpec;
}

const ACTIONS = [
    "AddLiveRecordNotifyConfig",
    "UpdateLiveRecordNotifyConfig",
    "DescribeLiveRecordNotifyConfig",
    "DeleteLiveRecordNotifyConfig",
] as const;

/** Requests an outage fails in a row; with a 3 s timeout a step gives up after about 10. */
export const OUTAGE_REQUESTS = 60;

/** The outage for `pick(n)`: each action, as 503s, throttles or drops. `pick` chooses an index. */
export function outageFor(pick: (n: number) => number, throttle: FaultErrorSpec = throttleFault()): Outage {
    const action = ACTIONS[pick(ACTIONS.length)];
    const variants: Outage[] = [
        { kind: "unavailable", spec: { action, count: OUTAGE_REQUESTS, error: SERVICE_UNAVAILABLE } },
        { kind: "throttle", spec: { action, count: OUTAGE_REQUESTS, error: throttle } },
        { kind: "dropped", spec: { action, count: OUTAGE_REQUESTS, drop: true } },
    ];
    return variants[pick(variants.length)];
}

export type FaultCounts = Record<FaultKind, number>;

export function emptyFaultCounts(): FaultCounts {
    return { "throttle": 0, "unavailable": 0, "internal-error": 0, "dropped": 0, "ambiguous-write": 0, "latency": 0 };
}

/** What the request log shows: faults by kind (via the ids of the rules the soak added), and more. */
export interface RequestTally {
    readonly requests: number;
    readonly faults: FaultCounts;
    /** Ambiguous faults whose write really applied before the drop. */
    readonly ambiguousApplied: number;
    /** Throttles from the emulator's own quota, not injected. */
    readonly quotaThrottles: number;
}

export function tallyRequests(entries: readonly RequestLogEntry[], kindOfRule: ReadonlyMap<string, FaultKind>): RequestTally {
    const faults = emptyFaultCounts();
    let ambiguousApplied = 0;
    let quotaThrottles = 0;
    for (const entry of entries) {
        const kind = entry.fault !== undefined ? kindOfRule.get(entry.fault) : undefined;
        if (kind !== undefined) faults[kind]++;
        if (kind === "ambiguous-write" && entry.hiddenOutcome === "OK") ambiguousApplied++;
        if (entry.fault === undefined && entry.outcome.startsWith("Throttling")) quotaThrottles++;
    }
    return { requests: entries.length, faults, ambiguousApplied, quotaThrottles };
}

export function addTallies(a: RequestTally, b: RequestTally): RequestTally {
    const faults = emptyFaultCounts();
    for (const kind of FAULT_KINDS) faults[kind] = a.faults[kind] + b.faults[kind];
    return {
        requests: a.requests + b.requests,
        faults,
        ambiguousApplied: a.ambiguousApplied + b.ambiguousApplied,
        quotaThrottles: a.quotaThrottles + b.quotaThrottles,
    };
}

export function emptyTally(): RequestTally {
    return { requests: 0, faults: emptyFaultCounts(), ambiguousApplied: 0, quotaThrottles: 0 };
}
