/**
 * Whether to try a failed call again, and after how long. Pure: the same facts give the same answer.
 *
 * - Throttles and transient failures are retried, from their own backoff bases (constants.ts);
 *   an unreachable endpoint (no such name, connection refused) only within its own short budget
 *   (`UNREACHABLE_RETRY_BUDGET_MS`); every other kind fails at once: another attempt would meet the
 *   same answer.
 * - A server's retry-after hint is honoured up to `RETRY_AFTER_MAX_EXTRA_MS` beyond the computed
 *   delay (AWS's rule).
 * - The budget is a deadline, not a number of attempts. No delay ends past the deadline: a delay
 *   that would is shortened so one last attempt happens at the deadline.
 */
import { RETRYABLE_KINDS, type ErrorKind } from "../api/error-kind";
import { fullJitterDelay } from "./backoff";
import {
    MAX_BACKOFF_MS,
    RETRY_AFTER_MAX_EXTRA_MS,
    THROTTLE_BACKOFF_BASE_MS,
    TRANSIENT_BACKOFF_BASE_MS,
    UNREACHABLE_BACKOFF_BASE_MS,
    UNREACHABLE_RETRY_BUDGET_MS,
} from "./constants";

export interface RetryFacts {
    /** The kind of the error the last attempt met. */
    readonly kind: ErrorKind;
    /** Attempts made so far, the failed one included (1 after the first failure). */
    readonly attempts: number;
    /** Milliseconds since the operation started. */
    readonly elapsedMs: number;
    /** The operation's budget, in milliseconds from its start. */
    readonly deadlineMs: number;
    /** Milliseconds the service asked to wait, when it said. */
    readonly retryAfterMs?: number;
    /** A number in [0, 1). */
    readonly random: () => number;
}

/**
 * Why an operation stopped trying: the error is not worth retrying, its deadline came, the short budget
 * of its kind (an unreachable endpoint) was spent, or its caller cancelled it.
 */
export type StopReason = "not-retryable" | "deadline" | "brief" | "cancelled";

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason: StopReason };

/** Backoff base of each retryable kind. */
const BACKOFF_BASE_MS: Readonly<Partial<Record<ErrorKind, number>>> = {
    throttled: THROTTLE_BACKOFF_BASE_MS,
    transient: TRANSIENT_BACKOFF_BASE_MS,
    unreachable: UNREACHABLE_BACKOFF_BASE_MS,
};

/** Kinds retried within a budget shorter than the operation's deadline, from the operation's start. */
const BRIEF_BUDGET_MS: Readonly<Partial<Record<ErrorKind, number>>> = {
    unreachable: UNREACHABLE_RETRY_BUDGET_MS,
};

export function decideRetry(facts: RetryFacts): RetryDecision {
    const { kind, attempts, elapsedMs, deadlineMs, retryAfterMs, random } = facts;
    const base = BACKOFF_BASE_MS[kind];
    if (!RETRYABLE_KINDS.has(kind) || base === undefined) return { retry: false, reason: "not-retryable" };
    const brief = BRIEF_BUDGET_MS[kind];
    const briefer = brief !== undefined && brief < deadlineMs;
    const remaining = (briefer ? brief : deadlineMs) - elapsedMs;
    if (!(remaining > 0)) return { retry: false, reason: briefer ? "brief" : "deadline" };
    const computed = fullJitterDelay(Math.max(0, attempts - 1), base, MAX_BACKOFF_MS, random);
    const hinted =
        retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(computed, Math.min(retryAfterMs, computed + RETRY_AFTER_MAX_EXTRA_MS)) : computed;
    return { retry: true, delayMs: Math.min(hinted, remaining) };
}
