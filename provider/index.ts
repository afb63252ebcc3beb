/**
 * pulumi-alicloud-live: the resources (`LiveRecordNotifyConfig`, `LiveSnapshotNotifyConfig`,
 * `LiveAppRecordConfig`, `LiveAppSnapshotConfig`, `LiveStreamsNotifyUrlConfig`) through the dynamic
 * provider, and the Live API client they are built on.
 */
export {
    LiveAppRecordConfig,
    LiveAppSnapshotConfig,
    LiveRecordNotifyConfig,
    LiveSnapshotNotifyConfig,
    LiveStreamsNotifyUrlConfig,
} from "./dynamic/resource";
export type {
    LiveAppRecordConfigArgs,
    LiveAppSnapshotConfigArgs,
    LiveRecordNotifyConfigArgs,
    LiveSnapshotNotifyConfigArgs,
    LiveStreamsNotifyUrlConfigArgs,
} from "./dynamic/resource";
export type { LiveRecordNotifyConfigInputs, LiveRecordNotifyConfigOutputs } from "./client/types";
export { SETTINGS } from "./resource/settings-table";
export type { SettingName, SettingSpec } from "./resource/settings-table";

export { LiveClient } from "./client/live-client";
export type { LiveClientOptions, StaticCredentials } from "./client/live-client";
export { LiveApiError } from "./api/errors";
export type { ErrorKind } from "./api/error-kind";
export { ACTIONS } from "./client/types";
export type { Action, ApiResult, DescribeResult, DomainRequest, LiveRecordNotifyApi, RecordNotifyConfig } from "./client/types";
export { RetryingLiveApi } from "./client/retrying-live-api";

// Callback receivers: verify and parse what Live sends to notifyUrl / onDemandUrl. Also importable
// without Pulumi installed, as "pulumi-alicloud-live/callbacks".
export * from "./callbacks";
