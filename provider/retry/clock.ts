/**
 * Time, as the retry layer sees it: a clock to read and a sleep to wait. Both are injectable so
 * tests run in virtual time; the defaults are real.
 */

/** Milliseconds from an arbitrary origin. Only differences are used. */
export interface Clock {
    now(): number;
}

/** Resolves after `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * `performance.now()`: monotonic, so a wall-clock step (NTP, a laptop waking up) cannot make a
 * deadline pass early or a limiter release a burst.
 */
export const monotonicClock: Clock = Object.freeze({ now: () => performance.now() });

/** A plain timer. Not unref'd: an operation in flight must keep the provider process alive. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
