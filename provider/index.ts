/**
 * pulumi-alicloud-live: the `LiveRecordNotifyConfig` resource, and the Live API client it is built on.
 */
export { LiveRecordNotifyConfig } from "./dynamic/resource";
export type { LiveRecordNotifyConfigArgs } from "./dynamic/resource";
export type { LiveRecordNotifyConfigInputs, LiveRecordNotifyConfigOutputs } from "./resource/inputs";
export { SETTINGS } from "./resource/settings-table";
export type { SettingName, SettingSpec } from "./resource/settings-table";

export { LiveClient } from "./api/client";
export type { LiveClientOptions, StaticCredentials } from "./api/client";
export { LiveApiError } from "./api/errors";
export type { ErrorKind } from "./api/error-kind";
export { ACTIONS } from "./api/types";
export type { Action, ApiResult, DescribeResult, DomainRequest, LiveRecordNotifyApi, RecordNotifyConfig } from "./api/types";
export { RetryingLiveApi } from "./retry/retrying-api";

// Callback receivers: verify and parse what Live sends to notifyUrl / onDemandUrl. Also importable
// without Pulumi installed, as "pulumi-alicloud-live/callbacks".
export * from "./callbacks";
