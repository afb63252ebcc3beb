/**
 * Kept for stacks written by 0.1.x: their serialized `__provider` may load this path by package name
 * (`require("pulumi-alicloud-live/dist/provider/resource/provider.js").provider`), and refresh and
 * destroy run that recorded text. The dynamic provider lives in `../dynamic/provider.ts`.
 */
export { createProvider, provider } from "../dynamic/provider";
export type { LiveRecordNotifyConfigProvider, ProviderDeps } from "../dynamic/provider";
