/**
 * pulumi-alicloud-live/plugin: the resources through the provider plugin, for TypeScript and
 * JavaScript programs. Same inputs and outputs as the dynamic-provider classes of the package root;
 * also `pulumi import`, the `import` option, `.get()` and `customTimeouts`. See docs/typescript.md.
 */
export { LiveAppRecordConfig, LiveAppSnapshotConfig, LiveRecordNotifyConfig, LiveSnapshotNotifyConfig, LiveStreamsNotifyUrlConfig } from "./resource";
export type {
    LiveAppRecordConfigArgs,
    LiveAppSnapshotConfigArgs,
    LiveRecordNotifyConfigArgs,
    LiveSnapshotNotifyConfigArgs,
    LiveStreamsNotifyUrlConfigArgs,
} from "./resource";
export { RESOURCE_TYPE } from "../plugin/tokens";
