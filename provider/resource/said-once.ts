/**
 * Warnings said once per process: a deployment's provider process configures once per provider and
 * calls the API for every resource, and a warning about the set-up (the account, the quota store,
 * the configure-time check) is the same each time. Kept on `globalThis`, as the limiters are, because
 * the host may load this package twice.
 */

const SAID_KEY: unique symbol = Symbol.for("pulumi-alicloud-live.said-once.v1");

function said(): Set<string> {
    const global = globalThis as unknown as Record<symbol, Set<string> | undefined>;
    let found = global[SAID_KEY];
    if (!(found instanceof Set)) {
        found = new Set();
        Object.defineProperty(globalThis, SAID_KEY, { value: found, enumerable: false, configurable: false, writable: false });
    }
    return found;
}

/** Passes `message` to `notice` unless this process said it already. */
export function sayOnce(notice: (message: string) => void, message: string): void {
    const messages = said();
    if (messages.has(message)) return;
    messages.add(message);
    notice(message);
}

/** Forgets what was said (tests). */
export function forgetSaid(): void {
    said().clear();
}
