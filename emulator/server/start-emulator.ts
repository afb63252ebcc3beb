/**
 * The HTTP plumbing: a node:http server that answers the Live API at `/` and the admin API under
 * `/_emulator/`, and, when `stsPort` is given, a second one on its own port that answers STS
 * `GetCallerIdentity` (a separate service on the real cloud, with its own endpoint).
 *
 * Per API request, in the order the real gateway works: parse -> authenticate -> resolve the signed
 * action and version -> quota -> fault rules -> action validation and semantics. Every answer,
 * success or error, carries a RequestId in the body and in `x-acs-request-id`.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolveAction, runAction, WRITE_ACTIONS, type ActionName } from "../api/actions";
import { ADMIN_PREFIX, handleAdmin } from "../admin/routes";
import { authenticate, claims } from "../wire/authenticate";
import { HttpCallbackSender } from "../callbacks/callback-delivery";
import { ApiError, apiError, errorBody, throttleError } from "../api/errors";
import type { FaultRule } from "../api/faults";
import { resolveOptions, type EmulatorOptions } from "../instance/options";
import type { RequestLogEntry } from "../wire/request-log";
import { handleRecordingsAdmin } from "../admin/recordings-routes";
import { EmulatorState } from "../instance/state";
import { callerIdentity, resolveStsAction } from "../wire/sts";
import { parseWireRequest, requestParams } from "../wire/wire-request";

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

/** Bodies of these actions are empty or a small form; anything bigger is refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = "application/json;charset=utf-8";

type LogFields = Omit<RequestLogEntry, "seq" | "status" | "outcome" | "fault" | "hiddenOutcome">;

/** Reads the body, or `undefined` once it exceeds `limit` (the rest is discarded). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
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

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": JSON_TYPE, "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
}

const hostForUrl = (host: string): string => (host.includes(":") ? `[${host}]` : host);

export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
    const resolved = resolveOptions(options);
    const state = new EmulatorState(resolved);
    const callbacks = new HttpCallbackSender(resolved.callbacks, () => state.now());
    const sleepers = new Map<NodeJS.Timeout, () => void>();
    const sockets = new Set<Socket>();
    let stopped = false;

    /** Resolves after `ms`, or at once when the emulator stops (then `stopped` is true). */
    const sleep = (ms: number): Promise<void> =>
        new Promise((resolve) => {
            const timer = setTimeout(() => {
                sleepers.delete(timer);
                resolve();
            }, ms);
            sleepers.set(timer, resolve);
        });

    function respondError(res: ServerResponse, error: ApiError, requestId: string, headers: Record<string, string> = {}): void {
        sendJson(res, error.status, errorBody(error, requestId), { "x-acs-request-id": requestId, ...headers });
    }

    async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const requestId = randomUUID().toUpperCase();
        const arrivedAt = state.now();
        const body = await readBody(req, MAX_BODY_BYTES);
        const wire = parseWireRequest(req.method ?? "GET", req.url ?? "/", req.headers, body ?? Buffer.alloc(0));
        const claimed = claims(wire);
        const params = requestParams(wire);
        const domainName = params.get("DomainName")?.slice(0, 255);
        const fields: { -readonly [K in keyof LogFields]: LogFields[K] } = {
            time: new Date(arrivedAt).toISOString(),
            action: claimed.action ?? "",
            requestId,
            ...(claimed.accessKeyId !== undefined ? { accessKeyId: claimed.accessKeyId } : {}),
            ...(claimed.signatureVersion !== undefined ? { signatureVersion: claimed.signatureVersion } : {}),
            ...(domainName !== undefined ? { domainName } : {}),
        };
        const log = (status: number, outcome: string, fault?: FaultRule, hiddenOutcome?: string): void => {
            state.log.append({
                ...fields,
                status,
                outcome,
                ...(fault ? { fault: fault.id } : {}),
                ...(hiddenOutcome !== undefined ? { hiddenOutcome } : {}),
            });
        };
        const drop = (fault: FaultRule, hiddenOutcome?: string): void => {
            req.socket.destroy();
            log(0, "dropped", fault, hiddenOutcome);
        };
        let fault: FaultRule | undefined;
        try {
            if (body === undefined) throw apiError("RequestEntityTooLarge");
            if (wire.method !== "GET" && wire.method !== "POST") throw apiError("UnsupportedHTTPMethod");
            const identity = authenticate(wire, {
                keys: state.keys,
                nonces: state.nonces,
                now: arrivedAt,
                maxClockSkewMs: resolved.maxClockSkewSeconds * 1000,
            });
            Object.assign(fields, { accountId: identity.key.accountId, accessKeyId: identity.key.accessKeyId, action: identity.action });
            const action: ActionName = resolveAction(identity.action, identity.version);
            const quota = state.quota.take(identity.key.accountId, action, WRITE_ACTIONS.has(action), arrivedAt);
            if (!quota.allowed) {
                const headers: Record<string, string> = resolved.retryAfterHeader ? { "x-acs-retry-after": String(quota.retryAfterMs) } : {};
                const error = throttleError(resolved.semantics.throttleCode);
                respondError(res, error, requestId, headers);
                log(error.status, error.code);
                return;
            }
            fault = state.faults.match(action, resolved.random);
            if (fault?.latencyMs) {
                await sleep(fault.latencyMs);
                if (stopped) return;
            }
            if (fault?.drop) return drop(fault);
            if (fault?.error) {
                const error = new ApiError(fault.error.code, fault.error.status, fault.error.message);
                respondError(res, error, requestId);
                log(error.status, error.code, fault);
                return;
            }
            const result = runAction(action, params, {
                store: state.store,
                key: identity.key,
                ownsDomain: state.ownsDomain,
                semantics: resolved.semantics,
            });
            if (fault?.ambiguous) return drop(fault, "OK");
            sendJson(res, 200, { RequestId: requestId, ...result }, { "x-acs-request-id": requestId });
            log(200, "OK", fault);
        } catch (thrown) {
            const error = thrown instanceof ApiError ? thrown : apiError("InternalError");
            if (!(thrown instanceof ApiError)) process.emitWarning(`alicloud-live-emulator: internal error: ${String(thrown)}`);
            if (fault?.ambiguous) return drop(fault, error.code);
            respondError(res, error, requestId);
            log(error.status, error.code, fault);
        }
    }

    async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
        const body = await readBody(req, MAX_BODY_BYTES);
        if (body === undefined) return sendJson(res, 413, { error: "the body is too large" });
        const request = { method: req.method ?? "GET", path, search: new URLSearchParams(search), peer: req.socket.remoteAddress, body };
        const answer = (await handleRecordingsAdmin(request, state, callbacks)) ?? handleAdmin(request, state);
        sendJson(res, answer.status, answer.body);
    }

    /** STS: signed like every call, outside the Live quota and request log (another service). */
    async function handleSts(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const requestId = randomUUID().toUpperCase();
        const body = await readBody(req, MAX_BODY_BYTES);
        try {
            if (body === undefined) throw apiError("RequestEntityTooLarge");
            if (req.method !== "GET" && req.method !== "POST") throw apiError("UnsupportedHTTPMethod");
            const wire = parseWireRequest(req.method, req.url ?? "/", req.headers, body);
            const identity = authenticate(wire, {
                keys: state.keys,
                nonces: state.nonces,
                now: state.now(),
                maxClockSkewMs: resolved.maxClockSkewSeconds * 1000,
            });
            resolveStsAction(identity.action, identity.version);
            sendJson(res, 200, { RequestId: requestId, ...callerIdentity(identity.key) }, { "x-acs-request-id": requestId });
        } catch (thrown) {
            const error = thrown instanceof ApiError ? thrown : apiError("InternalError");
            respondError(res, error, requestId);
        }
    }

    const server = createServer((req, res) => {
        const rawUrl = req.url ?? "/";
        const queryAt = rawUrl.indexOf("?");
        const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
        const work =
            path.startsWith(ADMIN_PREFIX) || path === ADMIN_PREFIX.slice(0, -1)
                ? handleAdminRequest(req, res, path.startsWith(ADMIN_PREFIX) ? path : ADMIN_PREFIX, queryAt < 0 ? "" : rawUrl.slice(queryAt + 1))
                : handleApi(req, res);
        work.catch((error: unknown) => {
            process.emitWarning(`alicloud-live-emulator: request failed: ${String(error)}`);
            if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
            else res.destroy();
        });
    });
    const stsServer =
        resolved.stsPort === undefined
            ? undefined
            : createServer((req, res) => {
                  handleSts(req, res).catch((error: unknown) => {
                      process.emitWarning(`alicloud-live-emulator: STS request failed: ${String(error)}`);
                      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
                      else res.destroy();
                  });
              });
    const servers = stsServer ? [server, stsServer] : [server];
    for (const s of servers) {
        s.on("connection", (socket: Socket) => {
            sockets.add(socket);
            socket.on("close", () => sockets.delete(socket));
        });
    }

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

    let stopping: Promise<void> | undefined;
    return {
        url: `http://${endpoint}`,
        endpoint,
        port,
        ...(sts ? { sts } : {}),
        stop(): Promise<void> {
            stopping ??= new Promise<void>((resolve) => {
                stopped = true;
                callbacks.stop();
                for (const [timer, wake] of sleepers) {
                    clearTimeout(timer);
                    wake();
                }
                sleepers.clear();
                let open = servers.length;
                for (const s of servers) s.close(() => --open === 0 && resolve());
                for (const socket of sockets) socket.destroy();
            });
            return stopping;
        },
    };
}

/** Listens on `port` (0: any free one) and returns the port bound. */
function listen(server: Server, port: number, host: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve((server.address() as AddressInfo).port);
        });
    });
}
