/**
 * Sends one callback as Live does: the request (signed when a key is given, afresh for every
 * attempt since the timestamp is the send time), a deadline for the answer, and retries 1 s apart
 * when none comes. Every attempt is recorded; the key never is. Stopping the emulator cancels
 * what is in flight.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { callbackAuthHeaders } from "./callback-signature";
import type { ResolvedCallbackOptions } from "./callback-options";
import { resolveDelivery } from "./delivery-routes";
import { isUnsafeHost } from "../api/url-safety";

export type CallbackKind = "on_demand" | "record_started" | "record_paused" | "record_resumed" | "file_generated";

export interface CallbackRequest {
    readonly kind: CallbackKind;
    readonly method: "GET" | "POST";
    /** The configured URL (for GET, with the query). */
    readonly url: string;
    /** The JSON body of a POST. */
    readonly body?: unknown;
    /** Sign with this NotifyAuthKey; unsigned when absent. */
    readonly notifyAuthKey?: string;
}

export interface DeliveryAttempt {
    /** 1 for the first try. */
    readonly n: number;
    readonly at: string;
    /** The ALI-LIVE-TIMESTAMP sent, when signed. */
    readonly timestamp?: string;
    readonly status?: number;
    /** "timeout after 5000 ms", "ECONNREFUSED", ... when no answer came. */
    readonly error?: string;
    readonly elapsedMs: number;
}

export type DeliveryOutcome = "delivered" | "failed" | "refused" | "cancelled";

export interface DeliveryRecord {
    readonly kind: CallbackKind;
    readonly method: "GET" | "POST";
    readonly url: string;
    /** The origin actually connected to, when a delivery override applied. */
    readonly deliveredTo?: string;
    readonly signed: boolean;
    readonly body?: unknown;
    readonly outcome: DeliveryOutcome;
    /** Why it was refused or failed. */
    readonly reason?: string;
    readonly attempts: readonly DeliveryAttempt[];
}

export interface DeliveryResult {
    readonly record: DeliveryRecord;
    /** The answer's body, when delivered (the on-demand answer is read from it). */
    readonly responseBody?: string;
}

/** What the recording simulation needs: one callback in, its record out. */
export interface CallbackSender {
    send(request: CallbackRequest): Promise<DeliveryResult>;
}

/** An answer is read up to this size; on-demand answers are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;

type AttemptResult = { readonly status: number; readonly body: string } | { readonly error: string };

export class HttpCallbackSender implements CallbackSender {
    private readonly cancel = new AbortController();

    constructor(
        private readonly options: ResolvedCallbackOptions,
        private readonly now: () => number,
    ) {}

    /** Cancels every delivery in flight or waiting to retry; later sends are cancelled at once. */
    stop(): void {
        this.cancel.abort();
    }

    async send(request: CallbackRequest): Promise<DeliveryResult> {
        const url = new URL(request.url);
        const target = resolveDelivery(url, this.options.routes);
        const base = {
            kind: request.kind,
            method: request.method,
            url: request.url,
            ...(target.rerouted ? { deliveredTo: target.connectTo.origin } : {}),
            signed: request.notifyAuthKey !== undefined,
            ...(request.body !== undefined ? { body: request.body } : {}),
        };
        const attempts: DeliveryAttempt[] = [];
        const done = (outcome: DeliveryOutcome, reason?: string, responseBody?: string): DeliveryResult => ({
            record: { ...base, outcome, ...(reason !== undefined ? { reason } : {}), attempts },
            ...(responseBody !== undefined ? { responseBody } : {}),
        });
        // The service refuses to call its own network; an override is the operator's explicit choice.
        if (!target.rerouted && isUnsafeHost(url.hostname)) return done("refused", `${url.hostname} is a loopback, private or metadata address`);

        const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
        for (let n = 1; n <= 1 + this.options.retries; n++) {
            if (n > 1) await this.pause(this.options.retryIntervalMs);
            if (this.cancel.signal.aborted) return done("cancelled", "the emulator stopped");
            const sentAt = this.now();
            const auth = request.notifyAuthKey === undefined ? {} : callbackAuthHeaders(url, sentAt, request.notifyAuthKey);
            const started = performance.now();
            const result = await this.attempt(target.connectTo, request.method, { host: target.hostHeader, ...auth }, payload);
            attempts.push({
                n,
                at: new Date(sentAt).toISOString(),
                ...(auth["ALI-LIVE-TIMESTAMP"] !== undefined ? { timestamp: auth["ALI-LIVE-TIMESTAMP"] } : {}),
                ...("status" in result ? { status: result.status } : { error: result.error }),
                elapsedMs: Math.round(performance.now() - started),
            });
            if ("status" in result && result.status >= 200 && result.status < 300) return done("delivered", undefined, result.body);
        }
        if (this.cancel.signal.aborted) return done("cancelled", "the emulator stopped");
        return done("failed", `no 2xx answer in ${attempts.length} attempt(s)`);
    }

    private pause(ms: number): Promise<void> {
        const signal = this.cancel.signal;
        return new Promise((resolve) => {
            if (signal.aborted) return resolve();
            const finish = (): void => {
                clearTimeout(timer);
                signal.removeEventListener("abort", finish);
                resolve();
            };
            const timer = setTimeout(finish, ms);
            signal.addEventListener("abort", finish, { once: true });
        });
    }

    private attempt(connectTo: URL, method: string, headers: Record<string, string>, payload: string | undefined): Promise<AttemptResult> {
        return new Promise((resolve) => {
            const send = connectTo.protocol === "https:" ? httpsRequest : httpRequest;
            let settled = false;
            const settle = (result: AttemptResult): void => {
                if (settled) return;
                settled = true;
                clearTimeout(deadline);
                this.cancel.signal.removeEventListener("abort", onAbort);
                resolve(result);
            };
            const req = send(connectTo, {
                method,
                headers: {
                    ...headers,
                    "user-agent": "alicloud-live-emulator",
                    ...(payload !== undefined ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}),
                },
            });
            // The whole answer, not just its first byte, must come within the timeout.
            const deadline = setTimeout(() => {
                settle({ error: `timeout after ${this.options.timeoutMs} ms` });
                req.destroy();
            }, this.options.timeoutMs);
            const onAbort = (): void => {
                settle({ error: "cancelled" });
                req.destroy();
            };
            this.cancel.signal.addEventListener("abort", onAbort, { once: true });
            req.on("error", (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
            req.on("response", (res: IncomingMessage) => {
                const chunks: Buffer[] = [];
                let size = 0;
                res.on("data", (chunk: Buffer) => {
                    size += chunk.length;
                    if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
                });
                res.on("end", () => settle({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
                res.on("error", (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
            });
            req.end(payload);
        });
    }
}
