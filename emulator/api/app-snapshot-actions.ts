/**
 * The snapshot configuration of apps (AddLiveAppSnapshotConfig / UpdateLiveAppSnapshotConfig /
 * DescribeLiveSnapshotConfig / DeleteLiveAppSnapshotConfig), as the official SDK's models
 * (alibabacloud-live20161101) and the API pages give them: one configuration per domain and app;
 * TimeInterval 5-3600; SequenceOssObject must hold {UnixTimestamp} or {Sequence}; Update requires only the
 * domain and the app, takes OssBucket, and clears an object name with "-"; Describe lists and pages.
 * Synchronous, so each call is atomic.
 *
 * Check order within an action: permission (checked by the dispatcher), DomainName, domain ownership,
 * AppName, the other parameters, then existence of the config.
 */
import { checkUrl, createTimeOf, domainOf, integer, optionalText, page, paged, text, type ActionContext, type ActionResult } from "./action-params";
import { appsOf, identityOf } from "./app-configs";
import { apiError, invalidParameter } from "./errors";
import type { KindConfig } from "./store";

export const APP_SNAPSHOT_KIND = "LiveAppSnapshotConfig";

export type AppSnapshotAction =
    "AddLiveAppSnapshotConfig" | "UpdateLiveAppSnapshotConfig" | "DescribeLiveSnapshotConfig" | "DeleteLiveAppSnapshotConfig";

/** The value that clears an object name on Update (UpdateLiveAppSnapshotConfig's page). */
const CLEAR = "-";

export interface AppSnapshotConfig extends KindConfig {
    readonly appName: string;
    readonly timeInterval: number;
    readonly ossEndpoint: string;
    readonly ossBucket: string;
    readonly overwriteOssObject?: string;
    readonly sequenceOssObject?: string;
    readonly callback?: string;
    readonly createTime: string;
}

/**
 * An object name: the value, `null` to clear it (`-` on Update, or empty), or `undefined` when left out
 * (then it resets or stays, as `updateOmitted` says).
 */
function objectName(params: ReadonlyMap<string, string>, name: string, update: boolean): string | null | undefined {
    const value = optionalText(params, name);
    if (value === CLEAR && update) return null;
    return value;
}

function configFrom(params: ReadonlyMap<string, string>, ctx: ActionContext, now: string, previous?: AppSnapshotConfig): AppSnapshotConfig {
    const update = previous !== undefined;
    const kept = ctx.semantics.updateOmitted === "keep" ? previous : undefined;
    const { domainName, appName, id } = identityOf(params, ctx, false);
    const timeInterval = integer(params, "TimeInterval", 5, 3600) ?? previous?.timeInterval;
    if (timeInterval === undefined) throw apiError("MissingTimeInterval");
    const ossEndpoint = text(params, "OssEndpoint") ?? previous?.ossEndpoint;
    if (ossEndpoint === undefined) throw apiError("MissingOssEndpoint");
    const ossBucket = text(params, "OssBucket") ?? previous?.ossBucket;
    if (ossBucket === undefined) throw apiError("MissingOssBucket");
    const overwrite = objectName(params, "OverwriteOssObject", update);
    const sequence = objectName(params, "SequenceOssObject", update);
    if (typeof sequence === "string" && !sequence.includes("{UnixTimestamp}") && !sequence.includes("{Sequence}"))
        throw invalidParameter("SequenceOssObject");
    const callbackParam = optionalText(params, "Callback");
    if (typeof callbackParam === "string") checkUrl(callbackParam, "InvalidNotifyUrl.Malformed", "InvalidNotifyUrl.Unsafe");
    const overwriteOssObject = overwrite === undefined ? kept?.overwriteOssObject : (overwrite ?? undefined);
    const sequenceOssObject = sequence === undefined ? kept?.sequenceOssObject : (sequence ?? undefined);
    const callback = callbackParam === undefined ? kept?.callback : (callbackParam ?? undefined);
    return {
        accountId: ctx.key.accountId,
        id,
        domainName,
        appName,
        timeInterval,
        ossEndpoint,
        ossBucket,
        ...(overwriteOssObject !== undefined ? { overwriteOssObject } : {}),
        ...(sequenceOssObject !== undefined ? { sequenceOssObject } : {}),
        ...(callback !== undefined ? { callback } : {}),
        createTime: previous?.createTime ?? now,
    };
}

/** A configuration as DescribeLiveSnapshotConfig lists it. */
function described(config: AppSnapshotConfig): Record<string, unknown> {
    return {
        DomainName: config.domainName,
        AppName: config.appName,
        TimeInterval: config.timeInterval,
        OssEndpoint: config.ossEndpoint,
        OssBucket: config.ossBucket,
        OverwriteOssObject: config.overwriteOssObject ?? "",
        SequenceOssObject: config.sequenceOssObject ?? "",
        Callback: config.callback ?? "",
        CreateTime: config.createTime,
    };
}

function stored(ctx: ActionContext, id: string): AppSnapshotConfig | undefined {
    return ctx.store.getOf(APP_SNAPSHOT_KIND, ctx.key.accountId, id) as AppSnapshotConfig | undefined;
}

export function runAppSnapshotAction(action: AppSnapshotAction, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
    const now = createTimeOf(ctx);
    switch (action) {
        case "AddLiveAppSnapshotConfig": {
            const config = configFrom(params, ctx, now);
            // No page says what an Add on a configured app answers: `addExisting` picks the reading.
            const previous = stored(ctx, config.id);
            if (previous && ctx.semantics.addExisting === "refuse") throw apiError("ConfigAlreadyExists");
            ctx.store.putOf(APP_SNAPSHOT_KIND, { ...config, createTime: previous?.createTime ?? now });
            return {};
        }
        case "UpdateLiveAppSnapshotConfig": {
            const { id } = identityOf(params, ctx, false);
            const previous = stored(ctx, id);
            if (previous === undefined) throw apiError("InvalidConfig.NotFound");
            ctx.store.putOf(APP_SNAPSHOT_KIND, configFrom(params, ctx, now, previous));
            return {};
        }
        case "DescribeLiveSnapshotConfig": {
            const domainName = domainOf(params, ctx);
            const all = ctx.store.listOf(APP_SNAPSHOT_KIND).filter((c) => c.accountId === ctx.key.accountId) as AppSnapshotConfig[];
            const matching = appsOf(all, domainName, text(params, "AppName"), ctx);
            if (matching.length === 0 && ctx.semantics.missingConfig === "404") throw apiError("InvalidConfig.NotFound");
            const { items, counts } = paged(matching, page(params), text(params, "Order"));
            return { LiveStreamSnapshotConfigList: { LiveStreamSnapshotConfig: items.map(described) }, ...counts };
        }
        case "DeleteLiveAppSnapshotConfig": {
            const { id } = identityOf(params, ctx, false);
            if (!stored(ctx, id)) throw apiError("InvalidConfig.NotFound");
            ctx.store.deleteOf(APP_SNAPSHOT_KIND, ctx.key.accountId, id);
            return {};
        }
    }
}
