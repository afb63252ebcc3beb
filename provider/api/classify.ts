/**
 * Classifies a failed call into an ErrorKind: a pure function over the tables in `error-kind.ts`.
 *
 * Input: whatever `@alicloud/openapi-core` throws: `ThrottlingError` / `ClientError` / `ServerError`
 * (with `code`, `statusCode`, `requestId`, `retryAfter`, `data`), a Node network error (`code` such
 * as `ECONNRESET`), or a `SyntaxError` when a gateway answered with a non-JSON body.
 */
import {
    KIND_BY_CODE,
    KIND_BY_CODE_PREFIX,
    KIND_BY_ERROR_NAME,
    NOT_SENT_NETWORK_CODES,
    TRANSIENT_NETWORK_CODES,
    UNREACHABLE_NETWORK_CODES,
    type ErrorKind,
} from "./error-kind";

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
    if (name !== undefined && Object.prototype.hasOwnProperty.call(KIND_BY_ERROR_NAME, name)) return KIND_BY_ERROR_NAME[name];
    if (code !== undefined) {
        const exact = KIND_BY_CODE[code];
        if (exact) return exact;
        if (UNREACHABLE_NETWORK_CODES.has(code)) return "unreachable";
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
    // An unreachable endpoint (no such name, connection refused) never received the request.
    if (kind !== "transient") return false;
    if (facts.code !== undefined && NOT_SENT_NETWORK_CODES.has(facts.code)) return false;
    return true;
}
