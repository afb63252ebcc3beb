/**
 * The waits between attempts of the two retrying baselines, as pure functions of the retry number
 * (0 for the first retry). Each baseline is a `RetrySchedule`: its waits and its overall deadline.
 */
import { fullJitterDelay } from "../../provider/retry/backoff";

export interface RetrySchedule {
    /** Shown in the report. */
    readonly name: string;
    /** Milliseconds to wait before retry number `retry` (0 for the first retry). */
    delayMs(retry: number): number;
    /** Budget of one operation, from its first attempt; no retry starts after it. */
    readonly deadlineMs: number;
}

/** terraform-provider-alicloud's `incrementalWait(3*time.Second, 5*time.Second)`: the first wait. */
export const TERRAFORM_FIRST_WAIT_MS = 3_000;
/** Every later wait: the helper re-declares its counter on each call, so the wait never grows. */
export const TERRAFORM_LATER_WAIT_MS = 5_000;
/** `resource.Retry(d.Timeout(schema.TimeoutCreate), ...)`: the provider's usual 5-minute timeout. */
export const TERRAFORM_DEADLINE_MS = 300_000;

/** Full-jitter baseline: the first retry waits U(0, 1 s), doubling up to U(0, 20 s). */
export const FULL_JITTER_BASE_MS = 1_000;
export const FULL_JITTER_CAP_MS = 20_000;
export const FULL_JITTER_DEADLINE_MS = 300_000;

/** 3 s, then 5 s for ever, no jitter: every caller throttled together retries together. */
export function terraformStyleDelay(retry: number): number {
    requireRetry(retry);
    return retry === 0 ? TERRAFORM_FIRST_WAIT_MS : TERRAFORM_LATER_WAIT_MS;
}

export const TERRAFORM_STYLE: RetrySchedule = Object.freeze({
    name: "terraform-style",
    delayMs: terraformStyleDelay,
    deadlineMs: TERRAFORM_DEADLINE_MS,
});

/** U(0, min(20 s, 1 s x 2^retry)), drawing from `random`. */
export function fullJitterSchedule(random: () => number = Math.random): RetrySchedule {
    return Object.freeze({
        name: "full-jitter",
        delayMs: (retry: number) => fullJitterDelay(retry, FULL_JITTER_BASE_MS, FULL_JITTER_CAP_MS, random),
        deadlineMs: FULL_JITTER_DEADLINE_MS,
    });
}

function requireRetry(retry: number): void {
    if (!Number.isInteger(retry) || retry < 0) throw new RangeError(`retry must be an integer >= 0, got ${retry}`);
}
