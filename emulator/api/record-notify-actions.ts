/**
 * The four recording-callback actions (Add/Update/Describe/DeleteLiveRecordNotifyConfig): their
 * parameters, checks and effect on the store. Synchronous, so each call is atomic.
 *
 * Check order within an action: permission (read-only keys, checked by the dispatcher), DomainName,
 * domain ownership, the other parameters, then existence of the config.
 */
import { checkUrl, domainOf, flag, optionalText, signingOf, text, type ActionContext, type ActionResult } from "./action-params";
import { apiError } from "./errors";
import { DEFAULT_SEMANTICS, describedAuthKey, type SemanticsProfile } from "./semantics";
import type { StoredConfig } from "./store";

/** The recording-callback actions. */
export type RecordNotifyAction =
    "AddLiveRecordNotifyConfig" | "UpdateLiveRecordNotifyConfig" | "DescribeLiveRecordNotifyConfig" | "DeleteLiveRecordNotifyConfig";

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
    const { notifyReqAuth, notifyAuthKey } = signingOf(params, ctx, kept);
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
    return {
        DomainName: config.domainName,
        NotifyUrl: config.notifyUrl,
        OnDemandUrl: config.onDemandUrl ?? "",
        NeedStatusNotify: bool(config.needStatusNotify),
        NotifyReqAuth: bool(config.notifyReqAuth),
        ...describedAuthKey(config.notifyAuthKey, semantics),
    };
}

export function runRecordNotifyAction(action: RecordNotifyAction, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
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
