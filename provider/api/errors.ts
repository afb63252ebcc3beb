/** The one error type this package's client throws, and the conversion of whatever the core threw into it. */
import { classify, errorFacts, mayHaveApplied } from "./classify";
import { RETRYABLE_KINDS, type ErrorKind } from "./error-kind";
import { formatMessage, type ErrorMessageFacts } from "./error-message";
import { redactQueries } from "./redact-queries";

export interface LiveApiErrorInit extends ErrorMessageFacts {
    /** Milliseconds the service asked to wait (`x-acs-retry-after`), when it said. */
    readonly retryAfterMs?: number;
    readonly mayHaveApplied: boolean;
}

/** The one error type this package's client throws. Keeps the service's Code and RequestId. */
export class LiveApiError extends Error {
    override readonly name = "LiveApiError";
    /** The action that failed, by its API name. */
    readonly action: string;
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    readonly serviceMessage: string;
    readonly retryAfterMs?: number;
    readonly mayHaveApplied: boolean;
    /** The endpoint's `host[:port]` the call went to, when known. */
    readonly host?: string;
    /** The domain the call was about, when it had one. */
    readonly domainName?: string;

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
        if (init.host !== undefined) this.host = init.host;
        if (init.domainName !== undefined) this.domainName = init.domainName;
    }

    get retryable(): boolean {
        return RETRYABLE_KINDS.has(this.kind);
    }
}

/** What the client knows about a call beyond what failed: where it went and what it was about. */
export interface CallContext {
    /** The endpoint's `host[:port]`. */
    readonly host?: string;
    readonly domainName?: string;
}

/**
 * Converts anything the core threw into a LiveApiError (idempotent). The thrown core error is not
 * kept as `cause`: its message may quote the request URL, NotifyAuthKey included.
 */
export function toLiveApiError(error: unknown, action: string, context: CallContext = {}): LiveApiError {
    if (error instanceof LiveApiError) return error;
    const facts = errorFacts(error);
    const kind = classify(facts);
    const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    const data = (typeof e.data === "object" && e.data !== null ? e.data : {}) as Record<string, unknown>;
    const requestId = firstString(data.RequestId, e.requestId);
    const serviceMessage = serviceWords(error);
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
        ...(context.host !== undefined ? { host: context.host } : {}),
        ...(context.domainName !== undefined ? { domainName: context.domainName } : {}),
    });
}

/**
 * What the service (or Node, for a network failure) said about a failed call, and nothing of the
 * request: the body's `Message`, else the thrown message without the core's decoration, the HTTP
 * layer's `<METHOD> <url> failed.` suffix, or any URL query. Pure.
 */
export function serviceWords(error: unknown): string {
    const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    const data = (typeof e.data === "object" && e.data !== null ? e.data : {}) as Record<string, unknown>;
    return redactQueries(firstString(data.Message, stripCoreDecoration(stripTransportSuffix(errorFacts(error).message))) ?? "no message");
}

function firstString(...values: unknown[]): string | undefined {
    for (const v of values) if (typeof v === "string" && v !== "" && v !== "undefined") return v;
    return undefined;
}

/**
 * The HTTP layer (httpx) appends `<METHOD> <url> failed.` to a network error's message with no space
 * (`getaddrinfo ENOTFOUND live.aliyuncs.comPOST https://live.aliyuncs.com/?... failed.`): keep Node's
 * own words only. The host is named by the message's own sentence (`host` of the call).
 */
function stripTransportSuffix(message: string | undefined): string | undefined {
    if (message === undefined) return undefined;
    const stripped = message.replace(/\s*(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \S+ failed\.$/, "").trim();
    return stripped === "" ? message : stripped;
}

/** The core formats messages as `code: 400, <Message> request id: <id>`; keep only `<Message>`. */
function stripCoreDecoration(message: string | undefined): string | undefined {
    if (message === undefined) return undefined;
    const m = /^(?:[\w.]+: )?code: \d+, (.*?)(?: request id: \S*)?$/s.exec(message);
    return m ? m[1] : message;
}
