/**
 * The options of `RetryingLiveApi`, checked when it is constructed: a wrong option fails at once,
 * naming the option and the rule, not minutes later in the middle of a deployment.
 */
import { monotonicClock, realSleep, type Clock, type Sleep } from "./clock";
import { DEFAULT_OPERATION_TIMEOUT_MS, MAX_OPERATION_TIMEOUT_MS, MAX_QUOTA_HEADROOM } from "./constants";
import type { RetryEventListener } from "./events";
import { sharedLimiterRegistry, type LimiterRegistry } from "./limiter-registry";
import type { RateLimiter } from "./rate-limiter";

/** The account's quotas, in calls/s. */
export interface Quota {
    /** Each write action's quota. @defaultValue 30 (`DOCUMENTED_WRITE_QPS`) */
    readonly writeQps?: number;
    /** Describe's quota. @defaultValue 50 (`DOCUMENTED_READ_QPS`) */
    readonly readQps?: number;
}

/** An action the retrying client calls, and the quota it is paced to. */
export interface ActionQuota {
    /** The action's API name. */
    readonly name: string;
    /** The calls/s per account the API pages document for it. */
    readonly qps: number;
    /** The `Quota` field that stands for a raised quota of this action, if any (the record-notify actions'). */
    readonly raisedBy?: keyof Quota;
}

export interface RetryingLiveApiOptions {
    /**
     * Who pays for the calls: calls with the same key share the process-wide limiters, one per
     * action. Use one key per Alibaba Cloud account (e.g. the account id). Give this or `limiters`.
     */
    readonly accountKey?: string;
    /** The limiter of each action, instead of the shared ones (`accountKey`). */
    readonly limiters?: (action: string) => RateLimiter;
    /** The account's quotas; only with `accountKey`. @defaultValue the documented 30 writes/s per action, 50 Describes/s */
    readonly quota?: Quota;
    /** Fraction of the quota left to other users of the account, 0 to 0.9; only with `accountKey`. @defaultValue 0 */
    readonly quotaHeadroom?: number;
    /** Budget of one operation, retries included. @defaultValue 300000 (5 min) */
    readonly operationTimeoutMs?: number;
    /** @defaultValue `monotonicClock` */
    readonly clock?: Clock;
    /** @defaultValue a `setTimeout` promise */
    readonly sleep?: Sleep;
    /** Jitter source, values in [0, 1). @defaultValue `Math.random` */
    readonly random?: () => number;
    /** Called for each event; its exceptions are ignored. */
    readonly onEvent?: RetryEventListener;
}

export interface ResolvedRetryOptions {
    readonly limiters: ReadonlyMap<string, RateLimiter>;
    readonly operationTimeoutMs: number;
    readonly clock: Clock;
    readonly sleep: Sleep;
    readonly random: () => number;
    readonly onEvent?: RetryEventListener;
}

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
    "accountKey",
    "limiters",
    "quota",
    "quotaHeadroom",
    "operationTimeoutMs",
    "clock",
    "sleep",
    "random",
    "onEvent",
]);

const PREFIX = "RetryingLiveApi:";

/** The rate an action's limiter paces at: its quota (raised, or as documented) minus the headroom. Pure. */
export function actionCeiling(action: ActionQuota, quota: Quota = {}, quotaHeadroom = 0): number {
    return ((action.raisedBy ? quota[action.raisedBy] : undefined) ?? action.qps) * (1 - quotaHeadroom);
}

/** Checks `options` and resolves one limiter for each of `actions`. */
export function resolveRetryOptions(
    options: RetryingLiveApiOptions,
    actions: readonly ActionQuota[],
    registry: LimiterRegistry = sharedLimiterRegistry(),
): ResolvedRetryOptions {
    if (typeof options !== "object" || options === null) {
        throw new TypeError(`${PREFIX} options must be an object with \`accountKey\` or \`limiters\``);
    }
    const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.has(key));
    if (unknown.length > 0) {
        throw new TypeError(
            `${PREFIX} unknown option${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `\`${k}\``).join(", ")}; known: ${[...KNOWN_OPTIONS].join(", ")}`,
        );
    }
    const { accountKey, limiters, quota, quotaHeadroom, operationTimeoutMs = DEFAULT_OPERATION_TIMEOUT_MS } = options;

    if (accountKey !== undefined && limiters !== undefined) {
        throw new TypeError(`${PREFIX} give \`accountKey\` or \`limiters\`, not both`);
    }
    if (accountKey === undefined && limiters === undefined) {
        throw new TypeError(`${PREFIX} \`accountKey\` (a string naming the Alibaba Cloud account) or \`limiters\` is required`);
    }
    if (accountKey !== undefined && (typeof accountKey !== "string" || accountKey.trim() === "")) {
        throw new TypeError(`${PREFIX} \`accountKey\` must be a non-empty string, got ${describe(accountKey)}`);
    }
    if (limiters !== undefined && typeof limiters !== "function") {
        throw new TypeError(`${PREFIX} \`limiters\` must be a function (action) => RateLimiter, got ${describe(limiters)}`);
    }
    if (limiters !== undefined && (quota !== undefined || quotaHeadroom !== undefined)) {
        throw new TypeError(`${PREFIX} \`quota\` and \`quotaHeadroom\` apply only with \`accountKey\`; \`limiters\` bring their own rates`);
    }
    if (quota !== undefined) {
        if (typeof quota !== "object" || quota === null) throw new TypeError(`${PREFIX} \`quota\` must be an object { writeQps?, readQps? }`);
        for (const key of Object.keys(quota)) {
            if (key !== "writeQps" && key !== "readQps") throw new TypeError(`${PREFIX} unknown option \`quota.${key}\`; known: writeQps, readQps`);
        }
        requirePositive("quota.writeQps", quota.writeQps, "calls per second", true);
        requirePositive("quota.readQps", quota.readQps, "calls per second", true);
    }
    if (quotaHeadroom !== undefined) {
        if (typeof quotaHeadroom !== "number") {
            throw new TypeError(
                `${PREFIX} \`quotaHeadroom\` must be a number (a fraction from 0 to ${MAX_QUOTA_HEADROOM}), got ${describe(quotaHeadroom)}`,
            );
        }
        if (!(quotaHeadroom >= 0 && quotaHeadroom <= MAX_QUOTA_HEADROOM)) {
            throw new RangeError(`${PREFIX} \`quotaHeadroom\` must be a fraction from 0 to ${MAX_QUOTA_HEADROOM}, got ${describe(quotaHeadroom)}`);
        }
    }
    requirePositive("operationTimeoutMs", operationTimeoutMs, "milliseconds", false);
    if (operationTimeoutMs > MAX_OPERATION_TIMEOUT_MS) {
        throw new RangeError(`${PREFIX} \`operationTimeoutMs\` must be at most ${MAX_OPERATION_TIMEOUT_MS} (a day), got ${operationTimeoutMs}`);
    }
    const clock = options.clock ?? monotonicClock;
    if (typeof clock !== "object" || clock === null || typeof clock.now !== "function") {
        throw new TypeError(`${PREFIX} \`clock\` must be an object with a now() method returning milliseconds`);
    }
    const sleep = requireFunction("sleep", options.sleep) ?? realSleep;
    const random = requireFunction("random", options.random) ?? Math.random;
    const onEvent = requireFunction("onEvent", options.onEvent);

    const byName = new Map(actions.map((action) => [action.name, action]));
    const limiterFor =
        limiters ??
        ((name: string) => registry.limiter(accountKey as string, name, actionCeiling(byName.get(name) as ActionQuota, quota, quotaHeadroom)));
    const resolved = new Map<string, RateLimiter>();
    for (const { name: action } of actions) {
        if (resolved.has(action)) continue;
        const limiter = limiterFor(action);
        if (!isRateLimiter(limiter)) {
            throw new TypeError(
                `${PREFIX} \`limiters(${JSON.stringify(action)})\` must return a RateLimiter (reserve, onThrottle, onSuccess, epoch), got ${describe(limiter)}`,
            );
        }
        resolved.set(action, limiter);
    }
    return { limiters: resolved, operationTimeoutMs, clock, sleep, random, onEvent };
}

function requirePositive(name: string, value: unknown, unit: string, optional: boolean): void {
    if (optional && value === undefined) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${PREFIX} \`${name}\` must be a finite number of ${unit} > 0, got ${describe(value)}`);
    }
}

function requireFunction<F>(name: string, value: F | undefined): F | undefined {
    if (value !== undefined && typeof value !== "function") {
        throw new TypeError(`${PREFIX} \`${name}\` must be a function, got ${describe(value)}`);
    }
    return value;
}

function isRateLimiter(value: unknown): value is RateLimiter {
    const l = value as RateLimiter | null | undefined;
    return (
        typeof l === "object" &&
        l !== null &&
        typeof l.reserve === "function" &&
        typeof l.onThrottle === "function" &&
        typeof l.onSuccess === "function" &&
        typeof l.epoch === "number"
    );
}

/** A short, secret-free description of a wrong value: its type, and the value only for numbers and booleans. */
function describe(value: unknown): string {
    if (value === null) return "null";
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value === "string") return value === "" ? "an empty string" : "a string";
    if (Array.isArray(value)) return "an array";
    return `a ${typeof value}`;
}
