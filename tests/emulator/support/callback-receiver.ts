/**
 * A callback receiver for emulator tests: a loopback HTTP server that records every request and
 * answers as the test tells it (a status, a JSON answer, or no answer at all). Always closed in
 * `afterEach`.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ReceivedRequest {
    readonly method: string;
    readonly url: string;
    readonly headers: IncomingHttpHeaders;
    readonly body: string;
}

/** What to do with request number `n` (1-based): answer with a status and body, or hang. */
export type Behaviour = (request: ReceivedRequest, n: number) => { status: number; body?: unknown } | "hang";

export interface TestReceiver {
    /** "http://127.0.0.1:PORT" */
    readonly origin: string;
    readonly received: ReceivedRequest[];
    behave(behaviour: Behaviour): void;
}

export function receiverFixture(): () => Promise<TestReceiver> {
    const closers: Array<() => Promise<void>> = [];
    afterEach(async () => {
        await Promise.all(closers.splice(0).map((close) => close()));
    });
    return async () => {
        const received: ReceivedRequest[] = [];
        const hanging = new Set<ServerResponse>();
        const sockets = new Set<Socket>();
        let behaviour: Behaviour = () => ({ status: 200, body: { ok: true } });
        const server = createServer((req, res) => {
            let body = "";
            req.on("data", (c: Buffer) => (body += c.toString("utf8")));
            req.on("end", () => {
                const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
                received.push(request);
                const answer = behaviour(request, received.length);
                if (answer === "hang") return void hanging.add(res);
                const text = JSON.stringify(answer.body ?? {});
                res.writeHead(answer.status, { "content-type": "application/json" });
                res.end(text);
            });
        });
        server.on("connection", (s: Socket) => {
            sockets.add(s);
            s.on("close", () => sockets.delete(s));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        closers.push(
            () =>
                new Promise<void>((resolve) => {
                    server.close(() => resolve());
                    for (const s of sockets) s.destroy();
                }),
        );
        return {
            origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            received,
            behave: (b) => void (behaviour = b),
        };
    };
}
