/**
 * Per-account, per-action flow control, counted as the service documents it: for the recording-callback
 * actions 30 calls/s for each write action and 50 calls/s for Describe (`writeQps`/`readQps`), for the
 * others each action's own documented quota (`actionQps` changes any), shared by every key of one account.
 *
 * Model: a token bucket per (account, action) holding one second's worth of calls, refilled
 * continuously. A throttled call takes nothing. Pure over an injected clock.
 */

/** The documented limits (calls per second, per account). */
export const DEFAULT_WRITE_QPS = 30;
export const DEFAULT_READ_QPS = 50;

export interface QuotaRates {
    /** Each recording-callback write action's quota. */
    readonly writeQps: number;
    /** DescribeLiveRecordNotifyConfig's quota. */
    readonly readQps: number;
    /**
     * Quotas by action name, instead of the documented ones (and of `writeQps`/`readQps` for the actions
     * they set); `"*"`: every action that has a documented quota of its own and no entry here.
     */
    readonly actionQps?: Readonly<Record<string, number>>;
}

export class TokenBucket {
    private tokens: number;
    private updatedAt: number;

    constructor(
        private rate: number,
        now: number,
    ) {
        this.tokens = this.capacity;
        this.updatedAt = now;
    }

    /** One second's worth, but at least one call, so fractional rates still let calls through. */
    get capacity(): number {
        return Math.max(this.rate, 1);
    }

    private refill(now: number): void {
        // A clock that steps back (tests, NTP) must not remove tokens.
        const elapsed = Math.max(0, now - this.updatedAt);
        this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.rate) / 1000);
        this.updatedAt = Math.max(this.updatedAt, now);
    }

    tryTake(now: number): boolean {
        this.refill(now);
        if (this.tokens < 1) return false;
        this.tokens -= 1;
        return true;
    }

    /** Milliseconds until one whole token is available (0 if one is available now). */
    msUntilToken(now: number): number {
        this.refill(now);
        return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate);
    }

    /** A new rate keeps the tokens already earned, up to the new capacity. */
    setRate(rate: number, now: number): void {
        this.refill(now);
        this.rate = rate;
        this.tokens = Math.min(this.tokens, this.capacity);
    }

    get available(): number {
        return this.tokens;
    }
}

export type QuotaDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** How an action's quota is set: by `writeQps`/`readQps` (`documented` absent), or its documented one. */
interface RateSource {
    readonly action: string;
    readonly isWrite: boolean;
    readonly documented?: number;
}

export class QuotaBook {
    private readonly buckets = new Map<string, { readonly bucket: TokenBucket; readonly source: RateSource }>();
    private current: QuotaRates;

    constructor(rates: QuotaRates) {
        this.current = { ...rates };
    }

    get rates(): QuotaRates {
        return this.current;
    }

    private rateFor({ action, isWrite, documented }: RateSource): number {
        const named = this.current.actionQps?.[action];
        if (named !== undefined) return named;
        if (documented === undefined) return isWrite ? this.current.writeQps : this.current.readQps;
        return this.current.actionQps?.["*"] ?? documented;
    }

    /**
     * Takes one call of `action` for the account. `documented`: the action's documented quota, for the
     * actions `writeQps`/`readQps` do not set (then `isWrite` only says which of those two it is).
     */
    take(accountId: string, action: string, isWrite: boolean, now: number, documented?: number): QuotaDecision {
        const id = JSON.stringify([accountId, action]);
        let entry = this.buckets.get(id);
        if (!entry) {
            const source: RateSource = { action, isWrite, ...(documented !== undefined ? { documented } : {}) };
            entry = { bucket: new TokenBucket(this.rateFor(source), now), source };
            this.buckets.set(id, entry);
        }
        const { bucket } = entry;
        return bucket.tryTake(now) ? { allowed: true } : { allowed: false, retryAfterMs: bucket.msUntilToken(now) };
    }

    /** Changes the limits at run time; existing buckets keep what they have earned. */
    setRates(rates: Partial<QuotaRates>, now: number): QuotaRates {
        const actionQps = rates.actionQps === undefined ? this.current.actionQps : { ...this.current.actionQps, ...rates.actionQps };
        this.current = { ...this.current, ...rates, ...(actionQps !== undefined ? { actionQps } : {}) };
        for (const { bucket, source } of this.buckets.values()) bucket.setRate(this.rateFor(source), now);
        return this.current;
    }

    /** Forgets every bucket: each account starts again with a full second's worth. */
    clear(rates?: QuotaRates): void {
        this.buckets.clear();
        if (rates) this.current = { ...rates };
    }
}
