/**
 * A request handler for Node's `http` server (and so for Express, Fastify's `raw` mode, Koa's
 * `req`/`res`), built on the pure verifier and parsers: POST = a recording callback, GET = the
 * on-demand query. Refusals answer 4xx with the reason; no key or signature is logged or sent.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { onDemandAnswer, OnDemandAnswerError, type OnDemandAnswerInput } from "./on-demand-answer";
import { parseOnDemandRequest, parseRecordingCallback, type OnDemandRequest, type RecordingCallback } from "./payloads";
import { checkCallbackHost, verifyCallbackSignature, type RefusalReason } from "./signature";

/** Recording callbacks are small JSON objects; anything bigger is refused unread. */
export const MAX_CALLBACK_BODY_BYTES = 64 * 1024;

export type KeySource = string | readonly string[] | (() => string | readonly string[]);

export interface CallbackHandlerOptions {
    /** The hostname of the configured callback URL: the signature covers it, not the `Host` header. */
    readonly host: string;
    /** The NotifyAuthKey(s); a function is asked on every request (so a rotated key takes effect at once). Omit to accept unsigned callbacks. */
    readonly key?: KeySource;
    /** Default 300 s. */
    readonly maxAgeSeconds?: number;
    /** Also require a signature on the on-demand GET (the docs do not say Live signs it); default false. */
    readonly verifyOnDemand?: boolean;
    /** Epoch ms; default Date.now. */
    readonly now?: () => number;
    /** Called for each accepted recording callback; a rejection answers 500 (and Live retries). */
    readonly onRecording?: (callback: RecordingCallback) => void | Promise<void>;
    /** Answers the on-demand query; without it every query answers NeedRecord false. */
    readonly onDemand?: (request: OnDemandRequest) => OnDemandAnswerInput | Promise<OnDemandAnswerInput>;
    /** One line per refused or failed request (reason only); default: silent. */
    readonly log?: (line: string) => void;
}

export type CallbackRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** A refusal as the handler answers it. */
export interface RefusalBody {
    readonly error: RefusalReason | "bad-request" | "method-not-allowed" | "too-large" | "receiver-error";
    readonly message: string;
}

function send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
}

/** The body as a Buffer, or the value a framework already parsed (`req.body`); undefined when too large. */
function readBody(req: IncomingMessage): Promise<unknown> {
    const parsed = (req as { body?: unknown }).body;
    if (parsed !== undefined) return Promise.resolve(parsed);
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_CALLBACK_BODY_BYTES) chunks.push(chunk);
        });
        req.on("end", () => resolve(size > MAX_CALLBACK_BODY_BYTES ? undefined : Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

export function createCallbackHandler(options: CallbackHandlerOptions): CallbackRequestHandler {
    checkCallbackHost(options.host, "createCallbackHandler");
    const log = options.log ?? ((): void => undefined);
    const now = options.now ?? Date.now;

    const refuse = (res: ServerResponse, status: number, body: RefusalBody): void => {
        log(`refused ${status} ${body.error}: ${body.message}`);
        send(res, status, body);
    };
    /** True when the request may go on; otherwise it has been answered. */
    const signatureAccepted = (req: IncomingMessage, res: ServerResponse): boolean => {
        if (options.key === undefined) return true;
        const key = typeof options.key === "function" ? options.key() : options.key;
        const verdict = verifyCallbackSignature({ headers: req.headers, host: options.host, key, now: now(), maxAgeSeconds: options.maxAgeSeconds });
        if (verdict.ok) return true;
        refuse(res, 401, { error: verdict.reason, message: verdict.message });
        return false;
    };

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const method = (req.method ?? "GET").toUpperCase();
        if (method === "GET") {
            if (options.verifyOnDemand && !signatureAccepted(req, res)) return;
            const query = parseOnDemandRequest(new URL(req.url ?? "/", "http://receiver").searchParams);
            if (!query.ok) return refuse(res, 400, { error: "bad-request", message: query.errors.join("; ") });
            const answer = onDemandAnswer(options.onDemand ? await options.onDemand(query.value) : { needRecord: false });
            return send(res, 200, answer);
        }
        if (method !== "POST")
            return refuse(res, 405, {
                error: "method-not-allowed",
                message: `${method} is not a callback (POST: recording callbacks, GET: on-demand queries)`,
            });
        if (!signatureAccepted(req, res)) {
            req.resume();
            return;
        }
        const body = await readBody(req);
        if (body === undefined) return refuse(res, 413, { error: "too-large", message: `the body exceeds ${MAX_CALLBACK_BODY_BYTES} bytes` });
        const callback = parseRecordingCallback(body);
        if (!callback.ok) return refuse(res, 400, { error: "bad-request", message: callback.errors.join("; ") });
        await options.onRecording?.(callback.value);
        send(res, 200, { ok: true });
    }

    return (req, res) => {
        handle(req, res).catch((error: unknown) => {
            // The receiver's own failure: its message stays in the log, the caller learns only the kind.
            const detail = error instanceof OnDemandAnswerError ? error.message : error instanceof Error ? error.name : "error";
            refuse(res, 500, { error: "receiver-error", message: `the receiver failed (${detail})` });
        });
    };
}
