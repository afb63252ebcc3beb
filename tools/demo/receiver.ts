/**
 * The demo's callback receiver, on loopback: the emulator delivers the recording chain's callbacks here
 * (a delivery override for the callback URLs' host), and it checks each signature with the key the demo
 * deployed, answers the on-demand query "record, as MP4", and keeps what it accepted.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, type RecordingCallback } from "../../provider/callbacks";

export interface DemoReceiver {
    /** "http://127.0.0.1:PORT" */
    readonly origin: string;
    /** The recording callbacks it accepted, in order. */
    readonly accepted: RecordingCallback[];
    /** The refusals (reason only), in order. */
    readonly refused: string[];
    close(): Promise<void>;
}

export async function startDemoReceiver(callbackHost: string, key: () => string): Promise<DemoReceiver> {
    const accepted: RecordingCallback[] = [];
    const refused: string[] = [];
    const handler = createCallbackHandler({
        host: callbackHost,
        key,
        log: (line) => refused.push(line),
        onRecording: (callback) => {
            accepted.push(callback);
        },
        onDemand: () => ({ needRecord: true, format: ["mp4"] }),
    });
    const server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    return {
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        accepted,
        refused,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
