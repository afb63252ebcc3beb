/**
 * When the shared store is worth asking, and what to tell the user about it. Pure (a clock is
 * passed in), so the fallback rules are tested without a Redis.
 *
 * - A failed call (unreachable, slower than its budget, refused) falls back to the local limiter
 *   for that call at once. After `failuresToCoolDown` failures in a row the store is not asked for
 *   `coolDownMs`, so a dead store costs no budget per call; a disconnected one is not asked at all.
 * - A lost connection counts as a failure: calls are paced locally until it is back.
 * - The first failure warns, once per process and store; the first success after a failure says
 *   the store is back, once. A flapping store cannot flood the log.
 */
import type { Clock } from "../retry/clock";

/** Failures in a row after which the store is left alone for a while. */
export const FAILURES_TO_COOL_DOWN = 3;
/** How long a store that failed `FAILURES_TO_COOL_DOWN` times in a row is left alone. */
export const COOL_DOWN_MS = 1_000;

export type StoreNotice = { readonly type: "fallback"; readonly reason: string } | { readonly type: "rejoined" };

export interface StoreHealthOptions {
    readonly clock: Clock;
    readonly onNotice: (notice: StoreNotice) => void;
    readonly failuresToCoolDown?: number;
    readonly coolDownMs?: number;
}

export class StoreHealth {
    readonly #clock: Clock;
    readonly #onNotice: (notice: StoreNotice) => void;
    readonly #failuresToCoolDown: number;
    readonly #coolDownMs: number;
    #failuresInRow = 0;
    #coolUntil = -Infinity;
    #warned = false;
    #rejoinedSaid = false;
    #down = false;

    constructor(options: StoreHealthOptions) {
        this.#clock = options.clock;
        this.#onNotice = options.onNotice;
        this.#failuresToCoolDown = options.failuresToCoolDown ?? FAILURES_TO_COOL_DOWN;
        this.#coolDownMs = options.coolDownMs ?? COOL_DOWN_MS;
    }

    /** Whether to ask a store that is `connected` now. */
    usable(connected: boolean): boolean {
        return connected && this.#clock.now() >= this.#coolUntil;
    }

    /** A call failed. `connectionLost`: the store is gone, not slow; leave it alone until `reconnected`. */
    failed(reason: string, connectionLost = false): void {
        this.#failuresInRow += 1;
        this.#down = true;
        if (connectionLost || this.#failuresInRow >= this.#failuresToCoolDown) this.#coolUntil = this.#clock.now() + this.#coolDownMs;
        if (!this.#warned) {
            this.#warned = true;
            this.#notify({ type: "fallback", reason });
        }
    }

    /** The connection is up again: worth asking at once. */
    reconnected(): void {
        this.#failuresInRow = 0;
        this.#coolUntil = -Infinity;
    }

    succeeded(): void {
        this.#failuresInRow = 0;
        if (!this.#down) return;
        this.#down = false;
        if (!this.#rejoinedSaid) {
            this.#rejoinedSaid = true;
            this.#notify({ type: "rejoined" });
        }
    }

    #notify(notice: StoreNotice): void {
        try {
            this.#onNotice(notice);
        } catch {
            // Telling the user must never break pacing.
        }
    }
}
