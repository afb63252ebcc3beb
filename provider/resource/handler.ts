/**
 * Kept for stacks written by 0.1.x: their serialized `__provider` is
 * `require("pulumi-alicloud-live/dist/provider/resource/handler.js")`, and refresh and destroy run
 * that recorded text. The handler lives in `../dynamic/handler.ts`.
 */
export * from "../dynamic/handler";
