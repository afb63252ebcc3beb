/**
 * What went wrong with a call, as a closed set of kinds, and the data tables that decide it
 * (read by the pure classifier in `classify.ts`).
 */

export type ErrorKind =
    | "throttled"
    | "transient"
    | "unreachable"
    | "not-found"
    | "already-exists"
    | "invalid-input"
    | "forbidden"
    | "authentication"
    | "no-credentials"
    | "unknown";

/**
 * Kinds worth another attempt after a pause. Everything else fails at once. `unreachable` (a name that
 * does not resolve, a refused connection) is retried only briefly: the retry policy gives it a short
 * budget of its own, since waiting rarely mends it.
 */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(["throttled", "transient", "unreachable"]);

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
    "Forbidden.SubUser": "forbidden",
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
    // openapi-core's own code when it was given no credentials at all.
    "InvalidCredentials": "no-credentials",
    "InvalidDomain.NotFound": "invalid-input",
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

/**
 * Node error codes of an endpoint that cannot be reached at all: its name does not resolve (the DNS
 * answered that it does not exist), or nothing listens at its address. Retrying rarely mends either.
 * `EAI_AGAIN` is not one of them: the resolver did not answer, which is the temporary failure retries
 * are for.
 */
export const UNREACHABLE_NETWORK_CODES: ReadonlySet<string> = new Set(["ENOTFOUND", "ECONNREFUSED"]);

/** Node and HTTP-client error codes of a connection that failed or broke, and may work on another try. */
export const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
    "ECONNRESET",
    "ECONNABORTED",
    "EPIPE",
    "ETIMEDOUT",
    "ESOCKETTIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "EAI_AGAIN",
    "UND_ERR_SOCKET",
    "UND_ERR_CONNECT_TIMEOUT",
    "ReadTimeout",
    "ConnectTimeout",
]);

/** Error names (not codes) of failures thrown before any request: no credentials anywhere (`default-credential.ts`). */
export const KIND_BY_ERROR_NAME: Readonly<Record<string, ErrorKind>> = {
    NoCredentialsError: "no-credentials",
};

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
