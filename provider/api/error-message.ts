/** The message of a LiveApiError: what failed, the service's words, and what a person can do about it. Pure. */
import type { ErrorKind } from "./error-kind";

/** What the message is made of. */
export interface ErrorMessageFacts {
    readonly action: string;
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    readonly serviceMessage: string;
}

/**
 * Words in `Invalid<Word>…`/`Missing<Word>` codes and in messages that name no parameter of a
 * configuration: the gateway's own (the signature, the timestamp, the action) and the domain's
 * existence (`InvalidDomain.NotFound`, "Specified Domain is invalid.": the domain is not the account's,
 * no value of a property can fix that).
 */
const NOT_PROPERTIES: ReadonlySet<string> = new Set([
    "Parameter",
    "Action",
    "Api",
    "Version",
    "TimeStamp",
    "Domain",
    "AccessKeyId",
    "SecurityToken",
    "Signature",
    "SignatureNonce",
    "Config",
]);

/** Where an invalid-input answer names a parameter: its code, else its message. */
const PARAMETER_IN_CODE = /^(?:Invalid|Missing)([A-Z][A-Za-z0-9]*)(?:\.|$)/;
const PARAMETER_IN_MESSAGE = /\b(?:parameter|Specified) ([A-Z][A-Za-z0-9]*)\b/;

/**
 * The property an invalid-input answer refuses, when its code or message names a parameter
 * (`InvalidNotifyAuthKey.Malformed`, "Specified parameter NeedStatusNotify is not valid."): every
 * configuration's properties are its parameters' names in camelCase. Pure.
 */
export function refusedField(facts: { readonly kind: ErrorKind; readonly code?: string; readonly serviceMessage?: string }): string | undefined {
    if (facts.kind !== "invalid-input") return undefined;
    const { code = "", serviceMessage = "" } = facts;
    const named = [PARAMETER_IN_CODE.exec(code)?.[1], PARAMETER_IN_MESSAGE.exec(serviceMessage)?.[1]].find(
        (word) => word !== undefined && !NOT_PROPERTIES.has(word),
    );
    return named === undefined ? undefined : named[0].toLowerCase() + named.slice(1);
}

/** What a person can do about each kind, appended to the message (`forbidden` names the RAM action instead). */
const ADVICE: Readonly<Record<Exclude<ErrorKind, "forbidden">, string>> = {
    "throttled": "The account's quota for this action (shared by all its keys and users) was exhausted; retry later.",
    "transient": "The service or the network failed temporarily; retry later.",
    "not-found": "The configuration does not exist.",
    "already-exists": "A configuration already exists there.",
    "invalid-input": "Check the value named in the message.",
    "authentication": "Check the access key id, secret and security token, and the machine's clock.",
    "unknown": "Unexpected error.",
};

/** The RAM action a call needs, named in permission errors. */
export function ramActionFor(action: string): string {
    return `live:${action}`;
}

export function formatMessage(facts: ErrorMessageFacts): string {
    const parts = [`${facts.action} failed`];
    const detail = [facts.code, facts.statusCode !== undefined ? `HTTP ${facts.statusCode}` : undefined].filter(Boolean).join(", ");
    if (detail) parts[0] += ` (${detail})`;
    parts[0] += `: ${facts.serviceMessage}`;
    const field = refusedField(facts);
    if (facts.kind === "forbidden") {
        parts.push(`The access key lacks the RAM permission ${ramActionFor(facts.action)}; grant it to the RAM user or role.`);
    } else if (field !== undefined) {
        // The service's own rule is in its message above; the property is the one to change.
        parts.push(`The service refused ${field}: change it to meet the rule in the service's message.`);
    } else {
        parts.push(ADVICE[facts.kind]);
    }
    if (facts.requestId) parts.push(`RequestId: ${facts.requestId}.`);
    return parts.join(" ");
}
