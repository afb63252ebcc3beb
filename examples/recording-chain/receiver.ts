/**
 * The receiver of the recording chain (index.ts): recording callbacks at `/record`, signed with its key
 * for its public hostname, and the on-demand query at `/on-demand`, answered "record as MP4". Any other
 * path answers 404. Keeps what it accepted.
 *
 *   NOTIFY_AUTH_KEY=... CALLBACK_HOST=hooks.example.com PORT=8080 node receiver.js
 *
 * Imports only the callbacks entry point, so it runs where Pulumi is not installed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, type OnDemandRequest, type RecordingCallback } from "pulumi-alicloud-live/callbacks";

export interface ChainReceiverOptions {
    /** The hostname of the configured callback URLs (the signature covers it). */
    readonly callbackHost: string;
    /** The notifyAuthKey. */
    readonly key: string;
    /** Default 0: any free port. */
    readonly port?: number;
    /** Receives one line per refused request (reason only). */
    readonly log?: (line: string) => void;
}

export interface RunningChainReceiver {
    /** "http://127.0.0.1:PORT" */
    readonly origin: string;
    /** Every recording callback it accepted, in order. */
    readonly accepted: RecordingCallback[];
    /** Every on-demand query it answered, in order. */
    readonly asked: OnDemandRequest[];
    close(): Promise<void>;
}

export async function startChainReceiver(options: ChainReceiverOptions): Promise<RunningChainReceiver> {
    const accepted: RecordingCallback[] = [];
    const asked: OnDemandRequest[] = [];
    const handler = createCallbackHandler({
        host: options.callbackHost,
        key: options.key,
        log: options.log,
        onRecording: (callback) => {
            accepted.push(callback);
        },
        onDemand: (request) => {
            asked.push(request);
            return { needRecord: true, format: ["mp4"] };
        },
    });
    const server: Server = createServer((req, res) => {
        const path = new URL(req.url ?? "/", "http://receiver").pathname;
        if ((path.endsWith("/record") && req.method === "POST") || (path.endsWith("/on-demand") && req.method === "GET")) return handler(req, res);
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: `nothing is received at ${req.method} ${path}` }));
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    return {
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        accepted,
        asked,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

if (require.main === module) {
    const key = process.env.NOTIFY_AUTH_KEY;
    if (!key) {
        console.error("set NOTIFY_AUTH_KEY (and CALLBACK_HOST, PORT)");
        process.exit(2);
    }
    void startChainReceiver({
        callbackHost: process.env.CALLBACK_HOST ?? "hooks.example.com",
        key,
        port: Number(process.env.PORT ?? 8080),
        log: (line) => console.log(line),
    }).then((r) => console.log(`receiver listening on ${r.origin}`));
}
