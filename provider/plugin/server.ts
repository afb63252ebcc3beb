/**
 * The plugin process's gRPC server, as the engine expects of a resource provider: listen on a free
 * port of 127.0.0.1, write that port as the first line of stdout, serve until the engine ends the
 * process.
 */
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { resourceProviderService, type ServiceDeps } from "./service";

/** Engine messages can be large (a stack's whole provider config); Pulumi's own limit. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

export interface RunningPlugin {
    readonly port: number;
    /** Stops accepting calls and ends the ones in flight. */
    stop(): Promise<void>;
}

export async function startPlugin(deps: ServiceDeps = {}): Promise<RunningPlugin> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_MESSAGE_BYTES, "grpc.max_send_message_length": MAX_MESSAGE_BYTES });
    // Methods left out (Invoke, Call, Construct, ...) answer UNIMPLEMENTED: this provider has none of them.
    server.addService(ResourceProviderService, resourceProviderService(deps));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return {
        port,
        stop: () =>
            new Promise<void>((resolve) => {
                server.tryShutdown(() => resolve());
                // Calls still waiting on the quota would hold a graceful shutdown for minutes.
                setTimeout(() => server.forceShutdown(), 1000).unref();
            }),
    };
}
