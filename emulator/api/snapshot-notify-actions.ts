/**
 * The four snapshot-callback actions (Add/Update/Describe/DeleteLiveSnapshotNotifyConfig), as the
 * official SDK's models (alibabacloud-live20161101) and the API pages give them: one configuration per
 * domain; NotifyUrl of at most 500 characters; NotifyReqAuth the strings yes/no; NotifyAuthKey under
 * the same 16-32 rule as the recording key; Describe answers a flat body. Synchronous, so each call is
 * atomic.
 *
 * Check order within an action: permission (read-only keys, checked by the dispatcher), DomainName,
 * domain ownership, the other parameters, then existence of the config.
 */
import { checkUrl, domainOf, signingOf, text, type ActionContext, type ActionResult } from "./action-params";
import { apiError } from "./errors";
import { describedAuthKey } from "./semantics";
import type { KindConfig } from "./store";

/** The store's kind for these configurations. */
export const SNAPSHOT_NOTIFY_KIND = "LiveSnapshotNotifyConfig";

export type SnapshotNotifyAction =
    "AddLiveSnapshotNotifyConfig" | "UpdateLiveSnapshotNotifyConfig" | "DescribeLiveSnapshotNotifyConfig" | "DeleteLiveSnapshotNotifyConfig";

/** AddLiveSnapshotNotifyConfig: "Specify a valid URL that is up to 500 characters in length." */
export const MAX_SNAPSHOT_NOTIFY_URL_LENGTH = 500;

/** A stored snapshot-callback configuration. */
export interface SnapshotNotifyConfig extends KindConfig {
    readonly notifyUrl: string;
    readonly notifyReqAuth: boolean;
    readonly notifyAuthKey?: string;
}

/**
 * Add and Update take the same parameters; the result is the whole new config. Update may leave
 * NotifyUrl out (the SDK's Update model requires only DomainName): the stored URL stays. Other fields
 * left out of Update return to their defaults, or under `--update-omitted keep` keep their values.
 */
function configFrom(params: ReadonlyMap<string, string>, ctx: ActionContext, previous?: SnapshotNotifyConfig): SnapshotNotifyConfig {
    const kept = ctx.semantics.updateOmitted === "keep" ? previous : undefined;
    const domainName = domainOf(params, ctx);
    const urlParam = text(params, "NotifyUrl");
    if (urlParam !== undefined) {
        if (urlParam.length > MAX_SNAPSHOT_NOTIFY_URL_LENGTH) throw apiError("InvalidNotifyUrl.Malformed");
        checkUrl(urlParam, "InvalidNotifyUrl.Malformed", "InvalidNotifyUrl.Unsafe");
    }
    const notifyUrl = urlParam ?? previous?.notifyUrl;
    if (notifyUrl === undefined) throw apiError("MissingNotifyUrl");
    const { notifyReqAuth, notifyAuthKey } = signingOf(params, ctx, kept);
    return {
        accountId: ctx.key.accountId,
        id: domainName,
        domainName,
        notifyUrl,
        notifyReqAuth,
        ...(notifyAuthKey !== undefined ? { notifyAuthKey } : {}),
    };
}

function stored(ctx: ActionContext, domainName: string): SnapshotNotifyConfig | undefined {
    return ctx.store.getOf(SNAPSHOT_NOTIFY_KIND, ctx.key.accountId, domainName) as SnapshotNotifyConfig | undefined;
}

function existing(ctx: ActionContext, domainName: string): SnapshotNotifyConfig {
    const config = stored(ctx, domainName);
    if (!config) throw apiError("InvalidConfig.NotFound");
    return config;
}

/** Describe's flat body under the profile: NotifyReqAuth as "yes"/"no" (the SDK's model), the key as `describeAuthKey` says. */
export function describeSnapshotNotify(config: SnapshotNotifyConfig, ctx: ActionContext): Record<string, string> {
    return {
        DomainName: config.domainName,
        NotifyUrl: config.notifyUrl,
        NotifyReqAuth: config.notifyReqAuth ? "yes" : "no",
        ...describedAuthKey(config.notifyAuthKey, ctx.semantics),
    };
}

export function runSnapshotNotifyAction(action: SnapshotNotifyAction, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
    switch (action) {
        case "AddLiveSnapshotNotifyConfig": {
            const config = configFrom(params, ctx);
            // No page says what an Add on a configured domain answers: `addExisting` picks the reading.
            if (stored(ctx, config.domainName) && ctx.semantics.addExisting === "refuse") throw apiError("ConfigAlreadyExists");
            ctx.store.putOf(SNAPSHOT_NOTIFY_KIND, config);
            return {};
        }
        case "UpdateLiveSnapshotNotifyConfig": {
            const previous = stored(ctx, domainOf(params, ctx));
            const config = configFrom(params, ctx, previous);
            existing(ctx, config.domainName);
            ctx.store.putOf(SNAPSHOT_NOTIFY_KIND, config);
            return {};
        }
        case "DescribeLiveSnapshotNotifyConfig": {
            const domainName = domainOf(params, ctx);
            // The flat body's reading of an empty answer: nothing but the RequestId.
            if (ctx.semantics.missingConfig === "empty" && !stored(ctx, domainName)) return {};
            return describeSnapshotNotify(existing(ctx, domainName), ctx);
        }
        case "DeleteLiveSnapshotNotifyConfig": {
            const domainName = domainOf(params, ctx);
            existing(ctx, domainName);
            ctx.store.deleteOf(SNAPSHOT_NOTIFY_KIND, ctx.key.accountId, domainName);
            return {};
        }
    }
}
