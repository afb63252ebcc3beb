/**
 * The four recording-callback actions: their parameters, checks and effect on the store.
 * Runs after authentication, quota and fault rules; synchronous, so each call is atomic.
 *
 * Check order within an action: permission (read-only keys), DomainName, domain ownership, the
 * other parameters, then existence of the config.
 */
import type { ResolvedKey } from "./accounts";
import { apiError, invalidParameter, type ErrorCode } from "./errors";
import { DEFAULT_SEMANTICS, maskAuthKey, type SemanticsProfile } from "./semantics";
import type { ConfigStore, StoredConfig } from "./store";
import { checkCallbackUrl, isValidAuthKey, isValidDomainName, parseBoolean } from "./validation";

export const API_VERSION = "2016-11-01";

export const ACTIONS = [
    "AddLiveRecordNotifyConfig",
    "UpdateLiveRecordNotifyConfig",
    "DescribeLiveRecordNotifyConfig",
    "DeleteLiveRecordNotifyConfig",
] as const;

export type ActionName = (typeof ACTIONS)[number];

/** Each write action has its own 30/s quota; Describe has 50/s. */
export const WRITE_ACTIONS: ReadonlySet<ActionName> = new Set<ActionName>([
    "AddLiveRecordNotifyConfig",
    "UpdateLiveRecordNotifyConfig",
    "DeleteLiveRecordNotifyConfig",
]);

export function isActionName(name: string): name is ActionName {
    return (ACTIONS as readonly string[]).includes(name);
}

/** The signed action and version, checked once the signature is known to be good. */
export function resolveAction(action: string, version: string): ActionName {
    if (!isActionName(action)) throw apiError("InvalidAction.NotFound");
    if (version !== API_VERSION) throw apiError("InvalidVersion");
    return action;
}

export interface ActionContext {
    readonly store: ConfigStore;
    readonly key: ResolvedKey;
    readonly ownsDomain: (domainName: string) => boolean;
    readonly semantics: SemanticsProfile;
}

/** The success body without `RequestId`, which the server puts first. */
export type ActionResult = Readonly<Record<string, unknown>>;

/** Empty strings count as absent: the SDKs never send them for unset fields. */
function text(params: ReadonlyMap<string, string>, name: string): string | undefined {
    const value = params.get(name);
    return value === undefined || value === "" ? undefined : value;
}

/** true/false (the SDKs' form) and yes/no (the API pages'), any case, under every profile: see `boolWire`. */
function flag(params: ReadonlyMap<string, string>, name: string): boolean | undefined {
    const value = parseBoolean(params.get(name));
    if (value === null) throw invalidParameter(name);
    return value;
}

function domainOf(params: ReadonlyMap<string, string>, ctx: ActionContext): string {
    const domainName = text(params, "DomainName");
    if (domainName === undefined) throw apiError("MissingDomainName");
    if (!isValidDomainName(domainName) || !ctx.ownsDomain(domainName)) throw apiError("InvalidDomain.NotFound");
    return domainName;
}

function checkUrl(value: string, malformed: ErrorCode, unsafe: ErrorCode): void {
    const verdict = checkCallbackUrl(value);
    if (verdict === "malformed") throw apiError(malformed);
    if (verdict === "unsafe") throw apiError(unsafe);
}

/**
 * An optional string parameter: `undefined` when left out, `null` when sent empty (an explicit
 * "none"), otherwise the value.
 */
function optionalText(params: ReadonlyMap<string, string>, name: string): string | null | undefined {
    const value = params.get(name);
    return value === undefined ? undefined : value === "" ? null : value;
}

/**
 * Add and Update take the same parameters; the result is the whole new config. `previous` is the
 * stored config an Update changes: under `--update-omitted keep` a field left out keeps its value
 * there; otherwise (and for Add) it takes its default.
 */
function configFrom(params: ReadonlyMap<string, string>, ctx: ActionContext, previous?: StoredConfig): StoredConfig {
    const { semantics } = ctx;
    const kept = semantics.updateOmitted === "keep" ? previous : undefined;
    const domainName = domainOf(params, ctx);
    const notifyUrl = text(params, "NotifyUrl");
    if (notifyUrl === undefined) throw apiError("MissingNotifyUrl");
    checkUrl(notifyUrl, "InvalidNotifyUrl.Malformed", "InvalidNotifyUrl.Unsafe");
    const onDemandParam = optionalText(params, "OnDemandUrl");
    if (onDemandParam === null && semantics.emptyUrl === "malformed") throw apiError("InvalidOnDemandUrl.Malformed");
    if (typeof onDemandParam === "string") checkUrl(onDemandParam, "InvalidOnDemandUrl.Malformed", "InvalidOnDemandUrl.Unsafe");
    const onDemandUrl = onDemandParam === undefined ? kept?.onDemandUrl : (onDemandParam ?? undefined);
    const needStatusNotify = flag(params, "NeedStatusNotify") ?? kept?.needStatusNotify ?? false;
    const notifyReqAuth = flag(params, "NotifyReqAuth") ?? kept?.notifyReqAuth ?? false;
    const keyParam = optionalText(params, "NotifyAuthKey");
    if (typeof keyParam === "string" && semantics.authKeyRule === "16-32-alnum" && !isValidAuthKey(keyParam)) {
        throw apiError("InvalidNotifyAuthKey.Malformed");
    }
    const notifyAuthKey = keyParam === undefined ? kept?.notifyAuthKey : (keyParam ?? undefined);
    if (notifyReqAuth && notifyAuthKey === undefined) throw apiError("MissingNotifyAuthKey");
    return {
        accountId: ctx.key.accountId,
        domainName,
        notifyUrl,
        ...(onDemandUrl !== undefined ? { onDemandUrl } : {}),
        needStatusNotify,
        notifyReqAuth,
        ...(notifyAuthKey !== undefined ? { notifyAuthKey } : {}),
    };
}

function existing(ctx: ActionContext, domainName: string): StoredConfig {
    const config = ctx.store.get(ctx.key.accountId, domainName);
    if (!config) throw apiError("InvalidConfig.NotFound");
    return config;
}

/** Describe's view under the profile: booleans as JSON booleans or "yes"/"no", "" for unset strings, the key as `describeAuthKey` says. */
export function describeView(config: StoredConfig, semantics: SemanticsProfile = DEFAULT_SEMANTICS): Record<string, string | boolean> {
    const bool = (value: boolean): string | boolean => (semantics.boolWire === "yesno" ? (value ? "yes" : "no") : value);
    const key = config.notifyAuthKey ?? "";
    return {
        DomainName: config.domainName,
        NotifyUrl: config.notifyUrl,
        OnDemandUrl: config.onDemandUrl ?? "",
        NeedStatusNotify: bool(config.needStatusNotify),
        NotifyReqAuth: bool(config.notifyReqAuth),
        ...(semantics.describeAuthKey === "absent"
            ? {}
            : { NotifyAuthKey: semantics.describeAuthKey === "masked" && key !== "" ? maskAuthKey(key) : key }),
    };
}

export function runAction(action: ActionName, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
    if (WRITE_ACTIONS.has(action) && ctx.key.readOnly) throw apiError("Forbidden");
    switch (action) {
        case "AddLiveRecordNotifyConfig": {
            const config = configFrom(params, ctx);
            if (ctx.store.get(config.accountId, config.domainName)) throw apiError("ConfigAlreadyExists");
            ctx.store.put(config);
            return {};
        }
        case "UpdateLiveRecordNotifyConfig": {
            // Replaces the whole config: omitted optional fields return to their defaults (or, under `keep`, stay).
            const previous = ctx.store.get(ctx.key.accountId, domainOf(params, ctx));
            const config = configFrom(params, ctx, previous);
            existing(ctx, config.domainName);
            ctx.store.put(config);
            return {};
        }
        case "DescribeLiveRecordNotifyConfig": {
            const domainName = domainOf(params, ctx);
            if (ctx.semantics.missingConfig === "empty" && !ctx.store.get(ctx.key.accountId, domainName)) return { LiveRecordNotifyConfig: {} };
            return { LiveRecordNotifyConfig: describeView(existing(ctx, domainName), ctx.semantics) };
        }
        case "DeleteLiveRecordNotifyConfig": {
            const domainName = domainOf(params, ctx);
            existing(ctx, domainName);
            ctx.store.delete(ctx.key.accountId, domainName);
            return {};
        }
    }
}
