/**
 * STS `GetCallerIdentity` on its own listener (a separate service on the real cloud, with its own
 * endpoint): signed like every call, outside the Live quota and request log.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, apiError } from "../api/errors";
import type { EmulatorState } from "../instance/state";
import { authenticate } from "../wire/authenticate";
import { callerIdentity, resolveStsAction } from "../wire/sts";
import { parseWireRequest } from "../wire/wire-request";
import { MAX_BODY_BYTES, readBody, respondError, sendJson } from "./http-json";

export async function handleStsRequest(req: IncomingMessage, res: ServerResponse, state: EmulatorState): Promise<void> {
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
            maxClockSkewMs: state.options.maxClockSkewSeconds * 1000,
        });
        resolveStsAction(identity.action, identity.version);
        sendJson(res, 200, { RequestId: requestId, ...callerIdentity(identity.key) }, { "x-acs-request-id": requestId });
    } catch (thrown) {
        const error = thrown instanceof ApiError ? thrown : apiError("InternalError");
        respondError(res, error, requestId);
    }
}
