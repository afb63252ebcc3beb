/**
 * pulumi-alicloud-live/plugin: the `LiveRecordNotifyConfig` resource through the provider plugin, for
 * TypeScript and JavaScript programs. Same inputs and outputs as the dynamic-provider class of the
 * package root; also `pulumi import`, the `import` option, `.get()` and `customTimeouts`. See
 * docs/typescript.md.
 */
export { LiveRecordNotifyConfig } from "./resource";
export type { LiveRecordNotifyConfigArgs } from "./resource";
export { RESOURCE_TYPE } from "../plugin/tokens";
