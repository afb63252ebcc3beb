/**
 * One Redis connection per store URL and one shared limiter per (store, account, action) in the
 * process, so every resource of a deployment paces by the same objects. Kept on `globalThis`, as
 * the local limiters are (limiter-registry.ts), because the host may load this package twice.
 */
import type { RateLimiter } from "../retry/rate-limiter";
import { scheduleName } from "./quota-store";
import type { RedisQuotaStore } from "./redis-quota-store";
import { AccountProcesses, SharedRateLimiter } from "./shared-rate-limiter";
import type { StoreTls } from "./store-connection";
import type { QuotaStoreUrl } from "./store-url";

/** Versioned: the objects kept here are this version's classes, not a small stable interface. */
const HOLDER_KEY: unique symbol = Symbol.for("pulumi-alicloud-live.quota-stores.v1");

interface Holder {
    readonly stores: Map<string, RedisQuotaStore>;
    readonly limiters: Map<string, SharedRateLimiter>;
    /** Per store and account: the processes its schedules counted lately. */
    readonly accounts?: Map<string, AccountProcesses>;
}

function holder(): Holder {
    const global = globalThis as unknown as Record<symbol, Holder | undefined>;
    let found = global[HOLDER_KEY];
    if (!found) {
        found = { stores: new Map(), limiters: new Map() };
        Object.defineProperty(globalThis, HOLDER_KEY, { value: found, enumerable: false, configurable: false, writable: false });
    }
    return found;
}

/** The process's connection to the store at `url` (trusting `tls.ca` when given), opened on first use. */
export function sharedQuotaStore(url: QuotaStoreUrl, onNotice: (message: string) => void, tls: StoreTls = {}): RedisQuotaStore {
    const { stores } = holder();
    const key = `${url.url}\u0000${tls.ca ?? ""}`;
    let store = stores.get(key);
    if (!store) {
        // Loaded on first use: a stack without a store never pays for the Redis client.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; an import would load ioredis on every run
        const { RedisQuotaStore: Store } = require("./redis-quota-store") as typeof import("./redis-quota-store");
        store = new Store({ url, onNotice, tls });
        stores.set(key, store);
    }
    return store;
}

/** The process's limiter of `action` for `accountId` on the store at `url`; a lower ceiling lowers it. */
export function sharedQuotaLimiter(url: QuotaStoreUrl, store: RedisQuotaStore, accountId: string, action: string, ceiling: number): RateLimiter {
    const { limiters } = holder();
    const schedule = scheduleName(accountId, action);
    const key = `${url.url}\u0000${schedule}`;
    const existing = limiters.get(key);
    if (existing) {
        existing.restrict(ceiling);
        return existing;
    }
    const accounts = holderAccounts();
    const accountKey = `${url.url}\u0000${accountId}`;
    let accountProcesses = accounts.get(accountKey);
    if (!accountProcesses) {
        accountProcesses = new AccountProcesses();
        accounts.set(accountKey, accountProcesses);
    }
    const created = new SharedRateLimiter({ store, schedule, ceiling, accountProcesses });
    limiters.set(key, created);
    return created;
}

/** The holder's per-account counts (absent in a holder made by an earlier copy of this module). */
function holderAccounts(): Map<string, AccountProcesses> {
    const h = holder() as { accounts?: Map<string, AccountProcesses> };
    return (h.accounts ??= new Map<string, AccountProcesses>());
}

/** Closes every store connection of the process (tests, and hosts that want a clean exit). */
export async function closeQuotaStores(): Promise<void> {
    const { stores, limiters } = holder();
    const all = [...stores.values()];
    stores.clear();
    limiters.clear();
    holderAccounts().clear();
    await Promise.all(all.map((s) => s.close()));
}
