/**
 * The message of a LiveApiError: the action and what the service (or the network) said, its code and
 * words kept as they came, then one sentence of ours: what it means and what a person can do. Pure.
 *
 * The sentence comes from a table by code first (the answers we know well enough to say more about),
 * then by kind. Every message of one kind and code reads the same, whichever resource met it.
 */
import type { ErrorKind } from "./error-kind";

/** What the message is made of. */
export interface ErrorMessageFacts {
    readonly action: string;
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    readonly serviceMessage: string;
    /** The endpoint's `host[:port]` the call went to, when the client knew it. */
    readonly host?: string;
    /** The domain the call was about, when it had one. */
    readonly domainName?: string;
}

/** Where the docs explain the RAM policy the key needs, and what to do about each message. */
export const RAM_POLICY_DOC = "docs/configuration.md#ram-permissions";
export const CREDENTIALS_DOC = "docs/configuration.md#credentials";

/**
 * How far apart the service lets a request's signed time and its own clock be. Alibaba's gateways answer
 * `InvalidTimeStamp.Expired` beyond it (research/anchors.md, the common error table).
 */
const MAX_CLOCK_SKEW_MINUTES = 15;

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

/** The RAM action a call needs, named in permission errors. */
export function ramActionFor(action: string): string {
    return `live:${action}`;
}

/** What the advice needs: a message's facts, the action optional (STS's GetCallerIdentity is not a Live action). */
export type AdviceFacts = Omit<ErrorMessageFacts, "action"> & { readonly action?: string };

type Advice = (facts: AdviceFacts) => string;

const hostOf = (facts: AdviceFacts) => facts.host ?? "the endpoint";
/** The host without its port, as DNS sees it. */
const hostnameOf = (facts: AdviceFacts) => (facts.host ?? "the endpoint").replace(/:\d+$/, "");

const ramDenial: Advice = (facts) =>
    `The access key lacks the RAM permission ${facts.action ? ramActionFor(facts.action) : "this call needs"}; ` +
    `grant it to the RAM user or role (the policy to attach is in ${RAM_POLICY_DOC}).`;

/** What to say about answers we know by their code. */
const ADVICE_BY_CODE: Readonly<Record<string, Advice>> = {
    "Forbidden": ramDenial,
    "Forbidden.RAM": ramDenial,
    "Forbidden.SubUser": ramDenial,
    "NoPermission": ramDenial,
    "InvalidAccessKeyId.NotFound": () =>
        "The service knows no such AccessKey ID: check the key id (and that the key was not deleted), or the account the endpoint belongs to.",
    "InvalidAccessKeyId.Inactive": () => "The AccessKey is disabled: enable it in the RAM console, or use another key.",
    "SignatureDoesNotMatch": () =>
        "The AccessKey secret does not belong to the AccessKey ID: set the secret that was issued with this key id (with no spaces or line breaks around it).",
    "IncompleteSignature": () => "The request's signature was refused as incomplete: check the signatureVersion setting.",
    "InvalidSecurityToken.Expired": () => "The STS security token has expired: get new temporary credentials (key id, secret and token together).",
    "InvalidSecurityToken.Malformed": () => "The STS security token is malformed: set the token that was issued with this key id.",
    "InvalidSecurityToken.MismatchWithAccessKey": () =>
        "The STS security token does not belong to this AccessKey ID (or a permanent key was sent with a token): set the key id, secret and token of one set of credentials.",
    "InvalidTimeStamp.Expired": () =>
        `This machine's clock is off: the service refuses requests signed more than ${MAX_CLOCK_SKEW_MINUTES} minutes from its own time. ` +
        "Set the clock right (enable NTP, or check the time zone of a container or VM) and run again.",
    "InvalidDomain.NotFound": (facts) =>
        `The domain ${facts.domainName ?? "in domainName"} is not an ApsaraVideo Live domain of the account these keys belong to: ` +
        "add it in the Live console first, or check domainName and which account the keys are of.",
    "ENOTFOUND": (facts) =>
        `The host name ${hostnameOf(facts)} does not resolve: check the endpoint setting for a typo or another region's host, and that this machine can resolve it.`,
    "ECONNREFUSED": (facts) => `${hostOf(facts)} refuses connections: check the endpoint's host and port (for a local emulator, that it is running).`,
    "EAI_AGAIN": (facts) => `The DNS resolver did not answer for ${hostnameOf(facts)}; retry later, or check this machine's DNS set-up.`,
};

/** What to say about each kind otherwise (`forbidden` and `no-credentials` have their own). */
const ADVICE_BY_KIND: Readonly<Record<ErrorKind, Advice>> = {
    "throttled": () => "The account's quota for this action (shared by all its keys and users) was exhausted; retry later.",
    "transient": () => "The service or the network failed temporarily; retry later.",
    "unreachable": (facts) => `${hostOf(facts)} cannot be reached: check the endpoint setting.`,
    "not-found": () => "The configuration does not exist.",
    "already-exists": () => "A configuration already exists there.",
    "invalid-input": () => "Check the value named in the message.",
    "forbidden": ramDenial,
    "authentication": () => "The service refused the credentials: check the access key id, secret and security token, and the machine's clock.",
    "no-credentials": () => `Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or another source of ${CREDENTIALS_DOC}).`,
    "unknown": () => "This provider does not know this answer; the service's code and message above say what went wrong.",
};

/** The one sentence of ours for `facts`. Pure. */
export function adviceFor(facts: AdviceFacts): string {
    const byCode =
        facts.code !== undefined && Object.prototype.hasOwnProperty.call(ADVICE_BY_CODE, facts.code) ? ADVICE_BY_CODE[facts.code] : undefined;
    if (byCode) return byCode(facts);
    const field = refusedField(facts);
    // The service's own rule is in its message; the property is the one to change.
    if (field !== undefined) return `The service refused ${field}: change it to meet the rule in the service's message.`;
    return ADVICE_BY_KIND[facts.kind](facts);
}

/** Ends a quoted text as a sentence, so the next one does not run into it. */
function sentence(text: string): string {
    const trimmed = text.trim();
    return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function formatMessage(facts: ErrorMessageFacts): string {
    const detail = [facts.code, facts.statusCode !== undefined ? `HTTP ${facts.statusCode}` : undefined].filter(Boolean).join(", ");
    const head = `${facts.action} failed${detail ? ` (${detail})` : ""}: ${sentence(facts.serviceMessage)}`;
    const parts = [head, adviceFor(facts)];
    if (facts.requestId) parts.push(`RequestId: ${facts.requestId}.`);
    return parts.join(" ");
}
