/**
 * The plugin's warnings (pacing, the quota store, account discovery), through the engine's Log
 * service. The engine shows a provider plugin's stderr only with `--debug`: it hides it for every
 * plugin but the dynamic providers' own (sdk/go/common/resource/plugin/plugin.go, 3.248), so a warning
 * written there never reaches the user.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

export interface EngineLog {
    /** Sends a warning; if the engine cannot take it, writes it to `fallback` instead. Never throws. */
    warn(message: string): void;
    close(): void;
}

/** The prefix every warning of this provider carries, as the dynamic provider's do. */
const PREFIX = "alicloud-live: ";

export function engineLog(address: string, fallback: (line: string) => void = (line) => void process.stderr.write(line)): EngineLog {
    const client = new EngineClient(address, grpc.credentials.createInsecure());
    return {
        warn(message) {
            const request = new LogRequest().setSeverity(LogSeverity.WARNING).setMessage(PREFIX + message);
            client.log(request, (error) => {
                if (error) fallback(`warning: ${PREFIX}${message}\n`);
            });
        },
        close: () => client.close(),
    };
}
