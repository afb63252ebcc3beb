/**
 * One operation's view of the API: every call it makes (a create that adopts sends Add, Describe and
 * Update) shares the operation's one deadline and its cancellation, so the operation as a whole ends
 * by the deadline its caller gave, e.g. a plugin request's `customTimeouts`.
 */
import type { CallOptions, ConfigApi } from "../api/types";
import { monotonicClock, type Clock } from "../retry/clock";

export interface OperationOptions {
    /** The whole operation's budget in milliseconds; absent: each call's default (`operationTimeout`). */
    readonly timeoutMs?: number;
    /** Aborted when the caller gives up (the engine's Cancel): no further attempt is made. */
    readonly signal?: AbortSignal;
}

/** The smallest budget a call is given once the deadline has passed: it then stops at its first check. */
const EXPIRED_MS = 1;

export function operationApi<C, I>(api: ConfigApi<C, I>, options: OperationOptions = {}, clock: Clock = monotonicClock): ConfigApi<C, I> {
    const { timeoutMs, signal } = options;
    if (timeoutMs === undefined && signal === undefined) return api;
    const deadlineAt = timeoutMs === undefined ? undefined : clock.now() + timeoutMs;
    const call = (): CallOptions => ({
        ...(deadlineAt === undefined ? {} : { timeoutMs: Math.max(deadlineAt - clock.now(), EXPIRED_MS) }),
        ...(signal ? { signal } : {}),
    });
    return {
        add: (request) => api.add(request, call()),
        update: (request) => api.update(request, call()),
        describe: (request) => api.describe(request, call()),
        delete: (request) => api.delete(request, call()),
    };
}
