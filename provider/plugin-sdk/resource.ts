/**
 * The plugin's classes for TypeScript programs that use the provider plugin
 * (`pulumi-resource-alicloud-live`), one per resource, each made from its definition
 * (resource-class.ts). Same inputs and outputs as the dynamic provider's classes.
 */
import type { ArgsOf } from "../dynamic/resource-types";
import { LIVE_APP_RECORD_CONFIG } from "../resources/live-app-record-config/definition";
import { LIVE_APP_SNAPSHOT_CONFIG } from "../resources/live-app-snapshot-config/definition";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../resources/live-snapshot-notify-config/definition";
import { LIVE_STREAMS_NOTIFY_URL_CONFIG } from "../resources/live-streams-notify-url-config/definition";
import { pluginResourceClass } from "./resource-class";

/** The recording callback configuration of one ApsaraVideo Live domain, through the plugin. */
export class LiveRecordNotifyConfig extends pluginResourceClass(LIVE_RECORD_NOTIFY_CONFIG) {}
export type LiveRecordNotifyConfigArgs = ArgsOf<typeof LIVE_RECORD_NOTIFY_CONFIG>;

/** The snapshot callback configuration of one ApsaraVideo Live domain, through the plugin. */
export class LiveSnapshotNotifyConfig extends pluginResourceClass(LIVE_SNAPSHOT_NOTIFY_CONFIG) {}
export type LiveSnapshotNotifyConfigArgs = ArgsOf<typeof LIVE_SNAPSHOT_NOTIFY_CONFIG>;

/** The recording configuration of one app (or stream) of an ApsaraVideo Live domain, through the plugin. */
export class LiveAppRecordConfig extends pluginResourceClass(LIVE_APP_RECORD_CONFIG) {}
export type LiveAppRecordConfigArgs = ArgsOf<typeof LIVE_APP_RECORD_CONFIG>;

/** The snapshot configuration of one app of an ApsaraVideo Live domain, through the plugin. */
export class LiveAppSnapshotConfig extends pluginResourceClass(LIVE_APP_SNAPSHOT_CONFIG) {}
export type LiveAppSnapshotConfigArgs = ArgsOf<typeof LIVE_APP_SNAPSHOT_CONFIG>;

/** The stream callback configuration of one ApsaraVideo Live ingest domain, through the plugin. */
export class LiveStreamsNotifyUrlConfig extends pluginResourceClass(LIVE_STREAMS_NOTIFY_URL_CONFIG) {}
export type LiveStreamsNotifyUrlConfigArgs = ArgsOf<typeof LIVE_STREAMS_NOTIFY_URL_CONFIG>;
