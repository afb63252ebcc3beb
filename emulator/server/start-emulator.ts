/**
 * `startEmulator`: one node:http server that answers the Live API at `/` and the admin API under
 * `/_emulator/` (see routes.ts), and, when `stsPort` is given, a second one on its own port that
 * answers STS `GetCallerIdentity`. It puts the pieces together and owns their lifecycle.
 */
import { createServer } from "node:http";
import { HttpCallbackSender } from "../callbacks/callback-delivery";
import { resolveOptions, type EmulatorOptions } from "../instance/options";
import { EmulatorState } from "../instance/state";
import { handleAdminRequest } from "./admin-endpoint";
import { handleApiRequest } from "./api-pipeline";
import { answerFailure } from "./http-json";
import { listen, Listeners } from "./listeners";
import { routeOf } from "./routes";
import { Sleeps } from "./sleeps";
import { handleStsRequest } from "./sts-endpoint";

export interface RunningEmulator {
    /** "http://127.0.0.1:PORT" */
    readonly url: string;
    /** "127.0.0.1:PORT": what openapi-core's `endpoint` wants. */
    readonly endpoint: string;
    readonly port: number;
    /** The STS listener, when `stsPort` was given. */
    readonly sts?: { readonly url: string; readonly endpoint: string; readonly port: number };
    /** Closes the servers and all sockets; pending injected delays end without applying anything. */
    stop(): Promise<void>;
}

const hostForUrl = (host: string): string => (host.includes(":") ? `[${host}]` : host);

export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
    const resolved = resolveOptions(options);
    const state = new EmulatorState(resolved);
    const callbacks = new HttpCallbackSender(resolved.callbacks, () => state.now());
    const sleeps = new Sleeps();

    const server = createServer((req, res) => {
        const route = routeOf(req.url ?? "/");
        const work = route.to === "admin" ? handleAdminRequest(req, res, route, state, callbacks) : handleApiRequest(req, res, state, sleeps);
        work.catch((error: unknown) => answerFailure(res, "request", error));
    });
    const stsServer =
        resolved.stsPort === undefined
            ? undefined
            : createServer((req, res) => {
                  handleStsRequest(req, res, state).catch((error: unknown) => answerFailure(res, "STS request", error));
              });
    const listeners = new Listeners(stsServer ? [server, stsServer] : [server]);

    const port = await listen(server, resolved.port, resolved.host);
    const endpoint = `${hostForUrl(resolved.host)}:${port}`;
    let sts: RunningEmulator["sts"];
    if (stsServer) {
        try {
            const stsPort = await listen(stsServer, resolved.stsPort!, resolved.host);
            const stsEndpoint = `${hostForUrl(resolved.host)}:${stsPort}`;
            sts = { url: `http://${stsEndpoint}`, endpoint: stsEndpoint, port: stsPort };
        } catch (error) {
            await new Promise((resolve) => server.close(resolve));
            throw error;
        }
    }

    /** Once: requests asleep in an injected delay wake to find the emulator stopped, then the servers and sockets close. */
    const stopAll = (): Promise<void> => {
        sleeps.stop();
        callbacks.stop();
        return listeners.close();
    };
    let stopping: Promise<void> | undefined;
    return {
        url: `http://${endpoint}`,
        endpoint,
        port,
        ...(sts ? { sts } : {}),
        stop(): Promise<void> {
            stopping ??= stopAll();
            return stopping;
        },
    };
}
