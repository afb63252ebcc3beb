/**
 * A configuration's four operations with pacing, retries and settling of ambiguous writes, behind the
 * same interface as the plain client (`ConfigApi`), for any configuration: which actions it calls,
 * what identifies it and when the service holds what was written are the caller's `RetryTarget` (a
 * resource's binding). Each operation:
 *
 * 1. takes a slot from its (account, action) rate limiter and waits for it;
 * 2. calls the inner API afresh (a new call signs anew: new nonce and timestamp);
 * 3. on failure: reports throttles (and answers) to the limiter, settles a write whose earlier
 *    attempt may have applied (settle.ts), and asks the retry policy whether and when to try again;
 * 4. ends with the result, or a `RetriedLiveApiError` naming the attempts made and the time waited.
 *
 * Every delay of the retry layer happens here, in `#attempts`: the limiter and the policy only say
 * how long.
 */
import { toLiveApiError, LiveApiError } from "../api/errors";
import type { ApiResult, CallOptions, ConfigApi, Described } from "../api/types";
import { SETTLE_BUDGET_MS } from "./constants";
import type { RetryEvent } from "./events";
import type { RateLimiter } from "./rate-limiter";
import { RetriedLiveApiError } from "./retried-error";
import { decideRetry, type StopReason } from "./retry-policy";
import { resolveRetryOptions, type ActionQuota, type ResolvedRetryOptions, type RetryingLiveApiOptions } from "./retrying-options";
import { observe, verdictAfterAmbiguity, writeOutcome, type Holds, type Observation, type WriteOperation } from "./settle";

/** What the retrying client needs to know of a configuration: its actions, its identity, and when it is held. */
export interface RetryTarget<C, I> {
    /** The action of each operation, with the quota it is paced to. */
    readonly actions: { readonly add: ActionQuota; readonly update: ActionQuota; readonly describe: ActionQuota; readonly delete: ActionQuota };
    /** What Describe and Delete take: the identity of a configuration, or an identity itself. */
    identityOf(request: C | I): I;
    /** The domain a request is about, named in events. */
    domainOf(request: C | I): string;
    /** Whether Describe's answer shows the service holding the desired configuration. */
    readonly holds: Holds<C>;
    /** Describe may take several requests (pages): each after the first is paced through `CallOptions.pace`. */
    readonly pagedDescribe?: boolean;
}

/** When an operation started and when it must be over, on the options' clock, and what may cancel it. */
interface Budget {
    readonly startedAt: number;
    readonly deadlineAt: number;
    readonly signal?: AbortSignal;
}

/** How an operation's attempts went so far. */
interface Progress {
    attempts: number;
    waitedMs: number;
    /** An attempt failed in a way that may nevertheless have applied the write, and nothing settled it since. */
    ambiguous: boolean;
}

/** What a failed attempt turns into, after the write-specific checks. */
type Turn<T> =
    | { readonly type: "done"; readonly value: T }
    /** Go on to the retry policy, as if the error were of `kind`. */
    | { readonly type: "policy"; readonly kind: LiveApiError["kind"] };

type Ending<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LiveApiError; readonly reason: StopReason };

const INNER_METHODS = ["add", "update", "describe", "delete"] as const;

export class RetryingConfigApi<C, I> implements ConfigApi<C, I> {
    readonly #inner: ConfigApi<C, I>;
    readonly #target: RetryTarget<C, I>;
    readonly #options: ResolvedRetryOptions;

    constructor(inner: ConfigApi<C, I>, target: RetryTarget<C, I>, options: RetryingLiveApiOptions) {
        const missing = INNER_METHODS.filter((m) => typeof (inner as unknown as Record<string, unknown> | null)?.[m] !== "function");
        if (missing.length > 0) {
            throw new TypeError(`RetryingLiveApi: inner must implement add, update, describe and delete (missing: ${missing.join(", ")})`);
        }
        this.#inner = inner;
        this.#target = target;
        const { add, update, describe, delete: remove } = target.actions;
        this.#options = resolveRetryOptions(options, [add, update, describe, remove]);
    }

    /** The limiter that paces `action` (shared with every caller of the same account key). */
    limiterFor(action: string): RateLimiter {
        return this.#options.limiters.get(action) as RateLimiter;
    }

    add(request: C, options?: CallOptions): Promise<ApiResult> {
        return this.#write("add", this.#target.actions.add.name, request, () => this.#inner.add(request), this.#budgetOf(options));
    }

    update(request: C, options?: CallOptions): Promise<ApiResult> {
        return this.#write("update", this.#target.actions.update.name, request, () => this.#inner.update(request), this.#budgetOf(options));
    }

    delete(request: I, options?: CallOptions): Promise<ApiResult> {
        return this.#write("delete", this.#target.actions.delete.name, request, () => this.#inner.delete(request), this.#budgetOf(options));
    }

    describe(request: I, options?: CallOptions): Promise<Described<C>> {
        return this.#describe(request, this.#budgetOf(options));
    }

    async #describe(request: I, budget: Budget): Promise<Described<C>> {
        const action = this.#target.actions.describe.name;
        const domainName = this.#target.domainOf(request);
        const progress: Progress = { attempts: 0, waitedMs: 0, ambiguous: false };
        // The further requests of one Describe (its pages) each take a slot of the same limiter.
        const pace = () => this.#pace(action, domainName, budget, progress);
        const send = this.#target.pagedDescribe ? () => this.#inner.describe(request, { pace }) : () => this.#inner.describe(request);
        const ending = await this.#attempts(action, domainName, send, budget, progress);
        if (ending.ok) return ending.value;
        throw this.#giveUp(ending.error, ending.reason, domainName, budget, progress, false);
    }

    async #write(operation: WriteOperation, action: string, request: C | I, send: () => Promise<ApiResult>, budget: Budget): Promise<ApiResult> {
        const { holds } = this.#target;
        const domainName = this.#target.domainOf(request);
        const identity = this.#target.identityOf(request);
        const progress: Progress = { attempts: 0, waitedMs: 0, ambiguous: false };
        const ending = await this.#attempts(action, domainName, send, budget, progress, async (error) => {
            if (!progress.ambiguous) return { type: "policy", kind: error.kind };
            const verdict = verdictAfterAmbiguity(operation, error.kind);
            if (verdict === "applied") {
                this.#emit({ type: "settle", action, domainName, outcome: "applied" });
                return { type: "done", value: { requestId: error.requestId ?? "" } };
            }
            if (verdict === "as-is") return { type: "policy", kind: error.kind };
            // An Add met an existing config: ours from the earlier attempt, or someone else's?
            const seen = await this.#observe(identity, budget);
            if (seen === undefined) return { type: "policy", kind: error.kind };
            const outcome = writeOutcome(operation, request, seen.config, holds, seen.authKeyView);
            this.#emit({ type: "settle", action, domainName, outcome });
            if (outcome === "applied") return { type: "done", value: { requestId: seen.requestId } };
            progress.ambiguous = false; // settled: not ours
            // Someone else's config: the error stands. None at all: nothing was applied, add again.
            return { type: "policy", kind: seen.config === undefined ? "transient" : error.kind };
        });
        if (ending.ok) return ending.value;

        if (progress.ambiguous) {
            // Giving up on a write that may have applied: look before reporting it as failed.
            const remaining = budget.deadlineAt - this.#options.clock.now();
            const seen = await this.#observe(identity, this.#budget(Math.max(remaining, SETTLE_BUDGET_MS), budget.signal));
            const outcome = seen === undefined ? "unknown" : writeOutcome(operation, request, seen.config, holds, seen.authKeyView);
            this.#emit({ type: "settle", action, domainName, outcome });
            if (seen !== undefined && outcome === "applied") return { requestId: seen.requestId };
            if (seen !== undefined) progress.ambiguous = false;
        }
        throw this.#giveUp(ending.error, ending.reason, domainName, budget, progress, progress.ambiguous);
    }

    /** The attempts of one operation, until success, a settled outcome, or the policy says stop. */
    async #attempts<T>(
        action: string,
        domainName: string,
        send: () => Promise<T>,
        budget: Budget,
        progress: Progress,
        onError?: (error: LiveApiError) => Promise<Turn<T>>,
    ): Promise<Ending<T>> {
        const { clock, random } = this.#options;
        const sleep = (ms: number) => this.#sleep(ms, budget.signal);
        const limiter = this.limiterFor(action);
        let last: LiveApiError | undefined;
        for (;;) {
            const slot = await this.#slot(action, domainName, budget, progress);
            if ("stop" in slot) return { ok: false, error: last ?? notSentError(action), reason: slot.stop };
            const { epoch } = slot;
            if (budget.signal?.aborted) return { ok: false, error: last ?? notSentError(action), reason: "cancelled" };
            progress.attempts += 1;
            const attempt = progress.attempts;
            this.#emit({ type: "attempt", action, domainName, attempt });

            let error: LiveApiError;
            try {
                const value = await send();
                limiter.onSuccess();
                this.#emit({ type: "success", action, domainName, attempts: attempt, waitedMs: progress.waitedMs });
                return { ok: true, value };
            } catch (thrown) {
                error = toLiveApiError(thrown, action);
            }

            if (error.kind === "throttled") {
                const cut = limiter.onThrottle(epoch);
                this.#emit({ type: "throttle", action, domainName, attempt, rate: limiter.rate, cut });
            } else {
                // An answer that is not a throttle means the quota let the call through.
                if (error.statusCode !== undefined) limiter.onSuccess();
                this.#emit({
                    type: "error",
                    action,
                    domainName,
                    attempt,
                    kind: error.kind,
                    code: error.code,
                    requestId: error.requestId,
                    mayHaveApplied: error.mayHaveApplied,
                });
            }

            const turn: Turn<T> = onError ? await onError(error) : { type: "policy", kind: error.kind };
            if (turn.type === "done") {
                this.#emit({ type: "success", action, domainName, attempts: attempt, waitedMs: progress.waitedMs });
                return { ok: true, value: turn.value };
            }
            if (error.mayHaveApplied) progress.ambiguous = true;
            last = error;

            const now = clock.now();
            const decision = decideRetry({
                kind: turn.kind,
                attempts: attempt,
                elapsedMs: now - budget.startedAt,
                deadlineMs: budget.deadlineAt - budget.startedAt,
                retryAfterMs: error.retryAfterMs,
                random,
            });
            if (!decision.retry) return { ok: false, error, reason: decision.reason };
            this.#emit({ type: "delay", action, domainName, attempt: attempt + 1, reason: "backoff", delayMs: decision.delayMs });
            await sleep(decision.delayMs);
            progress.waitedMs += decision.delayMs;
            if (budget.signal?.aborted) return { ok: false, error, reason: "cancelled" };
        }
    }

    /**
     * Takes `action`'s next limiter slot for one request and waits for it: the slot's epoch, or why no
     * slot could be used (the caller cancelled, or the slot lies past the deadline and is not taken).
     */
    async #slot(
        action: string,
        domainName: string,
        budget: Budget,
        progress: Progress,
    ): Promise<{ readonly epoch: number } | { readonly stop: "cancelled" | "deadline" }> {
        const { clock } = this.#options;
        const limiter = this.limiterFor(action);
        for (;;) {
            if (budget.signal?.aborted) return { stop: "cancelled" };
            // A slot beyond the deadline is not taken: an abandoned slot would delay every later caller.
            const reserved = limiter.reserve(budget.deadlineAt - clock.now());
            // Awaited only when it is a promise: a local slot and its epoch are read with nothing in between.
            const pacing = typeof reserved === "number" ? reserved : await reserved;
            // The epoch of the slot just taken (a shared limiter learns it with the slot).
            const epoch = limiter.epoch;
            if (pacing <= 0) return { epoch };
            if (clock.now() + pacing > budget.deadlineAt) return { stop: "deadline" };
            this.#emit({ type: "delay", action, domainName, attempt: progress.attempts + 1, reason: "pacing", delayMs: pacing });
            await this.#sleep(pacing, budget.signal);
            progress.waitedMs += pacing;
            // A rate cut while we slept voided our slot: take one at the new spacing.
            if (limiter.epoch === epoch) return { epoch };
        }
    }

    /** A further request of the call in progress (a Describe's next page) waits for its own slot; none usable is a throttle. */
    async #pace(action: string, domainName: string, budget: Budget, progress: Progress): Promise<void> {
        const slot = await this.#slot(action, domainName, budget, progress);
        if ("stop" in slot) throw notSentError(action);
    }

    /** Describe within `budget`, with not-found read as "no config"; `undefined` when Describe itself failed. */
    async #observe(identity: I, budget: Budget): Promise<Observation<C> | undefined> {
        try {
            return await observe((request: I) => this.#describe(request, budget), identity);
        } catch {
            return undefined;
        }
    }

    #budget(timeoutMs: number, signal?: AbortSignal): Budget {
        const startedAt = this.#options.clock.now();
        return { startedAt, deadlineAt: startedAt + timeoutMs, ...(signal ? { signal } : {}) };
    }

    /** A call's budget: its own timeout when given (checked like the option), else the operation default. */
    #budgetOf(options: CallOptions | undefined): Budget {
        const timeoutMs = options?.timeoutMs ?? this.#options.operationTimeoutMs;
        if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
            throw new TypeError(`RetryingLiveApi: timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
        }
        return this.#budget(timeoutMs, options?.signal);
    }

    /** The options' sleep, ended early (resolved, not rejected) when `signal` aborts; the loop then stops. */
    #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
        if (!signal) return this.#options.sleep(ms);
        if (signal.aborted) return Promise.resolve();
        return new Promise((resolve) => {
            const done = () => {
                signal.removeEventListener("abort", done);
                resolve();
            };
            signal.addEventListener("abort", done);
            this.#options.sleep(ms).then(done, done);
        });
    }

    #giveUp(
        error: LiveApiError,
        reason: StopReason,
        domainName: string,
        budget: Budget,
        progress: Progress,
        mayHaveApplied: boolean,
    ): RetriedLiveApiError {
        this.#emit({
            type: "give-up",
            action: error.action,
            domainName,
            attempts: progress.attempts,
            waitedMs: progress.waitedMs,
            reason,
            kind: error.kind,
        });
        return new RetriedLiveApiError(error, {
            attempts: progress.attempts,
            waitedMs: progress.waitedMs,
            elapsedMs: this.#options.clock.now() - budget.startedAt,
            reason,
            timeoutMs: budget.deadlineAt - budget.startedAt,
            mayHaveApplied,
        });
    }

    #emit(event: RetryEvent): void {
        const listener = this.#options.onEvent;
        if (!listener) return;
        try {
            listener(event);
        } catch {
            // Observability must never break the operation it observes.
        }
    }
}

/** The error of an operation whose first attempt could not get a slot before its deadline. */
function notSentError(action: string): LiveApiError {
    return new LiveApiError({
        action,
        kind: "throttled",
        serviceMessage: "not sent: the rate limiter of this account and action had no free slot before the operation timeout",
        mayHaveApplied: false,
    });
}
