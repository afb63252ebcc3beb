/**
 * Throttle-proof calls: pacing by an adaptive per-(account, action) rate limiter, full-jitter
 * backoff under a deadline, and settling of writes whose fate was unknown.
 */
export { RetryingLiveApi } from "./retrying-api";
export type { RetryingLiveApiOptions, Quota } from "./retrying-options";
export { limiterCeilings } from "./retrying-options";
export { RetriedLiveApiError, formatRetrySummary } from "./retried-error";
export type { RetrySummary } from "./retried-error";
export type { RetryEvent, RetryEventListener } from "./events";
export { AdaptiveRateLimiter } from "./rate-limiter";
export type { RateLimiter, AdaptiveRateLimiterOptions } from "./rate-limiter";
export { LimiterRegistry, sharedLimiterRegistry, limiterKey, LIMITER_STORE_KEY } from "./limiter-registry";
export type { LimiterStore, LimiterRegistryOptions } from "./limiter-registry";
export { decideRetry } from "./retry-policy";
export type { RetryDecision, RetryFacts, StopReason } from "./retry-policy";
export { fullJitterDelay } from "./backoff";
export { verdictAfterAmbiguity, writeOutcome, observe } from "./settle";
export type { AmbiguityVerdict, Observation, WriteOperation, WriteOutcome } from "./settle";
export { monotonicClock, realSleep } from "./clock";
export type { Clock, Sleep } from "./clock";
export * as retryConstants from "./constants";
