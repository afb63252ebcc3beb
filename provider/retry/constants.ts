/**
 * Every tuning number of the retry layer, in one place. Each says why it has its value; change a
 * number here, never inline.
 */

/**
 * Calls per second the service allows for each write action (Add, Update, Delete), per Alibaba
 * Cloud account: all its RAM users, keys, stacks and people share one bucket per action.
 * @defaultValue 30
 */
export const DOCUMENTED_WRITE_QPS = 30;

/** Calls per second the service allows for DescribeLiveRecordNotifyConfig, per account. */
export const DOCUMENTED_READ_QPS = 50;

/**
 * The largest share of the documented quota a caller may leave to others (`quotaHeadroom`).
 * 0.9 still leaves 3 writes/s; beyond that a deployment would crawl.
 */
export const MAX_QUOTA_HEADROOM = 0.9;

/**
 * Backoff base for throttles. A throttle is the service working as designed, so back off hard:
 * AWS's 2026 retry defaults moved the throttling base from 500 ms to 1 s for the same reason.
 */
export const THROTTLE_BACKOFF_BASE_MS = 1_000;

/**
 * Backoff base for transient failures (5xx, resets, timeouts): a blip is usually over within a
 * few hundred milliseconds. AWS standard mode uses 100 ms.
 */
export const TRANSIENT_BACKOFF_BASE_MS = 100;

/**
 * Backoff base for an unreachable endpoint (a name that does not resolve, a refused connection): a
 * second apart at first, so the few attempts its short budget allows are spread over it.
 */
export const UNREACHABLE_BACKOFF_BASE_MS = 1_000;

/**
 * How long, from an operation's start, an unreachable endpoint is retried. DNS answering "no such
 * name", or nothing listening, is rarely mended by waiting: a few attempts catch a record being
 * published or a service restarting, then the error is reported instead of spending the operation's
 * whole deadline (five minutes) on it. The AWS SDKs do not retry such failures for minutes either.
 */
export const UNREACHABLE_RETRY_BUDGET_MS = 10_000;

/** No single backoff exceeds this. AWS's `MAXIMUM_RETRY_DELAY`; long enough for a quota to refill 20 times over. */
export const MAX_BACKOFF_MS = 20_000;

/**
 * A server's retry-after hint is honoured, but never by more than this beyond the computed
 * backoff (AWS's rule), so a wrong or hostile hint cannot stall a deployment.
 */
export const RETRY_AFTER_MAX_EXTRA_MS = 5_000;

/**
 * Default budget of one operation (one add/update/describe/delete, with all its retries). IaC runs
 * are latency-tolerant: 3 attempts (SDK defaults) fail deployments, an hour (terraform-provider-aws)
 * hides outages. terraform-provider-aws resource waits are "typically two minutes but up to five".
 */
export const DEFAULT_OPERATION_TIMEOUT_MS = 300_000;

/** Upper bound of `operationTimeoutMs`: a day. Node timers overflow at 2^31-1 ms (24.8 days). */
export const MAX_OPERATION_TIMEOUT_MS = 86_400_000;

/**
 * After a write that may have been applied gives up, the time its settle check (a Describe) may
 * still take, even past the operation's deadline: reporting an applied write as failed would leave
 * an orphan, which costs more than 30 s.
 */
export const SETTLE_BUDGET_MS = 30_000;

/**
 * CUBIC multiplicative decrease: on a throttle the rate drops to 70 % of the rate that was being
 * achieved (AWS `DefaultRateLimiter` beta; TCP CUBIC uses the same 0.7).
 */
export const CUBIC_BETA = 0.7;

/**
 * CUBIC scale constant C in `rate(t) = C (t - K)^3 + Wmax` (t in seconds, rate in calls/s).
 * With C = 0.4 a 30/s rate that was cut to 21/s is back at 30/s in 2.8 s, and lingers near the
 * old maximum before probing beyond it. AWS `DefaultRateLimiter` scaleConstant.
 */
export const CUBIC_SCALE = 0.4;

/**
 * The rate never falls below this many calls/s, so a storm of throttles cannot stall callers
 * forever; CUBIC climbs back from here to 15/s in about 4 s. AWS `minFillRate`.
 */
export const MIN_RATE = 0.5;

/**
 * The local bucket holds this much time's worth of calls (15 at 30/s). Half of the server's
 * one-second bucket: a burst then leaves the server half its bucket to absorb network jitter,
 * and pacing at the full rate from there never empties it.
 */
export const BURST_WINDOW_MS = 500;

/**
 * The window over which the achieved send rate is measured. A throttle cuts from
 * min(measured, current rate, rate granted since the last cut): cutting a rate nobody reaches would
 * not slow anything.
 */
export const RATE_MEASURE_WINDOW_MS = 1_000;
