/**
 * `LiveAppSnapshotConfig`: how often Live takes snapshots of an app's streams and where in OSS it puts
 * them. The API: AddLiveAppSnapshotConfig / UpdateLiveAppSnapshotConfig / DescribeLiveSnapshotConfig (paged)
 * / DeleteLiveAppSnapshotConfig; one configuration per domain and app (the official SDK's models,
 * alibabacloud-live20161101; docs/resources/live-app-snapshot-config.md). Update clears an object name with
 * "-". Data only.
 */
import type { ResourceDefinition } from "../../resource/definition";
import { adoptExistingOption } from "../../resource/options";
import { appNameProperty, domainNameProperty } from "../../resource/shared-properties";

export const LIVE_APP_SNAPSHOT_CONFIG = {
    type: "LiveAppSnapshotConfig",
    title: "snapshot configuration",
    description:
        "The snapshot configuration of one app of an Alibaba Cloud ApsaraVideo Live streaming domain: how often Live takes a " +
        "snapshot of each of the app's streams, and where in OSS it writes them. The service holds at most one per domain and " +
        "app; the id is `domain/app`.",
    docsPage: "docs/resources/live-app-snapshot-config.md",
    properties: [
        domainNameProperty("live.example.com", "The main streaming domain, such as `live.example.com`. Changing it replaces the resource."),
        appNameProperty(),
        {
            name: "timeInterval",
            type: "integer",
            required: true,
            secret: false,
            replaces: false,
            output: true,
            min: 5,
            max: 3600,
            wire: { name: "TimeInterval" },
            description: "Seconds between two snapshots of a stream (5-3600).",
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
            replaces: false,
            output: true,
            rule: "ossBucket",
            wire: { name: "OssBucket" },
            description: "The OSS bucket the snapshots go to (in the live center's region).",
        },
        {
            name: "overwriteOssObject",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "objectName",
            clearWith: "-",
            wire: { name: "OverwriteOssObject" },
            description: "The object each new snapshot overwrites, such as `{AppName}/{StreamName}.jpg`. Removing it clears it.",
        },
        {
            name: "sequenceOssObject",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "sequenceObjectName",
            clearWith: "-",
            wire: { name: "SequenceOssObject" },
            description: "The object name of each snapshot kept in sequence; it must hold `{UnixTimestamp}` or `{Sequence}`. Removing it clears it.",
        },
        {
            name: "callback",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "callbackUrl",
            clearWith: "",
            wire: { name: "Callback" },
            description: "A URL this app's snapshot callbacks go to, besides the domain's snapshot callback configuration.",
        },
        adoptExistingOption("app"),
    ],
    binding: {
        actions: {
            create: { name: "AddLiveAppSnapshotConfig", qps: 30, source: "API page" },
            update: { name: "UpdateLiveAppSnapshotConfig", qps: 30, source: "API page" },
            read: { name: "DescribeLiveSnapshotConfig", qps: 100, source: "API page" },
            delete: { name: "DeleteLiveAppSnapshotConfig", qps: 30, source: "API page" },
        },
        identity: ["domainName", "appName"],
        described: { in: "list", path: "LiveStreamSnapshotConfigList.LiveStreamSnapshotConfig", pageSize: 30 },
        // No page says what an Add on a configured app answers (the emulator's `addExisting` profile covers both readings).
        addOnExisting: "undocumented",
    },
} as const satisfies ResourceDefinition;
