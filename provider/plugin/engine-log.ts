/**
 * The plugin's warnings (pacing, the quota store, account discovery), through the engine's Log
 * service. The engine shows a provider plugin's stderr only with `--debug`: it hides it for every
 * plugin but the dynamic providers' own (sdk/go/common/resource/plugin/plugin.go, 3.248), so a warning
 * written there never reaches the user.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

/**
 * Our own @grpc/grpc-js over the SDK's service definition, as the server is. The SDK's generated
 * EngineClient belongs to the SDK's copy of grpc-js, which refuses credentials made by ours whenever
 * the two differ (an SDK installed apart from this package: a linked or pnpm layout).
 */
const EngineClient = grpc.makeGenericClientConstructor(EngineService, "Engine");
interface LogClient {
    log(request: LogRequest, callback: (error: grpc.ServiceError | null) => void): void;
    close(): void;
}

export interface EngineLog {
    /** Sends a warning; if the engine cannot take it, writes it to `fallback` instead. Never throws. */
    readonly warn: (message: string) => void;
    readonly close: () => void;
}

/**
 * The engine's address among the plugin's arguments: the last one. The engine puts its own flags
 * first when asked to (`--logtostderr`, `-v=9`, `--tracing URL`: plugin.go buildPluginArguments).
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
    const last = args.at(-1);
    return last !== undefined && !last.startsWith("-") ? last : undefined;
}

/** The prefix every warning of this provider carries, as the dynamic provider's do. */
const PREFIX = "alicloud-live: ";

export function engineLog(address: string, fallback: (line: string) => void = (line) => void process.stderr.write(line)): EngineLog {
    const client = new EngineClient(address, grpc.credentials.createInsecure()) as unknown as LogClient;
    return {
        warn: (message) => {
            const request = new LogRequest().setSeverity(LogSeverity.WARNING).setMessage(PREFIX + message);
            client.log(request, (error) => {
                if (error) fallback(`warning: ${PREFIX}${message}\n`);
            });
        },
        close: () => client.close(),
    };
}
