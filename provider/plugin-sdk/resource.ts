/**
 * The plugin's classes for TypeScript programs that use the provider plugin
 * (`pulumi-resource-alicloud-live`), one per resource, each made from its definition
 * (resource-class.ts). Same inputs and outputs as the dynamic provider's classes.
 */
import type { ArgsOf } from "../dynamic/resource-types";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../resources/live-snapshot-notify-config/definition";
import { pluginResourceClass } from "./resource-class";

/** The recording callback configuration of one ApsaraVideo Live domain, through the plugin. */
export class LiveRecordNotifyConfig extends pluginResourceClass(LIVE_RECORD_NOTIFY_CONFIG) {}
export type LiveRecordNotifyConfigArgs = ArgsOf<typeof LIVE_RECORD_NOTIFY_CONFIG>;

/** The snapshot callback configuration of one ApsaraVideo Live domain, through the plugin. */
export class LiveSnapshotNotifyConfig extends pluginResourceClass(LIVE_SNAPSHOT_NOTIFY_CONFIG) {}
export type LiveSnapshotNotifyConfigArgs = ArgsOf<typeof LIVE_SNAPSHOT_NOTIFY_CONFIG>;
