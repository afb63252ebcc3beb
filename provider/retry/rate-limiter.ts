/**
 * An adaptive token bucket for one (account, action): it paces calls at a rate that starts at the
 * configured ceiling, drops on throttles and climbs back by TCP CUBIC, like the AWS SDKs'
 * `DefaultRateLimiter`, with five differences that matter for a shared per-account quota:
 *
 * - It starts enabled at the ceiling (the quota we may use) rather than unlimited, so a fresh
 *   process does not overshoot the service's bucket to find the limit.
 * - A throttle cuts the rate once per "epoch": a call reserved before the last cut was paced at the
 *   old rate, so its throttle says nothing about the new one. Without this, the hundreds of calls in
 *   flight when the service first says no would cut the rate to its floor, one after another.
 * - A cut takes effect at once, even for callers already waiting: it restarts the schedule at the
 *   new rate and voids earlier slots, whose holders reserve again when they wake. Otherwise a
 *   queue of hundreds would keep sending at the old rate for seconds after the service said no.
 * - It never sleeps. `reserve()` takes the next slot and says how long to wait for it; every delay
 *   happens in the retry loop.
 * - From the second cut on, the rate a cut starts from is also capped by the rate the service granted
 *   since the previous cut. The service's bucket was empty at both throttles, so the calls it answered
 *   us in between measure our share of the account's quota. Without this, a one-second server
 *   bucket hides an overshoot until it is drained: the rate met by the throttle is then well above our
 *   share, CUBIC returns to it, and a client sharing the account with others is throttled every few
 *   seconds for good (`npm run bench`, half the quota taken by another key: 2.7-2.8 % of our calls
 *   throttled without this rule, 1.4-1.6 % with it).
 *
 * Slots follow the generic cell rate algorithm: reserving advances a "theoretical arrival time" by
 * one interval, so callers are served first come first served, spaced evenly, however many wait.
 */
import { monotonicClock, type Clock } from "./clock";
import { BURST_WINDOW_MS, CUBIC_BETA, CUBIC_SCALE, MIN_RATE, RATE_MEASURE_WINDOW_MS } from "./constants";

/** What the retry loop needs from a limiter. Kept small and stable: limiters are shared across copies of this module. */
export interface RateLimiter {
    /** The pacing rate now, in calls/s. */
    readonly rate: number;
    /** Counts the rate cuts so far. Read it before `reserve()` and hand it to `onThrottle`. */
    readonly epoch: number;
    /**
     * Takes the next free slot. Returns the milliseconds to wait before sending (0: send now), or a
     * promise of them for a limiter whose schedule lives elsewhere (a shared quota store); read
     * `epoch` once it has settled.
     * A rate cut voids the slots handed out before it: a caller that wakes to find `epoch` changed
     * must reserve again, so that everyone waiting moves to the new spacing at once.
     * When the wait would exceed `maxWaitMs`, no slot is taken (the caller cannot use it, and an
     * unused slot would push every later caller back): the wait is returned all the same.
     */
    reserve(maxWaitMs?: number): number | Promise<number>;
    /**
     * The service throttled a call reserved in `epoch` (default: the current one). Cuts the rate,
     * unless a cut already happened since that call was reserved. Returns whether it cut.
     */
    onThrottle(epoch?: number): boolean;
    /** The service answered a call without throttling it. Lets the rate climb back. */
    onSuccess(): void;
    /** Lowers the ceiling (never raises it): the lowest ceiling asked for wins. */
    restrict(ceiling: number): void;
}

export interface AdaptiveRateLimiterOptions {
    /** The most calls/s this limiter ever paces at, and its starting rate. */
    readonly ceiling: number;
    /** The fewest calls/s it falls to. @defaultValue `MIN_RATE` (0.5), or the ceiling when lower. */
    readonly floor?: number;
    /** @defaultValue `monotonicClock` */
    readonly clock?: Clock;
    /**
     * Start below the ceiling, at this rate, and climb to the ceiling by CUBIC as answers come (as
     * after a cut). For a process that knows its share of the account, e.g. from a quota store.
     * @defaultValue the ceiling
     */
    readonly startRate?: number;
}

export class AdaptiveRateLimiter implements RateLimiter {
    readonly #clock: Clock;
    #ceiling: number;
    #floor: number;
    #rate: number;
    #epoch = 0;
    /** The earliest time the next slot can start, before burst tolerance: the "theoretical arrival time". */
    #nextFreeAt = -Infinity;
    /** CUBIC state: the rate that met the last throttle, when it happened, and the seconds to climb back to it. */
    #lastMaxRate: number;
    #lastCutAt: number | undefined;
    #secondsToLastMax = 0;
    /** Answers (`onSuccess`) since the last cut: what the service granted us since then. */
    #answeredSinceCut = 0;
    /** Send times of reserved slots, ascending; those older than the measuring window are dropped. */
    #slots: number[] = [];
    #slotsHead = 0;
    #firstSlotAt: number | undefined;

    constructor(options: AdaptiveRateLimiterOptions) {
        if (typeof options !== "object" || options === null) {
            throw new TypeError("AdaptiveRateLimiter: options must be an object with a `ceiling` (calls/s)");
        }
        const { ceiling, floor = MIN_RATE, clock = monotonicClock } = options;
        requireRate("ceiling", ceiling);
        requireRate("floor", floor);
        if (typeof clock?.now !== "function") throw new TypeError("AdaptiveRateLimiter: clock must have a now() method");
        this.#clock = clock;
        this.#ceiling = ceiling;
        this.#floor = Math.min(floor, ceiling);
        this.#rate = ceiling;
        this.#lastMaxRate = ceiling;
        if (options.startRate !== undefined) {
            requireRate("startRate", options.startRate);
            if (options.startRate < ceiling) {
                // CUBIC from startRate up to the ceiling: rate(t) = C (t - K)^3 + ceiling with rate(0) = startRate.
                this.#setRate(options.startRate);
                this.#lastCutAt = clock.now();
                this.#secondsToLastMax = Math.cbrt((ceiling - this.#rate) / CUBIC_SCALE);
            }
        }
    }

    get rate(): number {
        return this.#rate;
    }

    get ceiling(): number {
        return this.#ceiling;
    }

    get floor(): number {
        return this.#floor;
    }

    get epoch(): number {
        return this.#epoch;
    }

    reserve(maxWaitMs: number = Infinity): number {
        const now = this.#clock.now();
        const interval = 1000 / this.#rate;
        const sendAt = Math.max(now, this.#nextFreeAt - this.#burstTolerance(interval));
        if (sendAt - now > maxWaitMs) return sendAt - now;
        this.#nextFreeAt = Math.max(this.#nextFreeAt, sendAt) + interval;
        this.#recordSlot(now, sendAt);
        // Sums of fractional intervals leave float dust at the burst boundary; no timer can wait a microsecond.
        const wait = sendAt - now;
        return wait < 0.001 ? 0 : wait;
    }

    onThrottle(epoch: number = this.#epoch): boolean {
        if (epoch < this.#epoch) return false;
        const now = this.#clock.now();
        const granted = this.#grantedRate(now);
        this.#answeredSinceCut = 0;
        const lastMax = Math.max(this.#floor, Math.min(this.#measuredRate(now), this.#rate, granted));
        this.#lastMaxRate = lastMax;
        this.#secondsToLastMax = Math.cbrt((lastMax * (1 - CUBIC_BETA)) / CUBIC_SCALE);
        this.#lastCutAt = now;
        this.#setRate(lastMax * CUBIC_BETA);
        this.#epoch += 1;
        // Slots handed out before the cut were spaced at the old rate; their holders reserve again
        // when they wake (see `reserve`), so the schedule restarts here at the new rate. The service's
        // bucket is empty, so ours is too: the first new slot is one interval away, with no burst.
        // The voided slots still ahead will never be sent: forgotten, so they neither count as calls
        // achieved nor break the ascending order of `#slots` (every new slot starts now or later).
        this.#forgetSlotsAfter(now);
        const interval = 1000 / this.#rate;
        this.#nextFreeAt = now + this.#burstTolerance(interval) + interval;
        return true;
    }

    onSuccess(): void {
        this.#answeredSinceCut += 1;
        if (this.#lastCutAt === undefined) return; // never cut: still at the ceiling
        const t = (this.#clock.now() - this.#lastCutAt) / 1000;
        this.#setRate(CUBIC_SCALE * (t - this.#secondsToLastMax) ** 3 + this.#lastMaxRate);
    }

    restrict(ceiling: number): void {
        requireRate("ceiling", ceiling);
        if (ceiling >= this.#ceiling) return;
        this.#ceiling = ceiling;
        this.#floor = Math.min(this.#floor, ceiling);
        this.#lastMaxRate = Math.min(this.#lastMaxRate, ceiling);
        this.#setRate(this.#rate);
    }

    /** A slot may start this long before its theoretical time: `BURST_WINDOW_MS` worth of calls, at least one. */
    #burstTolerance(interval: number): number {
        return Math.max(0, BURST_WINDOW_MS - interval);
    }

    #setRate(rate: number): void {
        this.#rate = Math.min(this.#ceiling, Math.max(this.#floor, rate));
    }

    #recordSlot(now: number, sendAt: number): void {
        this.#firstSlotAt ??= sendAt;
        this.#slots.push(sendAt);
        this.#forgetSlotsBefore(now - RATE_MEASURE_WINDOW_MS);
    }

    /** Drops slots that left the measuring window, so memory stays bounded by the calls waiting plus one window. */
    #forgetSlotsBefore(since: number): void {
        while (this.#slotsHead < this.#slots.length && this.#slots[this.#slotsHead] <= since) this.#slotsHead++;
        if (this.#slotsHead > 1024 && this.#slotsHead * 2 > this.#slots.length) {
            this.#slots = this.#slots.slice(this.#slotsHead);
            this.#slotsHead = 0;
        }
    }

    /** Drops slots that start after `time`; they are the latest, so they sit at the end. */
    #forgetSlotsAfter(time: number): void {
        while (this.#slots.length > this.#slotsHead && this.#slots[this.#slots.length - 1] > time) this.#slots.pop();
    }

    /**
     * Calls/s the service answered us since the last cut, when there was one and it answered any: the
     * service's bucket was empty then and is empty now, so this is our share. Infinity otherwise (no cap).
     */
    #grantedRate(now: number): number {
        if (this.#lastCutAt === undefined || now <= this.#lastCutAt || this.#answeredSinceCut === 0) return Infinity;
        return (this.#answeredSinceCut * 1000) / (now - this.#lastCutAt);
    }

    /** Calls sent (slots started) in the last window, per second; the current rate until a full window has passed. */
    #measuredRate(now: number): number {
        const since = now - RATE_MEASURE_WINDOW_MS;
        this.#forgetSlotsBefore(since);
        if (this.#firstSlotAt === undefined || this.#firstSlotAt > since) return this.#rate;
        let sent = 0;
        for (let i = this.#slotsHead; i < this.#slots.length && this.#slots[i] <= now; i++) sent++;
        return (sent * 1000) / RATE_MEASURE_WINDOW_MS;
    }
}

function requireRate(name: string, value: unknown): asserts value is number {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`AdaptiveRateLimiter: ${name} must be a finite number of calls per second > 0, got ${String(value)}`);
    }
}
