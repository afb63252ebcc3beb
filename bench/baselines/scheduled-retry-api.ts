/**
 * A baseline retrying client: the plain client plus a fixed retry schedule, with no rate limiter,
 * no settling of ambiguous writes and no shared state between callers. This is how the incumbents
 * retry (terraform-provider-alicloud's constant waits, a textbook full-jitter loop), so the
 * benchmark can set the provider's limiter against them. Not part of the shipped provider.
 */
import { toLiveApiError } from "../../provider/api/errors";
import type { Action, ApiResult, DescribeResult, DomainRequest, LiveRecordNotifyApi, RecordNotifyConfig } from "../../provider/client/types";
import type { RetrySchedule } from "./schedules";

export interface ScheduledRetryOptions {
    /** @defaultValue a `setTimeout` promise */
    readonly sleep?: (ms: number) => Promise<void>;
    /** Milliseconds, monotonic. @defaultValue `performance.now` */
    readonly now?: () => number;
}

export class ScheduledRetryApi implements LiveRecordNotifyApi {
    readonly #inner: LiveRecordNotifyApi;
    readonly #schedule: RetrySchedule;
    readonly #sleep: (ms: number) => Promise<void>;
    readonly #now: () => number;

    constructor(inner: LiveRecordNotifyApi, schedule: RetrySchedule, options: ScheduledRetryOptions = {}) {
        for (const method of ["add", "update", "describe", "delete"] as const) {
            if (typeof inner?.[method] !== "function") throw new TypeError(`ScheduledRetryApi: inner must implement ${method}`);
        }
        if (typeof schedule?.delayMs !== "function" || !(schedule.deadlineMs > 0)) {
            throw new TypeError("ScheduledRetryApi: schedule must have delayMs(retry) and a deadlineMs > 0");
        }
        this.#inner = inner;
        this.#schedule = schedule;
        this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.#now = options.now ?? (() => performance.now());
    }

    add(request: RecordNotifyConfig): Promise<ApiResult> {
        return this.#retry("AddLiveRecordNotifyConfig", () => this.#inner.add(request));
    }

    update(request: RecordNotifyConfig): Promise<ApiResult> {
        return this.#retry("UpdateLiveRecordNotifyConfig", () => this.#inner.update(request));
    }

    describe(request: DomainRequest): Promise<DescribeResult> {
        return this.#retry("DescribeLiveRecordNotifyConfig", () => this.#inner.describe(request));
    }

    delete(request: DomainRequest): Promise<ApiResult> {
        return this.#retry("DeleteLiveRecordNotifyConfig", () => this.#inner.delete(request));
    }

    /** Throttles and transient failures are retried; the last error stands once the next wait would end past the deadline. */
    async #retry<T>(action: Action, call: () => Promise<T>): Promise<T> {
        const deadline = this.#now() + this.#schedule.deadlineMs;
        for (let retry = 0; ; retry++) {
            try {
                return await call();
            } catch (thrown) {
                const error = toLiveApiError(thrown, action);
                if (!error.retryable) throw error;
                const delay = this.#schedule.delayMs(retry);
                if (this.#now() + delay > deadline) throw error;
                await this.#sleep(delay);
            }
        }
    }
}
