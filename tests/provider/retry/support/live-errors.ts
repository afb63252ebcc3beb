/**
 * Real `LiveApiError`s, made by `toLiveApiError` from objects shaped like what
 * `@alicloud/openapi-core` 1.0.8 and Node throw (research/verified.md, alicloud-live-api.md §2.4).
 */
import { toLiveApiError, type LiveApiError } from "../../../../provider/api/errors";
import type { Action } from "../../../../provider/client/types";

let counter = 0;
const nextRequestId = () => `REQ-${++counter}`;

export function throttled(action: Action, extra: { retryAfter?: number; requestId?: string } = {}): LiveApiError {
    const requestId = extra.requestId ?? nextRequestId();
    return toLiveApiError(
        {
            name: "ThrottlingError",
            code: "Throttling.User",
            statusCode: 400,
            requestId,
            retryAfter: extra.retryAfter,
            message: `Throttling.User: code: 400, Request was denied due to user flow control. request id: ${requestId}`,
            data: { RequestId: requestId, Code: "Throttling.User", Message: "Request was denied due to user flow control.", statusCode: 400 },
        },
        action,
    );
}

export function connectionReset(action: Action): LiveApiError {
    return toLiveApiError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), action);
}

export function connectionRefused(action: Action): LiveApiError {
    return toLiveApiError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }), action);
}

/** What Node and the HTTP layer throw for a name the DNS says does not exist (the layer glues its suffix on). */
export function hostNotFound(action: Action, host: string): LiveApiError {
    return toLiveApiError(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}POST https://${host}/?Action=x failed.`), { code: "ENOTFOUND", hostname: host }),
        action,
        { host },
    );
}

export function serviceUnavailable(action: Action): LiveApiError {
    const requestId = nextRequestId();
    return toLiveApiError(
        {
            name: "ServerError",
            code: "ServiceUnavailable",
            statusCode: 503,
            requestId,
            data: { RequestId: requestId, Message: "The request has failed due to a temporary failure of the server." },
        },
        action,
    );
}

function clientError(action: Action, code: string, statusCode: number, message: string): LiveApiError {
    const requestId = nextRequestId();
    return toLiveApiError(
        {
            name: "ClientError",
            code,
            statusCode,
            requestId,
            data: { RequestId: requestId, Code: code, Message: message, statusCode },
        },
        action,
    );
}

export const alreadyExists = (action: Action = "AddLiveRecordNotifyConfig") =>
    clientError(action, "ConfigAlreadyExists", 400, "Config has already exist.");
export const notFound = (action: Action) => clientError(action, "InvalidConfig.NotFound", 404, "Config does not exist.");
export const forbidden = (action: Action) => clientError(action, "Forbidden", 400, "Ram Permission is forbidden.");
export const signatureMismatch = (action: Action) =>
    clientError(action, "SignatureDoesNotMatch", 400, "Specified signature is not matched with our calculation.");
