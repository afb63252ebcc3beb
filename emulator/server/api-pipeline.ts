/**
 * One Live API request, in the order the real gateway works: parse -> authenticate -> resolve the
 * signed action and version -> quota -> fault rules -> action validation and semantics. Every
 * answer, success or error, carries a RequestId in the body and in `x-acs-request-id`, and every
 * request lands in the request log.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { documentedQps, resolveAction, runAction, WRITE_ACTIONS, type ActionName } from "../api/actions";
import { ApiError, apiError, throttleError } from "../api/errors";
import type { FaultRule } from "../api/faults";
import type { EmulatorState } from "../instance/state";
import { authenticate, claims } from "../wire/authenticate";
import type { RequestLogEntry } from "../wire/request-log";
import { parseWireRequest, requestParams } from "../wire/wire-request";
import { MAX_BODY_BYTES, readBody, respondError, sendJson } from "./http-json";
import type { Sleeps } from "./sleeps";

type LogFields = Omit<RequestLogEntry, "seq" | "status" | "outcome" | "fault" | "hiddenOutcome">;

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, state: EmulatorState, sleeps: Sleeps): Promise<void> {
    const resolved = state.options;
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
        const quota = state.quota.take(identity.key.accountId, action, WRITE_ACTIONS.has(action), arrivedAt, documentedQps(action));
        if (!quota.allowed) {
            const headers: Record<string, string> = resolved.retryAfterHeader ? { "x-acs-retry-after": String(quota.retryAfterMs) } : {};
            const error = throttleError(resolved.semantics.throttleCode);
            respondError(res, error, requestId, headers);
            log(error.status, error.code);
            return;
        }
        fault = state.faults.match(action, resolved.random);
        if (fault?.latencyMs) {
            await sleeps.sleep(fault.latencyMs);
            if (sleeps.stopped) return;
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
            now: arrivedAt,
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
