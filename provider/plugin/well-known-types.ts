/**
 * Protobuf's well-known types (Empty, Struct, Any) from the google-protobuf that `@pulumi/pulumi`'s
 * generated code loads, not from whichever copy resolves from this package: the generated service checks
 * each response with `instanceof` against its own classes, so an `Empty` from a second copy (an SDK
 * linked from elsewhere, a pnpm layout, or another google-protobuf version installed beside the SDK)
 * fails every Delete with "Error serializing response" and the engine loses the plugin.
 *
 * In the plugin archives' single-script bundle there is no file to resolve: there the bundler has put
 * exactly one google-protobuf, the SDK's (`tools/plugin-archives/bundle.ts` checks), and the plain
 * requires below are that copy.
 */
import { createRequire } from "node:module";
import type * as AnyPb from "google-protobuf/google/protobuf/any_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";

/** Set (to `true`) only in the plugin archives' bundle, by the bundler's `define`; no global of that name exists anywhere else. */
declare const PULUMI_ALICLOUD_LIVE_BUNDLE: boolean | undefined;

interface WellKnownTypes {
    readonly any: typeof AnyPb;
    readonly empty: typeof EmptyPb;
    readonly struct: typeof StructPb;
}

function load(): WellKnownTypes {
    if (typeof PULUMI_ALICLOUD_LIVE_BUNDLE !== "undefined") {
        /* eslint-disable @typescript-eslint/no-require-imports -- literal requires, resolved and inlined by the bundler (see above) */
        return {
            any: require("google-protobuf/google/protobuf/any_pb") as typeof AnyPb,
            empty: require("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb,
            struct: require("google-protobuf/google/protobuf/struct_pb") as typeof StructPb,
        };
        /* eslint-enable @typescript-eslint/no-require-imports */
    }
    /** `require` as seen from the SDK's generated code. */
    const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
    return {
        any: sdkRequire("google-protobuf/google/protobuf/any_pb") as typeof AnyPb,
        empty: sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb,
        struct: sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructPb,
    };
}

const types = load();

export const { Any } = types.any;
export const { Empty } = types.empty;
export const { Struct } = types.struct;
export type Struct = StructPb.Struct;
