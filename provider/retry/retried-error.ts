/**
 * The error an operation ends with: the last attempt's `LiveApiError` (same kind, code, request id
 * and advice) plus how hard the retry layer tried, in fields and at the end of the message:
 * "... (after 7 attempts, 41.2 s waited; operation timeout of 300 s reached)".
 */
import { LiveApiError } from "../api/errors";
import type { StopReason } from "./retry-policy";

export interface RetrySummary {
    /** Calls sent to the service (0 when the operation could not be sent before its deadline). */
    readonly attempts: number;
    /** Milliseconds spent waiting: pacing by the rate limiter plus backoff. */
    readonly waitedMs: number;
    /** Milliseconds from the operation's start to giving up. */
    readonly elapsedMs: number;
    /** Why it stopped: the error was not worth retrying, the deadline came, or the caller cancelled. */
    readonly reason: StopReason;
    /** The operation's budget, in milliseconds. */
    readonly timeoutMs: number;
    /**
     * Whether the write may be in effect although it failed: an attempt's fate was unknown and the
     * settle check could not tell. Overrides the last error's own `mayHaveApplied`.
     */
    readonly mayHaveApplied: boolean;
}

export class RetriedLiveApiError extends LiveApiError {
    readonly attempts: number;
    readonly waitedMs: number;
    readonly elapsedMs: number;
    readonly stopReason: StopReason;
    /** The last attempt's error, as the client threw it. */
    readonly lastError: LiveApiError;

    constructor(last: LiveApiError, summary: RetrySummary) {
        super({
            action: last.action,
            kind: last.kind,
            code: last.code,
            statusCode: last.statusCode,
            requestId: last.requestId,
            serviceMessage: last.serviceMessage,
            retryAfterMs: last.retryAfterMs,
            mayHaveApplied: summary.mayHaveApplied,
            ...(last.host !== undefined ? { host: last.host } : {}),
            ...(last.domainName !== undefined ? { domainName: last.domainName } : {}),
        });
        this.attempts = summary.attempts;
        this.waitedMs = summary.waitedMs;
        this.elapsedMs = summary.elapsedMs;
        this.stopReason = summary.reason;
        this.lastError = last;
        const before = this.message;
        this.message = `${before} ${formatRetrySummary(summary)}`;
        // The stack's first line was rendered with the message as it was.
        if (typeof this.stack === "string") this.stack = this.stack.replace(before, () => this.message);
    }
}

/** "(after 7 attempts, 41.2 s waited; operation timeout of 300 s reached)". Pure. */
function formatRetrySummary(summary: RetrySummary): string {
    const parts = [`after ${summary.attempts} attempt${summary.attempts === 1 ? "" : "s"}, ${seconds(summary.waitedMs)} s waited`];
    if (summary.reason === "deadline") parts.push(`operation timeout of ${seconds(summary.timeoutMs)} s reached`);
    if (summary.reason === "cancelled") parts.push("cancelled");
    if (summary.reason === "brief") parts.push("an unreachable endpoint is retried only briefly");
    if (summary.mayHaveApplied) parts.push("an earlier attempt may have been applied and the check could not tell");
    return `(${parts.join("; ")})`;
}

function seconds(ms: number): string {
    const s = ms / 1000;
    return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
