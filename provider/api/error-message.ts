/** The message of a LiveApiError: what failed, the service's words, and what a person can do about it. Pure. */
import type { ErrorKind } from "./error-kind";
import type { Action, RecordNotifyConfig } from "./types";

/** What the message is made of. */
export interface ErrorMessageFacts {
    readonly action: Action;
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    readonly serviceMessage: string;
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

/** What a person can do about each kind, appended to the message (`forbidden` names the RAM action instead). */
const ADVICE: Readonly<Record<Exclude<ErrorKind, "forbidden">, string>> = {
    "throttled": "The account's quota for this action (shared by all its keys and users) was exhausted; retry later.",
    "transient": "The service or the network failed temporarily; retry later.",
    "not-found": "The recording callback configuration does not exist for this domain.",
    "already-exists": "The domain already has a recording callback configuration.",
    "invalid-input": "Check the value named in the message.",
    "authentication": "Check the access key id, secret and security token, and the machine's clock.",
    "unknown": "Unexpected error.",
};

/** The RAM action a call needs, named in permission errors. */
export function ramActionFor(action: Action): string {
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
