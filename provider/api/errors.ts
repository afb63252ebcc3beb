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

/**
 * Converts anything the core threw into a LiveApiError (idempotent). The thrown core error is not
 * kept as `cause`: its message may quote the request URL, NotifyAuthKey included.
 */
export function toLiveApiError(error: unknown, action: string): LiveApiError {
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
