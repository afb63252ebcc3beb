/**
 * One rate limiter per (account, action), shared by every caller in the process: the service counts
 * calls per account, so every resource, stack and client in this process that uses the account must
 * draw from the same limiter.
 *
 * The process-wide store lives on `globalThis` under `Symbol.for(...)`, not in a module variable:
 * Pulumi's host may load this package more than once (a copy per serialized provider text, or two
 * installed versions), and each copy must still find the same limiters. The store is a plain `Map`
 * so copies of different versions can share it; the values only need the `RateLimiter` interface.
 */
import { monotonicClock, type Clock } from "./clock";
import { AdaptiveRateLimiter, type RateLimiter } from "./rate-limiter";

/** The `globalThis` key of the process-wide store. */
export const LIMITER_STORE_KEY: unique symbol = Symbol.for("pulumi-alicloud-live.limiters");

/** Limiters by `limiterKey(accountKey, action)`. */
export type LimiterStore = Map<string, RateLimiter>;

export interface LimiterRegistryOptions {
    /** @defaultValue a new, private store */
    readonly store?: LimiterStore;
    /** The clock of the limiters this registry creates. @defaultValue `monotonicClock` */
    readonly clock?: Clock;
}

export class LimiterRegistry {
    readonly #store: LimiterStore;
    readonly #clock: Clock;

    constructor(options: LimiterRegistryOptions = {}) {
        const { store = new Map<string, RateLimiter>(), clock = monotonicClock } = options;
        if (!(store instanceof Map)) throw new TypeError("LimiterRegistry: store must be a Map");
        if (typeof clock?.now !== "function") throw new TypeError("LimiterRegistry: clock must have a now() method");
        this.#store = store;
        this.#clock = clock;
    }

    /**
     * The limiter of `action` for `accountKey`, created at `ceiling` calls/s on first use. A later
     * caller asking for a lower ceiling lowers it for everyone (sharing one quota, the most careful
     * wins); a higher one changes nothing.
     */
    limiter(accountKey: string, action: string, ceiling: number): RateLimiter {
        if (typeof accountKey !== "string" || accountKey === "") {
            throw new TypeError("LimiterRegistry: accountKey must be a non-empty string");
        }
        const key = limiterKey(accountKey, action);
        const existing = this.#store.get(key);
        if (existing) {
            existing.restrict(ceiling);
            return existing;
        }
        const created = new AdaptiveRateLimiter({ ceiling, clock: this.#clock });
        this.#store.set(key, created);
        return created;
    }

    /** How many limiters exist. */
    get size(): number {
        return this.#store.size;
    }
}

/** The store key of one (account, action). NUL cannot occur in either part's meaningful text. */
export function limiterKey(accountKey: string, action: string): string {
    return `${accountKey}\u0000${action}`;
}

/** The process-wide registry: every copy of this module in the process returns one backed by the same store. */
export function sharedLimiterRegistry(): LimiterRegistry {
    const holder = globalThis as unknown as Record<symbol, LimiterStore | undefined>;
    let store = holder[LIMITER_STORE_KEY];
    if (!(store instanceof Map)) {
        store = new Map();
        Object.defineProperty(globalThis, LIMITER_STORE_KEY, { value: store, enumerable: false, configurable: false, writable: false });
    }
    return new LimiterRegistry({ store });
}
