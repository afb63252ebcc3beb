/**
 * What a limiter needs from a shared quota store: one pacing schedule per (account, action), held
 * outside the process so that every process of the account draws from it. Each method is one
 * atomic step of the schedule on the store's side and one round trip; the store's clock decides,
 * so processes on machines with different clocks still agree.
 *
 * The schedule is the adaptive limiter's (provider/retry/rate-limiter.ts), shared: slots first come
 * first served, a reservation that would wait longer than the caller can is not taken, a throttle
 * cuts the rate once per epoch and restarts the schedule, answers let the rate climb back by CUBIC.
 */

/** A process counts towards a schedule's share this long after its last reservation (the store's window). */
export const ACTIVE_PROCESS_WINDOW_MS = 5_000;

/** The schedule's epoch (cuts so far) and rate (calls/s) after a step. */
export interface ScheduleState {
    readonly epoch: number;
    readonly rate: number;
}

export interface Grant extends ScheduleState {
    /** False when the wait would have exceeded `maxWaitMs`: no slot was taken. */
    readonly taken: boolean;
    /** Milliseconds to wait before sending (0: now). */
    readonly waitMs: number;
    /** Processes that reserved from this schedule lately, this one included. */
    readonly processes: number;
}

export interface Cut extends ScheduleState {
    /** This throttle cut the rate (false: a cut happened since the call's epoch). */
    readonly cut: boolean;
}

export interface QuotaStore {
    /** Worth trying now: connected, and not cooling down after failed calls. */
    readonly available: boolean;
    /**
     * Takes the next slot of `schedule`, created at `ceiling` calls/s (a lower ceiling lowers it).
     * `rejoining`: this process paced calls by its own limiter since its last slot of the schedule
     * (the store was away), calls the schedule never saw: it grants no burst on them, and its next
     * cuts do not take its own count of calls for all the account's (see schedule-scripts.ts).
     */
    reserve(schedule: string, ceiling: number, maxWaitMs: number, rejoining?: boolean): Promise<Grant>;
    /** The service throttled a call reserved in `epoch`. */
    throttled(schedule: string, ceiling: number, epoch: number): Promise<Cut>;
    /** The service answered a call without throttling it. */
    answered(schedule: string, ceiling: number): Promise<ScheduleState>;
}

/** The schedule of one account's action. Names no credential: the account id is not one. */
export function scheduleName(accountId: string, action: string): string {
    return `alicloud-live:{${accountId}}:${action}`;
}
