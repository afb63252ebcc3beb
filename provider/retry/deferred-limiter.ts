/**
 * A rate limiter that is known only after some I/O (which account the keys belong to, whether the
 * shared store answers): the first `reserve` waits for it, everything after goes straight to it.
 * Until then it reports the rate it will start at and epoch 0; callers read the epoch after their
 * reservation settles, so the switch voids no slot.
 */
import type { RateLimiter } from "./rate-limiter";

export class DeferredRateLimiter implements RateLimiter {
    readonly #resolve: () => Promise<RateLimiter>;
    readonly #initialRate: number;
    #target: RateLimiter | undefined;
    #pending: Promise<RateLimiter> | undefined;
    #ceiling = Infinity;

    /** `resolve` must not reject: it decides on a fallback itself. It is called once. */
    constructor(resolve: () => Promise<RateLimiter>, initialRate: number) {
        this.#resolve = resolve;
        this.#initialRate = initialRate;
    }

    get rate(): number {
        return this.#target?.rate ?? this.#initialRate;
    }

    get epoch(): number {
        return this.#target?.epoch ?? 0;
    }

    reserve(maxWaitMs?: number): number | Promise<number> {
        if (this.#target) return this.#target.reserve(maxWaitMs);
        this.#pending ??= this.#resolve().then((target) => {
            if (Number.isFinite(this.#ceiling)) target.restrict(this.#ceiling);
            this.#target = target;
            return target;
        });
        return this.#pending.then((target) => target.reserve(maxWaitMs));
    }

    onThrottle(epoch?: number): boolean {
        return this.#target?.onThrottle(epoch) ?? false;
    }

    onSuccess(): void {
        this.#target?.onSuccess();
    }

    restrict(ceiling: number): void {
        if (this.#target) this.#target.restrict(ceiling);
        else this.#ceiling = Math.min(this.#ceiling, ceiling);
    }
}
