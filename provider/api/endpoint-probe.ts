/**
 * Whether an endpoint can be reached at all: its name resolves and something accepts a TCP connection
 * at its port. No request is sent, nothing is signed. Knows nothing of Pulumi.
 *
 * The signed client connects directly (openapi-core's transport reads no proxy settings), so a name
 * this machine cannot resolve, or a port that refuses, is exactly what its calls would meet.
 */
import { connect } from "node:net";
import { parseEndpoint } from "./endpoint";

/** How long a probe waits for a connection: the client's own connect timeout. */
const PROBE_TIMEOUT_MS = 5_000;

export type ProbeOutcome =
    | { readonly reachable: true; readonly host: string }
    | {
          readonly reachable: false;
          /** `host[:port]` as the endpoint names it. */
          readonly host: string;
          /** Node's error code (`ENOTFOUND`, `ECONNREFUSED`, `EAI_AGAIN` ...), or `ETIMEDOUT` when nothing answered in time. */
          readonly code: string;
          /** Node's words, e.g. `getaddrinfo ENOTFOUND live.example.invalid`. */
          readonly words: string;
      };

/** Resolves and connects to `endpoint` (`host`, `https://host[:port]`, `http://loopback[:port]`); never rejects. */
export function probeEndpoint(endpoint: string, timeoutMs: number = PROBE_TIMEOUT_MS): Promise<ProbeOutcome> {
    const { host, protocol } = parseEndpoint(endpoint);
    const url = new URL(`${protocol}://${host}`);
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const port = url.port === "" ? (protocol === "https" ? 443 : 80) : Number(url.port);
    return new Promise((resolve) => {
        const socket = connect({ host: hostname, port });
        let settled = false;
        const done = (outcome: ProbeOutcome) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            socket.destroy();
            resolve(outcome);
        };
        const timer = setTimeout(
            () => done({ reachable: false, host, code: "ETIMEDOUT", words: `no connection to ${host} within ${timeoutMs / 1000} s` }),
            timeoutMs,
        );
        socket.once("connect", () => done({ reachable: true, host }));
        socket.once("error", (error: NodeJS.ErrnoException) =>
            done({ reachable: false, host, code: typeof error.code === "string" ? error.code : "ERROR", words: error.message }),
        );
    });
}
