/**
 * Protobuf's well-known types (Empty, Struct, Any) from the google-protobuf that `@pulumi/pulumi`'s
 * generated code loads, not from whichever copy resolves from this package: the generated service checks
 * each response with `instanceof` against its own classes, so an `Empty` from a second copy (an SDK
 * linked from elsewhere, a pnpm layout, or another google-protobuf version installed beside the SDK)
 * fails every Delete with "Error serializing response" and the engine loses the plugin.
 */
import { createRequire } from "node:module";
import type * as AnyPb from "google-protobuf/google/protobuf/any_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";

/** `require` as seen from the SDK's generated code. */
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));

export const { Any } = sdkRequire("google-protobuf/google/protobuf/any_pb") as typeof AnyPb;
export const { Empty } = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;
export const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;
export type Struct = StructPb.Struct;
