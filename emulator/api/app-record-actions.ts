/**
 * The recording configuration of apps (AddLiveAppRecordConfig / UpdateLiveAppRecordConfig /
 * DescribeLiveRecordConfig / DeleteLiveAppRecordConfig), as the official SDK's models
 * (alibabacloud-live20161101) and the API pages give them: one configuration per domain, app and optional
 * stream; recording formats as lists of objects (`RecordFormat.N.Format`); Update has no OssBucket and no
 * object prefixes (a stored format keeps its prefixes); Describe lists and pages, and answers on-demand
 * recording as `OnDemond`. Synchronous, so each call is atomic.
 *
 * Check order within an action: permission (checked by the dispatcher), DomainName, domain ownership,
 * AppName, the other parameters, then existence of the config.
 */
import { createTimeOf, domainOf, integer, listParam, page, paged, text, type ActionContext, type ActionResult } from "./action-params";
import { apiError, invalidParameter } from "./errors";
import { appsOf, identityOf } from "./app-configs";
import type { KindConfig } from "./store";

export const APP_RECORD_KIND = "LiveAppRecordConfig";

export type AppRecordAction = "AddLiveAppRecordConfig" | "UpdateLiveAppRecordConfig" | "DescribeLiveRecordConfig" | "DeleteLiveAppRecordConfig";

const FORMATS: ReadonlySet<string> = new Set(["m3u8", "flv", "mp4", "cmaf"]);
const ON_DEMAND: ReadonlySet<number> = new Set([0, 1, 2, 7]);

/** One recording format as stored: the API's field names. */
interface StoredFormat {
    readonly Format: string;
    readonly OssObjectPrefix?: string;
    readonly SliceOssObjectPrefix?: string;
    readonly CycleDuration?: number;
    readonly SliceDuration?: number;
}

export interface AppRecordConfig extends KindConfig {
    readonly appName: string;
    readonly streamName?: string;
    readonly ossEndpoint: string;
    readonly ossBucket: string;
    readonly recordFormats: readonly StoredFormat[];
    readonly transcodeRecordFormats: readonly StoredFormat[];
    readonly transcodeTemplates: readonly string[];
    readonly onDemand?: number;
    readonly delayTime?: number;
    readonly startTime?: string;
    readonly endTime?: string;
    readonly createTime: string;
}

/**
 * A list of formats from `name`'s items. On Update the object prefixes are not taken (the Update model has
 * none): each format keeps the prefixes the stored list had for it.
 */
function formats(params: ReadonlyMap<string, string>, name: string, stored?: readonly StoredFormat[]): StoredFormat[] | undefined {
    const items = listParam(params, name);
    if (items === undefined) return undefined;
    return items.map((item, i) => {
        const at = `${name}.${i + 1}`;
        if (typeof item !== "object" || item.Format === undefined || !FORMATS.has(item.Format.toLowerCase())) throw invalidParameter(`${at}.Format`);
        const format = item.Format.toLowerCase();
        const values = new Map(Object.entries(item));
        const cycle = integer(values, "CycleDuration", 15, 21600);
        const slice = integer(values, "SliceDuration", 5, 30);
        const kept = stored?.find((f) => f.Format === format);
        const prefixes =
            stored === undefined ? { OssObjectPrefix: item.OssObjectPrefix, SliceOssObjectPrefix: item.SliceOssObjectPrefix } : (kept ?? {});
        return {
            Format: format,
            ...(prefixes.OssObjectPrefix ? { OssObjectPrefix: prefixes.OssObjectPrefix } : {}),
            ...(prefixes.SliceOssObjectPrefix ? { SliceOssObjectPrefix: prefixes.SliceOssObjectPrefix } : {}),
            ...(cycle !== undefined ? { CycleDuration: cycle } : {}),
            ...(slice !== undefined ? { SliceDuration: slice } : {}),
        };
    });
}

/** Add and Update take the same fields (Update without OssBucket and prefixes); the result is the whole new config. */
function configFrom(params: ReadonlyMap<string, string>, ctx: ActionContext, now: string, previous?: AppRecordConfig): AppRecordConfig {
    const kept = ctx.semantics.updateOmitted === "keep" ? previous : undefined;
    const { domainName, appName, streamName } = identityOf(params, ctx);
    const ossEndpoint = text(params, "OssEndpoint") ?? previous?.ossEndpoint;
    if (ossEndpoint === undefined) throw apiError("MissingOssEndpoint");
    const ossBucket = previous?.ossBucket ?? text(params, "OssBucket");
    if (ossBucket === undefined) throw apiError("MissingOssBucket");
    const recordFormats = formats(params, "RecordFormat", previous?.recordFormats) ?? kept?.recordFormats ?? [];
    const transcodeRecordFormats = formats(params, "TranscodeRecordFormat", previous?.transcodeRecordFormats) ?? kept?.transcodeRecordFormats ?? [];
    if (recordFormats.length === 0 && transcodeRecordFormats.length === 0) throw apiError("MissingRecordFormat");
    const templates = listParam(params, "TranscodeTemplates");
    if (templates?.some((t) => typeof t !== "string")) throw invalidParameter("TranscodeTemplates");
    const transcodeTemplates = (templates as string[] | undefined) ?? kept?.transcodeTemplates ?? [];
    const onDemand = integer(params, "OnDemand", 0, 7) ?? kept?.onDemand;
    if (onDemand !== undefined && !ON_DEMAND.has(onDemand)) throw invalidParameter("OnDemand");
    const delayTime = integer(params, "DelayTime", 15, 21600) ?? kept?.delayTime;
    const startTime = text(params, "StartTime") ?? kept?.startTime;
    const endTime = text(params, "EndTime") ?? kept?.endTime;
    for (const [name, value] of [
        ["StartTime", startTime],
        ["EndTime", endTime],
    ] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw invalidParameter(name);
    }
    return {
        accountId: ctx.key.accountId,
        id: [domainName, appName, ...(streamName !== undefined ? [streamName] : [])].join("/"),
        domainName,
        appName,
        ...(streamName !== undefined ? { streamName } : {}),
        ossEndpoint,
        ossBucket,
        recordFormats,
        transcodeRecordFormats,
        transcodeTemplates,
        ...(onDemand !== undefined ? { onDemand } : {}),
        ...(delayTime !== undefined ? { delayTime } : {}),
        ...(startTime !== undefined ? { startTime } : {}),
        ...(endTime !== undefined ? { endTime } : {}),
        createTime: previous?.createTime ?? now,
    };
}

/** A configuration as DescribeLiveRecordConfig lists it. */
function described(config: AppRecordConfig): Record<string, unknown> {
    return {
        DomainName: config.domainName,
        AppName: config.appName,
        StreamName: config.streamName ?? "",
        OssEndpoint: config.ossEndpoint,
        OssBucket: config.ossBucket,
        CreateTime: config.createTime,
        ...(config.onDemand !== undefined ? { OnDemond: config.onDemand } : {}),
        ...(config.delayTime !== undefined ? { DelayTime: config.delayTime } : {}),
        ...(config.startTime !== undefined ? { StartTime: config.startTime } : {}),
        ...(config.endTime !== undefined ? { EndTime: config.endTime } : {}),
        RecordFormatList: { RecordFormat: config.recordFormats },
        TranscodeRecordFormatList: { RecordFormat: config.transcodeRecordFormats },
        TranscodeTemplates: { Templates: config.transcodeTemplates },
    };
}

function stored(ctx: ActionContext, id: string): AppRecordConfig | undefined {
    return ctx.store.getOf(APP_RECORD_KIND, ctx.key.accountId, id) as AppRecordConfig | undefined;
}

export function runAppRecordAction(action: AppRecordAction, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
    const now = createTimeOf(ctx);
    switch (action) {
        case "AddLiveAppRecordConfig": {
            const config = configFrom(params, ctx, now);
            // The API page: an existing domain, app and stream answers an error.
            if (stored(ctx, config.id)) throw apiError("ConfigAlreadyExists");
            ctx.store.putOf(APP_RECORD_KIND, config);
            return {};
        }
        case "UpdateLiveAppRecordConfig": {
            const { id } = identityOf(params, ctx);
            const previous = stored(ctx, id);
            if (previous === undefined) throw apiError("InvalidConfig.NotFound");
            ctx.store.putOf(APP_RECORD_KIND, configFrom(params, ctx, now, previous));
            return {};
        }
        case "DescribeLiveRecordConfig": {
            const domainName = domainOf(params, ctx);
            const app = text(params, "AppName");
            const stream = text(params, "StreamName");
            const all = ctx.store.listOf(APP_RECORD_KIND).filter((c) => c.accountId === ctx.key.accountId) as AppRecordConfig[];
            const matching = appsOf(all, domainName, app, ctx).filter((c) => stream === undefined || c.streamName === stream);
            if (matching.length === 0 && ctx.semantics.missingConfig === "404") throw apiError("InvalidConfig.NotFound");
            const { items, counts } = paged(matching, page(params), text(params, "Order"));
            return { LiveAppRecordList: { LiveAppRecord: items.map(described) }, ...counts };
        }
        case "DeleteLiveAppRecordConfig": {
            const { id } = identityOf(params, ctx);
            if (!stored(ctx, id)) throw apiError("InvalidConfig.NotFound");
            ctx.store.deleteOf(APP_RECORD_KIND, ctx.key.accountId, id);
            return {};
        }
    }
}
