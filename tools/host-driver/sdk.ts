/**
 * The pieces of the Pulumi Node SDK that the engine stand-in needs, loaded from the *project's own*
 * installed `@pulumi/pulumi`. The real engine does the same: its `pulumi-resource-pulumi-nodejs` launcher
 * resolves `@pulumi/pulumi/cmd/dynamic-provider` from the project directory, so the host that runs is
 * the project's SDK, not the CLI's. Loading gRPC and protobuf from that same copy also keeps message
 * classes and channel credentials from one module instance.
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerGrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginPbTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as statusPbTypes from "@pulumi/pulumi/proto/status_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";

export interface PulumiSdk {
    /** The directory of the `@pulumi/pulumi` package that was loaded. */
    readonly root: string;
    readonly version: string;
    /** `@pulumi/pulumi/cmd/dynamic-provider/index.js`: the dynamic-provider host the engine launches. */
    readonly hostScript: string;
    readonly grpc: typeof grpcTypes;
    readonly providerGrpc: typeof providerGrpcTypes;
    readonly providerPb: typeof providerPbTypes;
    readonly pluginPb: typeof pluginPbTypes;
    readonly statusPb: typeof statusPbTypes;
    readonly structPb: typeof structPbTypes;
    readonly emptyPb: typeof emptyPbTypes;
}

const cache = new Map<string, PulumiSdk>();

/**
 * Loads the SDK that `require("@pulumi/pulumi")` would find from `fromDir` (a project directory).
 * Falls back to this package's own copy when the directory has none.
 */
export function loadSdk(fromDir: string = process.cwd()): PulumiSdk {
    const manifest = resolveFrom("@pulumi/pulumi/package.json", fromDir);
    const root = path.dirname(manifest);
    const cached = cache.get(root);
    if (cached) return cached;
    // Files of the SDK by path; its dependencies as the SDK itself would resolve them.
    const file = (relative: string) => require(path.join(root, relative));
    const dependency = (request: string) => require(require.resolve(request, { paths: [root] }));
    const sdk: PulumiSdk = {
        root,
        version: (require(manifest) as { version: string }).version,
        hostScript: path.join(root, "cmd", "dynamic-provider", "index.js"),
        grpc: dependency("@grpc/grpc-js"),
        providerGrpc: file("proto/provider_grpc_pb.js"),
        providerPb: file("proto/provider_pb.js"),
        pluginPb: file("proto/plugin_pb.js"),
        statusPb: file("proto/status_pb.js"),
        structPb: dependency("google-protobuf/google/protobuf/struct_pb"),
        emptyPb: dependency("google-protobuf/google/protobuf/empty_pb"),
    };
    cache.set(root, sdk);
    return sdk;
}

function resolveFrom(request: string, fromDir: string): string {
    try {
        return require.resolve(request, { paths: [fromDir] });
    } catch {
        return require.resolve(request);
    }
}
