/**
 * A recording-callback receiver built on this package's verifier: it accepts only callbacks signed
 * with its key for its public hostname, keeps what it accepted, and answers on-demand queries.
 *
 *   NOTIFY_AUTH_KEY=... CALLBACK_HOST=hooks.example.com PORT=8080 node receiver.js
 *
 * Imports only the callbacks entry point, so it runs where Pulumi is not installed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, type RecordingCallback } from "pulumi-alicloud-live/callbacks";

export interface ReceiverOptions {
    /** The hostname of the configured notifyUrl (the signature covers it). */
    readonly callbackHost: string;
    /** The NotifyAuthKey; asked on every request, so a rotated key can be swapped in. */
    readonly key: () => string;
    /** Default 0: any free port. */
    readonly port?: number;
    /** Receives one line per refused request (reason only). */
    readonly log?: (line: string) => void;
}

export interface RunningReceiver {
    /** "http://127.0.0.1:PORT" */
    readonly origin: string;
    /** Every callback it accepted, in order. */
    readonly accepted: RecordingCallback[];
    close(): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
    const accepted: RecordingCallback[] = [];
    const handler = createCallbackHandler({
        host: options.callbackHost,
        key: options.key,
        log: options.log,
        onRecording: (callback) => {
            accepted.push(callback);
        },
        // Record every stream, as MP4 in 10-minute parts.
        onDemand: () => ({ needRecord: true, format: ["mp4"], interval: { Mp4: 600 } }),
    });
    const server: Server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    return {
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        accepted,
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
    void startReceiver({
        callbackHost: process.env.CALLBACK_HOST ?? "hooks.example.com",
        key: () => key,
        port: Number(process.env.PORT ?? 8080),
        log: (line) => console.log(line),
    }).then((r) => console.log(`receiver listening on ${r.origin}`));
}
