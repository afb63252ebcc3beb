/**
 * pulumi-alicloud-live/plugin: the resources through the provider plugin, for TypeScript and
 * JavaScript programs. Same inputs and outputs as the dynamic-provider classes of the package root;
 * also `pulumi import`, the `import` option, `.get()` and `customTimeouts`. See docs/typescript.md.
 */
export { LiveRecordNotifyConfig, LiveSnapshotNotifyConfig } from "./resource";
export type { LiveRecordNotifyConfigArgs, LiveSnapshotNotifyConfigArgs } from "./resource";
export { RESOURCE_TYPE } from "../plugin/tokens";
