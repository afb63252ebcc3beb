/**
 * A rate limiter whose schedule is the account's, held by a shared store, with the process's own
 * adaptive limiter as the fallback: any call the store cannot serve at once (unreachable, slow,
 * refusing) is paced locally, and the next call tries the store again (store-health.ts decides when
 * it is worth it). So the store can make pacing better but never fail or stall an operation.
 *
 * The fallback paces at this process's share of the schedule (the ceiling over the processes the
 * store last counted), and never above it while the store is away: when the store dies under eight
 * processes, their eight fallbacks together keep to the quota instead of each climbing towards all of
 * it and meeting the others in throttles (a bench run of 8 hosts had 63 throttles in the second after
 * the store died when the fallback climbed by CUBIC to the ceiling). Throttles still cut it.
 *
 * The first slot taken from the store after pacing locally says so (`rejoining`): the schedule
 * grants no burst on calls it did not see, and does not judge the account's rate by its own count
 * for a while (see schedule-scripts.ts).
 *
 * Its epoch is its own: it moves whenever the schedule in force changes, that is on a cut seen in
 * the store (by any process), a cut of the local limiter, or a switch between the two. A caller
 * that wakes to a new epoch reserves again (the RateLimiter contract), so after a switch nobody
 * keeps a slot of the schedule that is no longer followed.
 */
import { monotonicClock, type Clock } from "../retry/clock";
import { AdaptiveRateLimiter, type RateLimiter } from "../retry/rate-limiter";
import { ACTIVE_PROCESS_WINDOW_MS, type QuotaStore, type ScheduleState } from "./quota-store";

/**
 * How many processes of an account the store counted lately, on any of its schedules: what a schedule
 * that is new (a phase's first Delete, say) has not counted yet. One per store and account in the
 * process (shared-limiters.ts); each grant updates it.
 */
export class AccountProcesses {
    readonly #clock: Clock;
    readonly #windowMs: number;
    #count = 1;
    #seenAt = -Infinity;

    constructor(clock: Clock = monotonicClock, windowMs: number = ACTIVE_PROCESS_WINDOW_MS) {
        this.#clock = clock;
        this.#windowMs = windowMs;
    }

    /** A schedule of the account counted `processes` just now. */
    saw(processes: number): void {
        const now = this.#clock.now();
        if (processes >= this.#count || now - this.#seenAt > this.#windowMs) {
            this.#count = processes;
            this.#seenAt = now;
        }
    }

    /** The most processes a schedule of the account counted within the window (1 when none did). */
    get recent(): number {
        return this.#clock.now() - this.#seenAt <= this.#windowMs ? this.#count : 1;
    }
}

export interface SharedRateLimiterOptions {
    readonly store: QuotaStore;
    /** The schedule's name in the store (`scheduleName(accountId, action)`). */
    readonly schedule: string;
    /** Calls/s the schedule is created at, and never exceeds. */
    readonly ceiling: number;
    /** The fallback's clock. @defaultValue `monotonicClock` */
    readonly clock?: Clock;
    /** The account's processes as its other schedules counted them. @defaultValue this schedule's count only */
    readonly accountProcesses?: AccountProcesses;
}

type Source = "store" | "local";

export class SharedRateLimiter implements RateLimiter {
    readonly #store: QuotaStore;
    readonly #schedule: string;
    readonly #clock: Clock;
    #fallback: AdaptiveRateLimiter | undefined;
    #ceiling: number;
    /** Processes the store counted on this schedule at the last reservation. */
    #processes = 1;
    readonly #accountProcesses: AccountProcesses | undefined;
    #epoch = 0;
    #source: Source | undefined;
    /** The store's epoch and rate as last seen. */
    #storeEpoch = -1;
    #storeRate: number;
    /** The fallback's epoch when last seen, and the share it was started at. */
    #localEpoch = -1;
    #fallbackShare = 0;
    /** Reservations paced locally while the store was configured (for tests and diagnostics). */
    #localReservations = 0;
    /** Paced locally since the last slot of the store (the schedule missed those calls). */
    #pacedAlone = false;

    constructor(options: SharedRateLimiterOptions) {
        this.#store = options.store;
        this.#schedule = options.schedule;
        this.#ceiling = options.ceiling;
        this.#storeRate = options.ceiling;
        this.#clock = options.clock ?? monotonicClock;
        this.#accountProcesses = options.accountProcesses;
    }

    get rate(): number {
        return this.#source === "local" ? this.#local().rate : this.#storeRate;
    }

    get epoch(): number {
        if (this.#source === "local") this.#useLocal();
        return this.#epoch;
    }

    get localReservations(): number {
        return this.#localReservations;
    }

    async reserve(maxWaitMs: number = Infinity): Promise<number> {
        if (this.#store.available) {
            try {
                const grant = await this.#store.reserve(this.#schedule, this.#ceiling, maxWaitMs, this.#pacedAlone);
                this.#pacedAlone = false;
                this.#observe(grant);
                this.#processes = grant.processes;
                this.#accountProcesses?.saw(grant.processes);
                return grant.waitMs;
            } catch {
                // The store noted the failure (and warns once); this call is paced locally.
            }
        }
        this.#useLocal();
        this.#localReservations += 1;
        this.#pacedAlone = true;
        return this.#local().reserve(maxWaitMs);
    }

    onThrottle(epoch: number = this.#epoch): boolean {
        if (epoch < this.epoch) return false;
        if (this.#source !== "store") {
            const local = this.#local();
            const cut = local.onThrottle(local.epoch);
            this.#useLocal();
            return cut;
        }
        // The store cuts unless another process did since; either way the schedule restarted, so
        // the slots this process holds are void now, not a round trip later.
        const reservedIn = this.#storeEpoch;
        this.#storeEpoch = reservedIn + 1;
        this.#epoch += 1;
        this.#store.throttled(this.#schedule, this.#ceiling, reservedIn).then(
            (cut) => this.#observe(cut),
            () => undefined,
        );
        return true;
    }

    onSuccess(): void {
        if (this.#source !== "store") {
            this.#local().onSuccess();
            return;
        }
        this.#store.answered(this.#schedule, this.#ceiling).then(
            (state) => this.#observe(state),
            () => undefined,
        );
    }

    restrict(ceiling: number): void {
        this.#fallback?.restrict(ceiling);
        if (ceiling < this.#ceiling) this.#ceiling = ceiling;
    }

    /** The local limiter, at most this process's share; made anew when the share changed. */
    #local(): AdaptiveRateLimiter {
        // A schedule that is new has counted few processes yet; the account's others know better.
        const share = this.#ceiling / Math.max(this.#processes, this.#accountProcesses?.recent ?? 1);
        if (!this.#fallback || this.#fallbackShare !== share) {
            this.#fallback = new AdaptiveRateLimiter({ ceiling: share, clock: this.#clock });
            this.#fallbackShare = share;
            this.#localEpoch = -1; // a new schedule: slots of the old one are void
        }
        return this.#fallback;
    }

    #observe(state: ScheduleState): void {
        if (this.#source !== "store" || state.epoch !== this.#storeEpoch) {
            this.#source = "store";
            this.#storeEpoch = state.epoch;
            this.#epoch += 1;
        }
        this.#storeRate = state.rate;
    }

    #useLocal(): void {
        const epoch = this.#local().epoch;
        if (this.#source !== "local" || epoch !== this.#localEpoch) {
            this.#source = "local";
            this.#localEpoch = epoch;
            this.#epoch += 1;
        }
    }
}
