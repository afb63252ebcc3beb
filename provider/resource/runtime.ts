/**
 * Builds the API the provider calls from resolved settings: the signed client wrapped in the retrying,
 * rate-limited layer, paced per account. The one place that knows both constructors' options.
 */
import { LiveClient } from "../api/client";
import { defaultCredential } from "../api/default-credential";
import { WRITE_ACTIONS, type Action, type LiveRecordNotifyApi } from "../api/types";
import { sharedQuotaLimiter, sharedQuotaStore } from "../quota/shared-limiters";
import { DeferredRateLimiter } from "../retry/deferred-limiter";
import { sharedLimiterRegistry } from "../retry/limiter-registry";
import type { RateLimiter } from "../retry/rate-limiter";
import { RetryingLiveApi } from "../retry/retrying-api";
import { limiterCeilings } from "../retry/retrying-options";
import { perKeyAccountKey, resolveAccount, type AccountDeps, type AccountKey } from "./account";
import { checkAtConfigure } from "./configure-check";
import { sayOnce } from "./said-once";
import type { Settings } from "./settings";

/**
 * The local limiters' key when it is known without I/O: the configured account id, else today's
 * per-key fallback (the key used when discovery fails).
 */
export function accountKeyFor(settings: Settings): string {
    return settings.accountId ?? perKeyAccountKey(settings);
}

export type RuntimeDeps = Partial<AccountDeps>;

/** Warnings of the pacing machinery, in the Pulumi log (the console when no engine listens). */
function pulumiWarn(message: string): void {
    try {
        // Loaded only when there is something to say.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load is the point
        (require("@pulumi/pulumi/log") as { warn(message: string): Promise<void> }).warn(`alicloud-live: ${message}`).catch(() => undefined);
    } catch {
        process.stderr.write(`warning: alicloud-live: ${message}\n`);
    }
}

/**
 * The limiter of each action. With a configured account id and no store it is known at once;
 * otherwise it is decided on the first call (discovery and the store's first answer, both bounded).
 */
export function limitersFor(settings: Settings, deps: RuntimeDeps = {}): (action: Action) => RateLimiter {
    const ceilings = limiterCeilings({ writeQps: settings.writeQps, readQps: settings.readQps }, settings.quotaHeadroom);
    const ceilingOf = (action: Action) => (WRITE_ACTIONS.has(action) ? ceilings.write : ceilings.read);
    const registry = sharedLimiterRegistry();
    const local = (key: string, action: Action) => registry.limiter(key, action, ceilingOf(action));
    if (settings.accountId && !settings.quotaStore) return (action) => local(settings.accountId!, action);

    const notice = deps.notice ?? pulumiWarn;
    let decided: Promise<AccountKey> | undefined;
    const decide = () =>
        (decided ??= (async () => {
            const store = settings.quotaStore ? sharedQuotaStore(settings.quotaStore, notice, storeTls(settings)) : undefined;
            // A fresh process waits for its first connection (bounded), so it does not start out pacing alone.
            const [account] = await Promise.all([
                resolveAccount(settings, { notice, ...(deps.stsFor ? { stsFor: deps.stsFor } : {}) }),
                store?.ready(),
            ]);
            if (store && !account.accountId) {
                sayOnce(notice, "the quota store is not used: its schedules are per account, and the account of these keys is unknown");
            }
            return account;
        })());
    // Started now, while the engine is still checking inputs, so the first call rarely waits for it; with the
    // configure-time check turned off (an offline preview), only at the first call: configuring calls nothing.
    if (!settings.skipCredentialsValidation) void decide();
    return (action) =>
        new DeferredRateLimiter(async () => {
            const account = await decide();
            if (!settings.quotaStore || !account.accountId) return local(account.key, action);
            // Used even when it did not answer yet: each call tries it, and paces locally while it cannot.
            const store = sharedQuotaStore(settings.quotaStore, notice, storeTls(settings));
            return sharedQuotaLimiter(settings.quotaStore, store, account.accountId, action, ceilingOf(action));
        }, ceilingOf(action));
}

/** The store's TLS trust: the configured CA, or Node's default CAs. */
function storeTls(settings: Settings): { ca?: string } {
    return settings.quotaStoreCa === undefined ? {} : { ca: settings.quotaStoreCa };
}

/** The configure-time check of credentials and endpoint (configure-check.ts), its warning in the Pulumi log. */
export function checkSetUp(settings: Settings, deps: RuntimeDeps = {}): Promise<void> {
    return checkAtConfigure(settings, { notice: deps.notice ?? pulumiWarn, ...(deps.stsFor ? { stsFor: deps.stsFor } : {}) });
}

export function buildApi(settings: Settings, deps: RuntimeDeps = {}): LiveRecordNotifyApi {
    const client = new LiveClient({
        endpoint: settings.endpoint,
        credentials: settings.credentials,
        // The default chain (env, OIDC role, CLI profile, credentials file, ECS RAM role, credentials URI),
        // one per process: resolved by the configure-time check or the first call, inside the provider process.
        credential: settings.credentials ? undefined : defaultCredential(),
        signatureVersion: settings.signatureVersion,
        regionId: settings.regionId,
    });
    return new RetryingLiveApi(client, {
        limiters: limitersFor(settings, deps),
        operationTimeoutMs: settings.operationTimeoutMs,
    });
}
