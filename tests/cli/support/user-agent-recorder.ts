/**
 * A loopback HTTP forwarder in front of the emulator that records each request's `User-Agent`: the
 * Alibaba Cloud SDK puts the caller's `Node.js/<process.version>` there, so a test learns which Node
 * the provider plugin process really ran on from the requests it sent.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface UserAgentRecorder {
    readonly url: string;
    /** Every distinct `User-Agent` forwarded so far. */
    readonly agents: Set<string>;
    close(): Promise<void>;
}

export async function startUserAgentRecorder(target: string): Promise<UserAgentRecorder> {
    const to = new URL(target);
    const agents = new Set<string>();
    const server = http.createServer((req, res) => {
        if (req.headers["user-agent"]) agents.add(req.headers["user-agent"]);
        // Headers unchanged: `host` is among the signed headers.
        const forwarded = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
        });
        forwarded.on("error", () => res.destroy());
        req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        agents,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
