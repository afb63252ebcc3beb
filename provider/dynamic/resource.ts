/**
 * The dynamic provider's classes, one per resource, each made from its definition
 * (resource-class.ts) with the module Pulumi serializes for it. Their URN types are
 * `pulumi-nodejs:dynamic/alicloud-live:<type>`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../resources/live-snapshot-notify-config/definition";
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
