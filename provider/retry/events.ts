/**
 * What the retry layer reports as it works, for logs and metrics. Events carry the action, the
 * domain and numbers, never request parameters: no URL, no key.
 */
import type { ErrorKind } from "../api/error-kind";
import type { StopReason } from "./retry-policy";
import type { WriteOutcome } from "./settle";

interface EventBase {
    /** The action, by its API name. */
    readonly action: string;
    /** The domain of the configuration the call is about. */
    readonly domainName: string;
}

export type RetryEvent =
    /** Attempt number `attempt` (1-based) is being sent. */
    | (EventBase & { readonly type: "attempt"; readonly attempt: number })
    /** The next attempt waits `delayMs`: for its slot in the rate limiter ("pacing") or after a failure ("backoff"). */
    | (EventBase & { readonly type: "delay"; readonly attempt: number; readonly reason: "pacing" | "backoff"; readonly delayMs: number })
    /** The service throttled attempt `attempt`; `rate` is the limiter's rate (calls/s) after it, `cut` whether this throttle lowered it. */
    | (EventBase & { readonly type: "throttle"; readonly attempt: number; readonly rate: number; readonly cut: boolean })
    /** Attempt `attempt` failed with an error other than a throttle. */
    | (EventBase & {
          readonly type: "error";
          readonly attempt: number;
          readonly kind: ErrorKind;
          readonly code?: string;
          readonly requestId?: string;
          readonly mayHaveApplied: boolean;
      })
    /** A write whose earlier attempt may have applied was checked with Describe. */
    | (EventBase & { readonly type: "settle"; readonly outcome: WriteOutcome | "unknown" })
    /** The operation succeeded. */
    | (EventBase & { readonly type: "success"; readonly attempts: number; readonly waitedMs: number })
    /** The operation failed for good. */
    | (EventBase & {
          readonly type: "give-up";
          readonly attempts: number;
          readonly waitedMs: number;
          readonly reason: StopReason;
          readonly kind: ErrorKind;
      });

export type RetryEventListener = (event: RetryEvent) => void;
