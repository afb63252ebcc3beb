/**
 * A plain HTTP client for requests the official core would never send (tampered, replayed,
 * GET, form bodies), and a capture server that records exactly what the core sends.
 */
import { request as httpRequest, createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RawRequest {
    readonly method: string;
    /** Path and query, e.g. "/?DomainName=a.example.com". */
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: Buffer | string;
}

export interface RawResponse {
    readonly status: number;
    readonly headers: IncomingHttpHeaders;
    readonly text: string;
    readonly json: any;
}

/** Sends one request on a fresh connection to 127.0.0.1:port. Header names are sent as given. */
export function sendRaw(port: number, req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
        const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
        const headers: Record<string, string> = { ...req.headers };
        if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) headers["content-length"] = String(body.length);
        const r = httpRequest({ host: "127.0.0.1", port, method: req.method, path: req.url, headers, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
                const text = Buffer.concat(chunks).toString("utf8");
                let json: unknown;
                try {
                    json = JSON.parse(text);
                } catch {
                    json = undefined;
                }
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
            });
            res.on("error", reject);
        });
        r.on("error", reject);
        r.end(body);
    });
}

/**
 * Runs `send` against a throw-away server that answers `{"RequestId":"CAPTURED"}` and returns the
 * first request it received, byte for byte (headers lower-cased by Node).
 */
export async function captureRequest(send: (endpoint: string) => Promise<unknown>): Promise<RawRequest> {
    let captured: RawRequest | undefined;
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(req.headers)) {
                if (name === "connection" || name === "content-length") continue;
                headers[name] = Array.isArray(value) ? value.join(",") : String(value);
            }
            captured ??= { method: req.method ?? "GET", url: req.url ?? "/", headers, body: Buffer.concat(chunks) };
            res.writeHead(200, { "content-type": "application/json" });
            res.end('{"RequestId":"CAPTURED"}');
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
        await send(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (!captured) throw new Error("the client sent nothing");
    return captured;
}

/** Replaces the last character with a different one: the smallest possible tampering. */
export function tamper(value: string): string {
    const last = value.at(-1)!;
    const replacement = last === "1" ? "2" : /\d/.test(last) ? "1" : last === "a" ? "b" : "a";
    return value.slice(0, -1) + replacement;
}
