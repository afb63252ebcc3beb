/**
 * The three stream-callback actions (Set/Describe/DeleteLiveStreamsNotifyUrlConfig), as the official
 * SDK's models (alibabacloud-live20161101) and the API pages give them: one configuration per ingest
 * domain; Set is an upsert (it creates, or writes over what the domain holds); NotifyReqAuth the strings
 * yes/no; NotifyAuthKey 16-64 letters and digits; Describe answers under `LiveStreamsNotifyConfig`.
 * SwitchNotifyUrl (in the SDK's Set model, never in Describe's) is taken and not kept. Synchronous, so
 * each call is atomic.
 *
 * Check order within an action: permission (read-only keys, checked by the dispatcher), DomainName,
 * domain ownership, the other parameters, then existence of the config.
 */
import { checkUrl, domainOf, optionalText, signingOf, text, type ActionContext, type ActionResult } from "./action-params";
import { apiError } from "./errors";
import { describedAuthKey } from "./semantics";
import type { KindConfig } from "./store";

/** The store's kind for these configurations. */
export const STREAMS_NOTIFY_KIND = "LiveStreamsNotifyUrlConfig";

export type StreamsNotifyAction = "SetLiveStreamsNotifyUrlConfig" | "DescribeLiveStreamsNotifyUrlConfig" | "DeleteLiveStreamsNotifyUrlConfig";

/** SetLiveStreamsNotifyUrlConfig: "16 to 64 characters ... uppercase letters, lowercase letters, and digits". */
export const MAX_STREAMS_AUTH_KEY_LENGTH = 64;

/** A stored stream-callback configuration. */
export interface StreamsNotifyConfig extends KindConfig {
    readonly notifyUrl: string;
    readonly exceptionNotifyUrl?: string;
    readonly notifyReqAuth: boolean;
    readonly notifyAuthKey?: string;
}

/**
 * Set's result: the whole new config. On a configured domain, NotifyUrl may be left out (the SDK's
 * model does not require it): the stored URL stays. Other fields left out return to their defaults, or
 * under `--update-omitted keep` keep their values; an empty ExceptionNotifyUrl clears it, or under
 * `--empty-url malformed` is refused.
 */
function configFrom(params: ReadonlyMap<string, string>, ctx: ActionContext, previous?: StreamsNotifyConfig): StreamsNotifyConfig {
    const { semantics } = ctx;
    const kept = semantics.updateOmitted === "keep" ? previous : undefined;
    const domainName = domainOf(params, ctx);
    const urlParam = text(params, "NotifyUrl");
    if (urlParam !== undefined) checkUrl(urlParam, "InvalidNotifyUrl.Malformed", "InvalidNotifyUrl.Unsafe");
    const notifyUrl = urlParam ?? previous?.notifyUrl;
    if (notifyUrl === undefined) throw apiError("MissingNotifyUrl");
    const exceptionParam = optionalText(params, "ExceptionNotifyUrl");
    if (exceptionParam === null && semantics.emptyUrl === "malformed") throw apiError("InvalidExceptionNotifyUrl.Malformed");
    if (typeof exceptionParam === "string") checkUrl(exceptionParam, "InvalidExceptionNotifyUrl.Malformed", "InvalidExceptionNotifyUrl.Unsafe");
    const exceptionNotifyUrl = exceptionParam === undefined ? kept?.exceptionNotifyUrl : (exceptionParam ?? undefined);
    const switchParam = text(params, "SwitchNotifyUrl");
    if (switchParam !== undefined) checkUrl(switchParam, "InvalidNotifyUrl.Malformed", "InvalidNotifyUrl.Unsafe");
    // The documented rule of this action (`16-32-alnum` stands for "the documented rule applies"): 16 to 64.
    const { notifyReqAuth, notifyAuthKey } = signingOf(params, ctx, kept, {
        maxKeyLength: MAX_STREAMS_AUTH_KEY_LENGTH,
        malformedMessage:
            "Specified NotifyAuthKey is invalid. The key must be 16 to 64 characters in length and can contain only letters and digits.",
    });
    return {
        accountId: ctx.key.accountId,
        id: domainName,
        domainName,
        notifyUrl,
        ...(exceptionNotifyUrl !== undefined ? { exceptionNotifyUrl } : {}),
        notifyReqAuth,
        ...(notifyAuthKey !== undefined ? { notifyAuthKey } : {}),
    };
}

function stored(ctx: ActionContext, domainName: string): StreamsNotifyConfig | undefined {
    return ctx.store.getOf(STREAMS_NOTIFY_KIND, ctx.key.accountId, domainName) as StreamsNotifyConfig | undefined;
}

function existing(ctx: ActionContext, domainName: string): StreamsNotifyConfig {
    const config = stored(ctx, domainName);
    if (!config) throw apiError("InvalidConfig.NotFound");
    return config;
}

/** Describe's `LiveStreamsNotifyConfig` under the profile: NotifyReqAuth as "yes"/"no" (the SDK's model), "" for an unset URL, the key as `describeAuthKey` says. */
export function describeStreamsNotify(config: StreamsNotifyConfig, ctx: ActionContext): Record<string, string> {
    return {
        DomainName: config.domainName,
        NotifyUrl: config.notifyUrl,
        ExceptionNotifyUrl: config.exceptionNotifyUrl ?? "",
        NotifyReqAuth: config.notifyReqAuth ? "yes" : "no",
        ...describedAuthKey(config.notifyAuthKey, ctx.semantics),
    };
}

export function runStreamsNotifyAction(action: StreamsNotifyAction, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
    switch (action) {
        case "SetLiveStreamsNotifyUrlConfig": {
            // An upsert: no ConfigAlreadyExists, no InvalidConfig.NotFound.
            const config = configFrom(params, ctx, stored(ctx, domainOf(params, ctx)));
            ctx.store.putOf(STREAMS_NOTIFY_KIND, config);
            return {};
        }
        case "DescribeLiveStreamsNotifyUrlConfig": {
            const domainName = domainOf(params, ctx);
            if (ctx.semantics.missingConfig === "empty" && !stored(ctx, domainName)) return { LiveStreamsNotifyConfig: {} };
            return { LiveStreamsNotifyConfig: describeStreamsNotify(existing(ctx, domainName), ctx) };
        }
        case "DeleteLiveStreamsNotifyUrlConfig": {
            const domainName = domainOf(params, ctx);
            existing(ctx, domainName);
            ctx.store.deleteOf(STREAMS_NOTIFY_KIND, ctx.key.accountId, domainName);
            return {};
        }
    }
}
