/**
 * The HTTP exchange every route shares: a request body read up to a limit, and JSON answers (the
 * service's error body with its RequestId, and the 500 of a handler that failed unexpectedly).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, type ApiError } from "../api/errors";

/** Bodies of these actions are empty or a small form; anything bigger is refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = "application/json;charset=utf-8";

/** Reads the body, or `undefined` once it exceeds `limit` (the rest is discarded). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let tooLarge = false;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) tooLarge = true;
            else chunks.push(chunk);
        });
        req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": JSON_TYPE, "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
}

/** The service's error answer: its JSON body, with the RequestId in `x-acs-request-id` too. */
export function respondError(res: ServerResponse, error: ApiError, requestId: string, headers: Record<string, string> = {}): void {
    sendJson(res, error.status, errorBody(error, requestId), { "x-acs-request-id": requestId, ...headers });
}

/** A handler that threw: a warning naming `what`, then a 500 if nothing was sent yet, else the connection is cut. */
export function answerFailure(res: ServerResponse, what: string, error: unknown): void {
    process.emitWarning(`alicloud-live-emulator: ${what} failed: ${String(error)}`);
    if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
    else res.destroy();
}
