/**
 * Builds the API the provider calls from resolved settings: a resource's plain client over the signed
 * call, wrapped in the retrying, rate-limited layer, paced per account and per action at each action's
 * quota. The one place that knows the constructors' options.
 */
import { defaultCredential } from "../api/default-credential";
import { RpcClient } from "../api/rpc";
import type { Bag } from "../api/types";
import { sharedQuotaLimiter, sharedQuotaStore } from "../quota/shared-limiters";
import { DeferredRateLimiter } from "../retry/deferred-limiter";
import { sharedLimiterRegistry } from "../retry/limiter-registry";
import type { RateLimiter } from "../retry/rate-limiter";
import { RetryingConfigApi } from "../retry/retrying-api";
import { actionCeiling as quotaCeiling, type ActionQuota } from "../retry/retrying-options";
import { perKeyAccountKey, resolveAccount, type AccountDeps, type AccountKey } from "./account";
import { ConfigClient } from "./config-client";
import { checkAtConfigure } from "./configure-check";
import { actionsOf, type ResourceDefinition } from "./definition";
import { retryTarget } from "./retry-target";
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
 * The rate `action` is paced at: the quota `actionQps` raises it to, else the `writeQps`/`readQps`
 * setting that stands for it (the record-notify actions), else its documented quota; less the headroom
 * left to others. Pure.
 */
export function actionCeiling(settings: Settings, action: ActionQuota): number {
    const raised = settings.actionQps.get(action.name);
    return raised === undefined ? quotaCeiling(action, settings, settings.quotaHeadroom) : raised * (1 - settings.quotaHeadroom);
}

/**
 * The limiter of each of `actions`, by name. With a configured account id and no store it is known at
 * once; otherwise it is decided on the first call (discovery and the store's first answer, both bounded).
 */
export function limitersFor(settings: Settings, actions: readonly ActionQuota[], deps: RuntimeDeps = {}): (action: string) => RateLimiter {
    const byName = new Map(actions.map((action) => [action.name, action]));
    const ceilingOf = (name: string) => {
        const action = byName.get(name);
        if (action === undefined) throw new TypeError(`no quota is known for the action ${name}`);
        return actionCeiling(settings, action);
    };
    const registry = sharedLimiterRegistry();
    const local = (key: string, action: string) => registry.limiter(key, action, ceilingOf(action));
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
    return (action: string) =>
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

/** The actions of a resource's binding, each once (an upsert creates and updates with one action). */
export function bindingActions(definition: ResourceDefinition): ActionQuota[] {
    return actionsOf(definition.binding).filter((action, i, all) => all.findIndex((a) => a.name === action.name) === i);
}

/** The signed call with the settings' endpoint, credentials and signature. */
export function rpcClient(settings: Settings): RpcClient {
    return new RpcClient({
        endpoint: settings.endpoint,
        credentials: settings.credentials,
        // The default chain (env, OIDC role, CLI profile, credentials file, ECS RAM role, credentials URI),
        // one per process: resolved by the configure-time check or the first call, inside the provider process.
        credential: settings.credentials ? undefined : defaultCredential(),
        signatureVersion: settings.signatureVersion,
        regionId: settings.regionId,
    });
}

/** `definition`'s operations: its plain client over the signed call, behind the retrying layer. */
export function buildApi(settings: Settings, definition: ResourceDefinition, deps: RuntimeDeps = {}): RetryingConfigApi<Bag, Bag> {
    return new RetryingConfigApi(new ConfigClient(definition, rpcClient(settings)), retryTarget(definition), {
        limiters: limitersFor(settings, bindingActions(definition), deps),
        operationTimeoutMs: settings.operationTimeoutMs,
    });
}
