/**
 * What went wrong with a call, as a closed set of kinds, and the data tables that decide it
 * (read by the pure classifier in `classify.ts`).
 */

export type ErrorKind = "throttled" | "transient" | "not-found" | "already-exists" | "invalid-input" | "forbidden" | "authentication" | "unknown";

/** Kinds worth another attempt after a pause. Everything else fails at once. */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(["throttled", "transient"]);

/** Exact service codes. */
export const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
    // Every flow-control answer a reading of the gateway gives (HTTP 400, or 429 for `Throttling`).
    "Throttling": "throttled",
    "Throttling.User": "throttled",
    "Throttling.Api": "throttled",
    "Rejected.Throttling": "throttled",
    "ServiceUnavailable": "transient",
    "InternalError": "transient",
    "System.Busy": "transient",
    "InvalidConfig.NotFound": "not-found",
    "ConfigAlreadyExists": "already-exists",
    "Forbidden": "forbidden",
    "Forbidden.RAM": "forbidden",
    "NoPermission": "forbidden",
    "SignatureDoesNotMatch": "authentication",
    "IncompleteSignature": "authentication",
    "InvalidAccessKeyId.NotFound": "authentication",
    "InvalidAccessKeyId.Inactive": "authentication",
    "InvalidSecurityToken.Expired": "authentication",
    "InvalidSecurityToken.Malformed": "authentication",
    "InvalidSecurityToken.MismatchWithAccessKey": "authentication",
    "InvalidTimeStamp.Expired": "authentication",
    "SignatureNonceUsed": "authentication",
    "InvalidCredentials": "authentication",
    "MissingParameter": "invalid-input",
    "InvalidParameter": "invalid-input",
};

/** Code prefixes, tried in order when no exact code matched. */
export const KIND_BY_CODE_PREFIX: ReadonlyArray<readonly [string, ErrorKind]> = [
    ["Throttling.", "throttled"],
    ["Missing", "invalid-input"],
    ["InvalidAccessKeyId", "authentication"],
    ["InvalidSecurityToken", "authentication"],
    ["Invalid", "invalid-input"],
];

/** Node and HTTP-client error codes of a connection that failed or broke. */
export const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
    "ECONNRESET",
    "ECONNREFUSED",
    "ECONNABORTED",
    "EPIPE",
    "ETIMEDOUT",
    "ESOCKETTIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "ENOTFOUND",
    "EAI_AGAIN",
    "UND_ERR_SOCKET",
    "UND_ERR_CONNECT_TIMEOUT",
    "ReadTimeout",
    "ConnectTimeout",
]);

/** Network failures that prove the request never reached the service (so a write cannot have applied). */
export const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "UND_ERR_CONNECT_TIMEOUT",
    "ConnectTimeout",
]);
