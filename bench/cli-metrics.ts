/**
 * The numbers of the CLI scenario: each `pulumi up/refresh/destroy` phase's wall time less the wall
 * time of a no-op `up` of the same stack (what the CLI, the program and the engine cost whatever the
 * cloud does), against the floor the quota sets for the phase's calls. Pure.
 */
import type { RequestLogEntry } from "../emulator/wire/request-log";
import type { EventLogSummary } from "./event-log";
import { floorSeconds, ratio, type CallCounts } from "./metrics";

export type CliPhase = "create" | "refresh" | "destroy";

export const CLI_PHASES: readonly CliPhase[] = ["create", "refresh", "destroy"];

/** The call each phase makes once per resource, and whose quota bounds the phase. */
export const CLI_PHASE_CALL: Readonly<Record<CliPhase, { readonly action: string; readonly quota: "write" | "read" }>> = {
    create: { action: "AddLiveRecordNotifyConfig", quota: "write" },
    refresh: { action: "DescribeLiveRecordNotifyConfig", quota: "read" },
    destroy: { action: "DeleteLiveRecordNotifyConfig", quota: "write" },
};

/**
 * Seconds from the first to the last OK call of `action` by the key within the window, plus one
 * quota interval (n calls at q/s take n/q s): the provider's own pace, whatever the CLI costs around it.
 */
export function callSpanSeconds(
    entries: readonly RequestLogEntry[],
    accessKeyId: string,
    action: string,
    qps: number,
    window: { readonly fromMs: number; readonly toMs: number },
): number {
    let first = Infinity;
    let last = -Infinity;
    for (const e of entries) {
        if (e.accessKeyId !== accessKeyId || e.action !== action || e.outcome !== "OK") continue;
        const at = Date.parse(e.time);
        if (at < window.fromMs || at > window.toMs) continue;
        first = Math.min(first, at);
        last = Math.max(last, at);
    }
    return last >= first ? (last - first) / 1000 + 1 / qps : 0;
}

export interface CliPhaseInput {
    readonly phase: CliPhase;
    /** Resources the phase had to handle. */
    readonly planned: number;
    readonly wallMs: number;
    readonly exitCode: number | null;
    readonly events: EventLogSummary;
    /** The provider key's calls while the phase ran, every action. */
    readonly calls: CallCounts;
    /** See \`callSpanSeconds\`. */
    readonly callSpanSeconds: number;
}

export interface CliPhaseNumbers {
    readonly phase: CliPhase;
    readonly planned: number;
    readonly exitCode: number | null;
    readonly wallSeconds: number;
    /** wall / floor, the no-op `up` not subtracted: an upper bound. */
    readonly rawRatio: number | undefined;
    /** wall - the no-op `up`'s wall. */
    readonly netSeconds: number;
    readonly floorSeconds: number;
    /** net / floor. */
    readonly ratio: number | undefined;
    readonly succeeded: number;
    readonly failed: number;
    /** Neither succeeded nor failed: the command stopped (or was killed) before their turn. */
    readonly unfinished: number;
    readonly calls: CallCounts;
    readonly callSpanSeconds: number;
    /** callSpan / floor: how close the provider kept to the quota. */
    readonly callSpanRatio: number | undefined;
    readonly throttledShare: number;
    readonly errorSamples: readonly string[];
}

export interface Quotas {
    readonly writeQps: number;
    readonly readQps: number;
}

export function cliPhaseNumbers(input: CliPhaseInput, noopWallMs: number, quotas: Quotas): CliPhaseNumbers {
    const floor = floorSeconds(input.planned, phaseQps(input.phase, quotas));
    const netSeconds = Math.max(0, input.wallMs - noopWallMs) / 1000;
    // One finished step per resource, whatever its op (a refresh that finds no change reports `same`).
    const succeeded = Object.values(input.events.completed).reduce((a, b) => a + b, 0);
    const failed = input.events.failedUrns.length;
    return {
        phase: input.phase,
        planned: input.planned,
        exitCode: input.exitCode,
        wallSeconds: input.wallMs / 1000,
        rawRatio: ratio(input.wallMs / 1000, floor),
        netSeconds,
        floorSeconds: floor,
        ratio: ratio(netSeconds, floor),
        succeeded,
        failed,
        unfinished: Math.max(0, input.planned - succeeded - failed),
        calls: input.calls,
        callSpanSeconds: input.callSpanSeconds,
        callSpanRatio: ratio(input.callSpanSeconds, floor),
        throttledShare: input.calls.total > 0 ? input.calls.throttled / input.calls.total : 0,
        errorSamples: input.events.errorSamples,
    };
}

export function phaseQps(phase: CliPhase, quotas: Quotas): number {
    return CLI_PHASE_CALL[phase].quota === "write" ? quotas.writeQps : quotas.readQps;
}
