/**
 * What went wrong with a call, as a closed set of kinds, decided by a pure function over data tables.
 *
 * Input: whatever `@alicloud/openapi-core` throws: `ThrottlingError` / `ClientError` / `ServerError`
 * (with `code`, `statusCode`, `requestId`, `retryAfter`, `data`), a Node network error (`code` such
 * as `ECONNRESET`), or a `SyntaxError` when a gateway answered with a non-JSON body.
 */
import type { Action, RecordNotifyConfig } from "./types";

export type ErrorKind = "throttled" | "transient" | "not-found" | "already-exists" | "invalid-input" | "forbidden" | "authentication" | "unknown";

/** Kinds worth another attempt after a pause. Everything else fails at once. */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(["throttled", "transient"]);

/** Exact service codes. */
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
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
const KIND_BY_CODE_PREFIX: ReadonlyArray<readonly [string, ErrorKind]> = [
    ["Throttling.", "throttled"],
    ["Missing", "invalid-input"],
    ["InvalidAccessKeyId", "authentication"],
    ["InvalidSecurityToken", "authentication"],
    ["Invalid", "invalid-input"],
];

/** Node and HTTP-client error codes of a connection that failed or broke. */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
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
const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "UND_ERR_CONNECT_TIMEOUT",
    "ConnectTimeout",
]);

/** What the classifier reads from a thrown value. */
export interface ErrorFacts {
    readonly code?: string;
    readonly statusCode?: number;
    readonly name?: string;
    readonly message?: string;
}

/** Reads the facts the classifier needs from anything thrown. */
export function errorFacts(error: unknown): ErrorFacts {
    if (typeof error !== "object" || error === null) return { message: String(error) };
    const e = error as Record<string, unknown>;
    const code = typeof e.code === "string" && e.code !== "undefined" ? e.code : undefined;
    const statusCode = typeof e.statusCode === "number" ? e.statusCode : undefined;
    return {
        code,
        statusCode,
        name: typeof e.name === "string" ? e.name : undefined,
        message: typeof e.message === "string" ? e.message : undefined,
    };
}

/** Classifies a thrown value. Pure: the same facts always give the same kind. */
export function classify(facts: ErrorFacts): ErrorKind {
    const { code, statusCode, name, message } = facts;
    if (code !== undefined) {
        const exact = KIND_BY_CODE[code];
        if (exact) return exact;
        if (TRANSIENT_NETWORK_CODES.has(code)) return "transient";
        for (const [prefix, kind] of KIND_BY_CODE_PREFIX) if (code.startsWith(prefix)) return kind;
    }
    if (statusCode !== undefined) {
        if (statusCode === 429) return "throttled";
        if (statusCode >= 500) return "transient";
        if (statusCode === 403) return "forbidden";
        if (statusCode === 404 && code === undefined) return "not-found";
    }
    // A gateway that answered with HTML, or a socket that broke mid-body.
    if (name === "SyntaxError" && statusCode === undefined) return "transient";
    if (message !== undefined && /socket hang up|timeout|timed out/i.test(message) && statusCode === undefined) {
        return "transient";
    }
    return "unknown";
}

/**
 * True when a failed write may nevertheless have been applied by the service: the request may have
 * reached it and no answer says otherwise (a reset, a timeout, a 5xx). Throttles and 4xx answers
 * prove the write was refused; a refused connection proves it never arrived.
 */
export function mayHaveApplied(facts: ErrorFacts, kind: ErrorKind = classify(facts)): boolean {
    if (kind !== "transient") return false;
    if (facts.code !== undefined && NOT_SENT_NETWORK_CODES.has(facts.code)) return false;
    return true;
}

/** The service's parameter names and the config fields (the resource's properties) they carry. */
const FIELD_OF_PARAM: ReadonlyArray<readonly [string, keyof RecordNotifyConfig]> = [
    ["DomainName", "domainName"],
    ["NotifyUrl", "notifyUrl"],
    ["OnDemandUrl", "onDemandUrl"],
    ["NeedStatusNotify", "needStatusNotify"],
    ["NotifyReqAuth", "notifyReqAuth"],
    ["NotifyAuthKey", "notifyAuthKey"],
];

/**
 * The config field an invalid-input answer refuses, when its code or message names one
 * (`InvalidNotifyAuthKey.Malformed`, "Specified parameter NeedStatusNotify is not valid."). Pure.
 */
export function refusedField(facts: {
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly serviceMessage?: string;
}): keyof RecordNotifyConfig | undefined {
    if (facts.kind !== "invalid-input") return undefined;
    const { code = "", serviceMessage = "" } = facts;
    return (FIELD_OF_PARAM.find(([param]) => code.includes(param)) ?? FIELD_OF_PARAM.find(([param]) => serviceMessage.includes(param)))?.[1];
}

/** What a person can do about each kind, appended to the message. */
const ADVICE: Readonly<Record<ErrorKind, string>> = {
    "throttled": "The account's quota for this action (shared by all its keys and users) was exhausted; retry later.",
    "transient": "The service or the network failed temporarily; retry later.",
    "not-found": "The recording callback configuration does not exist for this domain.",
    "already-exists": "The domain already has a recording callback configuration.",
    "invalid-input": "Check the value named in the message.",
    "forbidden": "The access key lacks the RAM permission named in the message; grant it to the RAM user or role.",
    "authentication": "Check the access key id, secret and security token, and the machine's clock.",
    "unknown": "Unexpected error.",
};

export interface LiveApiErrorInit {
    readonly action: Action;
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    readonly serviceMessage: string;
    /** Milliseconds the service asked to wait (`x-acs-retry-after`), when it said. */
    readonly retryAfterMs?: number;
    readonly mayHaveApplied: boolean;
}

/** The one error type this package's client throws. Keeps the service's Code and RequestId. */
export class LiveApiError extends Error {
    override readonly name = "LiveApiError";
    readonly action: Action;
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    readonly serviceMessage: string;
    readonly retryAfterMs?: number;
    readonly mayHaveApplied: boolean;

    constructor(init: LiveApiErrorInit) {
        super(formatMessage(init));
        this.action = init.action;
        this.kind = init.kind;
        this.code = init.code;
        this.statusCode = init.statusCode;
        this.requestId = init.requestId;
        this.serviceMessage = init.serviceMessage;
        this.retryAfterMs = init.retryAfterMs;
        this.mayHaveApplied = init.mayHaveApplied;
    }

    get retryable(): boolean {
        return RETRYABLE_KINDS.has(this.kind);
    }
}

/** The RAM action a call needs, named in permission errors. */
export function ramActionFor(action: Action): string {
    return `live:${action}`;
}

function formatMessage(init: LiveApiErrorInit): string {
    const parts = [`${init.action} failed`];
    const detail = [init.code, init.statusCode !== undefined ? `HTTP ${init.statusCode}` : undefined].filter(Boolean).join(", ");
    if (detail) parts[0] += ` (${detail})`;
    parts[0] += `: ${init.serviceMessage}`;
    const field = refusedField(init);
    if (init.kind === "forbidden") {
        parts.push(`The access key lacks the RAM permission ${ramActionFor(init.action)}; grant it to the RAM user or role.`);
    } else if (field !== undefined) {
        // The service's own rule is in its message above; the property is the one to change.
        parts.push(`The service refused ${field}: change it to meet the rule in the service's message.`);
    } else {
        parts.push(ADVICE[init.kind]);
    }
    if (init.requestId) parts.push(`RequestId: ${init.requestId}.`);
    return parts.join(" ");
}

/** Converts anything the core threw into a LiveApiError (idempotent). */
export function toLiveApiError(error: unknown, action: Action): LiveApiError {
    if (error instanceof LiveApiError) return error;
    const facts = errorFacts(error);
    const kind = classify(facts);
    const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    const data = (typeof e.data === "object" && e.data !== null ? e.data : {}) as Record<string, unknown>;
    const requestId = firstString(data.RequestId, e.requestId);
    const serviceMessage = redactQueries(firstString(data.Message, stripCoreDecoration(facts.message)) ?? "no message");
    const retryAfter = typeof e.retryAfter === "number" && Number.isFinite(e.retryAfter) ? e.retryAfter : undefined;
    return new LiveApiError({
        action,
        kind,
        code: facts.code,
        statusCode: facts.statusCode,
        requestId,
        serviceMessage,
        retryAfterMs: retryAfter,
        mayHaveApplied: mayHaveApplied(facts, kind),
    });
}

/**
 * The HTTP layer's network errors quote the whole request URL, whose query carries every business
 * parameter, NotifyAuthKey included: keep the address, drop the query. (The thrown core error is not
 * kept as `cause` for the same reason.)
 */
function redactQueries(message: string): string {
    return message.replace(/(\bhttps?:\/\/[^\s?]*)\?\S*/gi, "$1?<query redacted>");
}

function firstString(...values: unknown[]): string | undefined {
    for (const v of values) if (typeof v === "string" && v !== "" && v !== "undefined") return v;
    return undefined;
}

/** The core formats messages as `code: 400, <Message> request id: <id>`; keep only `<Message>`. */
function stripCoreDecoration(message: string | undefined): string | undefined {
    if (message === undefined) return undefined;
    const m = /^(?:[\w.]+: )?code: \d+, (.*?)(?: request id: \S*)?$/s.exec(message);
    return m ? m[1] : message;
}
