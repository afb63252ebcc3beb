/**
 * `LiveAppRecordConfig`: which streams of a domain Live records into OSS, in which formats and under which
 * names. The API: AddLiveAppRecordConfig / UpdateLiveAppRecordConfig / DescribeLiveRecordConfig (paged) /
 * DeleteLiveAppRecordConfig; one configuration per domain, app and optional stream (the official SDK's
 * models, alibabacloud-live20161101; docs/resources/live-app-record-config.md). Update has no OssBucket and
 * no object prefixes: changing those replaces. Data only.
 */
import type { PropertySpec, ResourceDefinition } from "../../resource/definition";
import { adoptExistingOption } from "../../resource/options";
import { appNameProperty, domainNameProperty } from "../../resource/shared-properties";

/** One recording format, as both lists take it (RecordFormat and TranscodeRecordFormat share their fields). */
function recordFormat(name: "RecordFormat" | "TranscodeRecordFormat", of: string) {
    return {
        name,
        type: "object",
        required: true,
        secret: false,
        replaces: false,
        output: true,
        description: `A recording format of ${of}: the format, the recordings' and segments' object names in OSS, and the durations.`,
        properties: [
            {
                name: "format",
                type: "string",
                required: true,
                secret: false,
                // Another format in an item is another format: its object names could not be sent by Update.
                replaces: true,
                output: true,
                oneOf: ["m3u8", "flv", "mp4", "cmaf"],
                wire: { name: "Format" },
                description: "The format: `m3u8`, `flv`, `mp4` or `cmaf`. A change replaces the resource.",
            },
            {
                name: "ossObjectPrefix",
                type: "string",
                required: false,
                secret: false,
                replaces: false,
                output: true,
                rule: "recordObjectName",
                notOnUpdate: true,
                wire: { name: "OssObjectPrefix" },
                description:
                    "The recordings' object name in OSS, with `{AppName}`, `{StreamName}`, `{Sequence}` and the times; Update cannot change it (a change replaces).",
            },
            {
                name: "sliceOssObjectPrefix",
                type: "string",
                required: false,
                secret: false,
                replaces: false,
                output: true,
                rule: "sliceObjectName",
                notOnUpdate: true,
                requiredWhen: { property: "format", equals: ["m3u8", "cmaf"] },
                wire: { name: "SliceOssObjectPrefix" },
                description: "The segments' object name (m3u8 and cmaf); Update cannot change it (a change replaces).",
            },
            {
                name: "cycleDuration",
                type: "integer",
                required: false,
                defaultValue: 21600,
                secret: false,
                replaces: false,
                output: true,
                min: 15,
                max: 21600,
                wire: { name: "CycleDuration" },
                description: "The recording cycle in seconds: a new recording starts after it. Default 6 hours.",
            },
            {
                name: "sliceDuration",
                type: "integer",
                required: false,
                defaultValue: 30,
                secret: false,
                replaces: false,
                output: true,
                min: 5,
                max: 30,
                wire: { name: "SliceDuration" },
                description: "A segment's duration in seconds (m3u8 and cmaf). Default 30.",
            },
        ],
    } as const satisfies PropertySpec;
}

export const LIVE_APP_RECORD_CONFIG = {
    type: "LiveAppRecordConfig",
    title: "recording configuration",
    description:
        "The recording configuration of one app of an Alibaba Cloud ApsaraVideo Live streaming domain (or of one stream of it): " +
        "Live records the app's streams into an OSS bucket, in the formats given. Without one, nothing is recorded and no " +
        "recording callback is sent. The service holds at most one per domain, app and stream; the id is `domain/app` or " +
        "`domain/app/stream`.",
    docsPage: "docs/resources/live-app-record-config.md",
    properties: [
        domainNameProperty("live.example.com", "The main streaming domain, such as `live.example.com`. Changing it replaces the resource."),
        appNameProperty(),
        {
            name: "streamName",
            type: "string",
            required: false,
            secret: false,
            replaces: true,
            output: true,
            rule: "streamName",
            example: "stream",
            wire: { name: "StreamName" },
            description: "One stream of the app, for a stream-level configuration; absent, the whole app. Changing it replaces the resource.",
        },
        {
            name: "ossEndpoint",
            type: "string",
            required: true,
            secret: false,
            replaces: false,
            output: true,
            rule: "hostName",
            wire: { name: "OssEndpoint" },
            description: "The OSS bucket's endpoint, such as `oss-cn-shanghai.aliyuncs.com`.",
        },
        {
            name: "ossBucket",
            type: "string",
            required: true,
            secret: false,
            replaces: true,
            output: true,
            rule: "ossBucket",
            notOnUpdate: true,
            wire: { name: "OssBucket" },
            description: "The OSS bucket the recordings go to. Update cannot change it: changing it replaces the resource.",
        },
        {
            name: "recordFormats",
            type: "list",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            items: recordFormat("RecordFormat", "the original stream"),
            wire: { name: "RecordFormat", describedAs: "RecordFormatList.RecordFormat" },
            description:
                "The formats the original stream is recorded in. A format added or removed, or an object name changed, replaces the resource " +
                "(Update cannot send object names); a duration changes in place.",
        },
        {
            name: "transcodeRecordFormats",
            type: "list",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            items: recordFormat("TranscodeRecordFormat", "the transcoded streams"),
            wire: { name: "TranscodeRecordFormat", describedAs: "TranscodeRecordFormatList.RecordFormat" },
            description: "The formats the transcoded streams are recorded in; as `recordFormats`.",
        },
        {
            name: "transcodeTemplates",
            type: "list",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            items: {
                name: "transcodeTemplate",
                type: "string",
                required: true,
                secret: false,
                replaces: false,
                output: true,
                description: "A transcoding template.",
            },
            wire: { name: "TranscodeTemplates", describedAs: "TranscodeTemplates.Templates" },
            description: "The transcoding templates whose streams are recorded.",
        },
        {
            name: "onDemand",
            type: "integer",
            required: false,
            defaultValue: 0,
            secret: false,
            replaces: false,
            output: true,
            oneOf: [0, 1, 2, 7],
            // The request spells it OnDemand, Describe's answer OnDemond.
            wire: { name: "OnDemand", describedAs: "OnDemond" },
            description:
                "On-demand recording: `0` off, `1` asked for by an HTTP callback (the record-notify configuration's `onDemandUrl`), " +
                "`2` by the ingest URL's parameters, `7` started and stopped by RealTimeRecordCommand.",
        },
        {
            name: "delayTime",
            type: "integer",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            min: 15,
            max: 21600,
            wire: { name: "DelayTime" },
            description: "How long, in seconds, an interrupted stream goes on in the same recording (15-21600).",
        },
        {
            name: "startTime",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "utcTime",
            wire: { name: "StartTime" },
            description: "When recording starts, in UTC (a stream-level configuration only; at most 7 days before `endTime`).",
        },
        {
            name: "endTime",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "utcTime",
            wire: { name: "EndTime" },
            description: "When recording ends, in UTC (a stream-level configuration only).",
        },
        adoptExistingOption("app"),
    ],
    rules: [{ atLeastOneOf: ["recordFormats", "transcodeRecordFormats"] }, { given: ["startTime", "endTime"], needs: "streamName" }],
    binding: {
        actions: {
            create: { name: "AddLiveAppRecordConfig", qps: 30, source: "API page" },
            update: { name: "UpdateLiveAppRecordConfig", qps: 30, source: "API page" },
            read: { name: "DescribeLiveRecordConfig", qps: 100, source: "API page" },
            delete: { name: "DeleteLiveAppRecordConfig", qps: 50, source: "API page (older)" },
        },
        identity: ["domainName", "appName", "streamName"],
        described: { in: "list", path: "LiveAppRecordList.LiveAppRecord", pageSize: 30 },
        // AddLiveAppRecordConfig's page: an existing domain, app and stream answers an error.
        addOnExisting: "refused",
    },
} as const satisfies ResourceDefinition;
