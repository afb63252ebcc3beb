/**
 * pulumi-alicloud-live/client: the typed client of the recording-callback actions alone, without
 * Pulumi (docs/client.md).
 */
export { LiveClient } from "./live-client";
export type { LiveClientOptions, StaticCredentials } from "./live-client";
