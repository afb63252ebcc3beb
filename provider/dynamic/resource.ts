/**
 * The dynamic provider's classes, one per resource, each made from its definition
 * (resource-class.ts) with the module Pulumi serializes for it. Their URN types are
 * `pulumi-nodejs:dynamic/alicloud-live:<type>`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { LIVE_APP_RECORD_CONFIG } from "../resources/live-app-record-config/definition";
import { LIVE_APP_SNAPSHOT_CONFIG } from "../resources/live-app-snapshot-config/definition";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../resources/live-snapshot-notify-config/definition";
import { LIVE_STREAMS_NOTIFY_URL_CONFIG } from "../resources/live-streams-notify-url-config/definition";
import { dynamicResourceClass } from "./resource-class";
import type { ArgsOf } from "./resource-types";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- Pulumi serializes the module object it is given; a handler module is that object
const handler = (path: string) => require(path) as pulumi.dynamic.ResourceProvider;

/** The recording callback configuration of one ApsaraVideo Live domain (docs/resource.md). */
export class LiveRecordNotifyConfig extends dynamicResourceClass(LIVE_RECORD_NOTIFY_CONFIG, handler("./handler")) {}
export type LiveRecordNotifyConfigArgs = ArgsOf<typeof LIVE_RECORD_NOTIFY_CONFIG>;

/** The snapshot callback configuration of one ApsaraVideo Live domain (docs/resources/live-snapshot-notify-config.md). */
export class LiveSnapshotNotifyConfig extends dynamicResourceClass(
    LIVE_SNAPSHOT_NOTIFY_CONFIG,
    handler("../resources/live-snapshot-notify-config/handler"),
) {}
export type LiveSnapshotNotifyConfigArgs = ArgsOf<typeof LIVE_SNAPSHOT_NOTIFY_CONFIG>;

/** The recording configuration of one app (or stream) of an ApsaraVideo Live domain (docs/resources/live-app-record-config.md). */
export class LiveAppRecordConfig extends dynamicResourceClass(LIVE_APP_RECORD_CONFIG, handler("../resources/live-app-record-config/handler")) {}
export type LiveAppRecordConfigArgs = ArgsOf<typeof LIVE_APP_RECORD_CONFIG>;

/** The snapshot configuration of one app of an ApsaraVideo Live domain (docs/resources/live-app-snapshot-config.md). */
export class LiveAppSnapshotConfig extends dynamicResourceClass(LIVE_APP_SNAPSHOT_CONFIG, handler("../resources/live-app-snapshot-config/handler")) {}
export type LiveAppSnapshotConfigArgs = ArgsOf<typeof LIVE_APP_SNAPSHOT_CONFIG>;

/** The stream callback configuration of one ApsaraVideo Live ingest domain (docs/resources/live-streams-notify-url-config.md). */
export class LiveStreamsNotifyUrlConfig extends dynamicResourceClass(
    LIVE_STREAMS_NOTIFY_URL_CONFIG,
    handler("../resources/live-streams-notify-url-config/handler"),
) {}
export type LiveStreamsNotifyUrlConfigArgs = ArgsOf<typeof LIVE_STREAMS_NOTIFY_URL_CONFIG>;
