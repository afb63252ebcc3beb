/**
 * The rules several resources share, each defined once and named: property tables refer to them by name
 * (`rule: "callbackUrl"`), so a domain, a callback URL or a callback key is checked the same way
 * wherever it appears. Each rule normalizes a value (what `check` stores and `diff` compares) and says
 * what is wrong with it, in words that follow the property's name. Pure.
 *
 * Messages never quote a value: the engine prints the value itself (as `[secret]` for secrets), and a
 * key must not reach a log through a reason.
 */
import { callbackUrlProblems, MAX_URL_LENGTH } from "./callback-url";

/** The service's limit for a domain name, and for each dot-separated label. */
const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

/**
 * NotifyAuthKey: refused here only when it can never work. The API pages document 16-32 letters and
 * digits, but their own Describe example holds a 33-character key and no answer to a key outside
 * the rule is documented, so that rule is the service's to apply: a refused key fails `up` with the
 * service's rule, naming notifyAuthKey (docs/resource.md#notifyauthkey). What can never work: a key
 * with whitespace or control characters (callbacks carry it through an MD5 over "host|time|key" that
 * receivers type in), or one past a generous 256 characters. Empty counts as not set.
 */
export const MAX_NOTIFY_AUTH_KEY_LENGTH = 256;
const NOTIFY_AUTH_KEY_FORBIDDEN = /[\s\p{Cc}]/u;

/** Why a NotifyAuthKey can never work, or `undefined` when the service may take it. */
export function notifyAuthKeyProblem(key: string): string | undefined {
    if (key.length > MAX_NOTIFY_AUTH_KEY_LENGTH) return `must be at most ${MAX_NOTIFY_AUTH_KEY_LENGTH} characters`;
    if (NOTIFY_AUTH_KEY_FORBIDDEN.test(key)) return "must not contain whitespace or control characters";
    return undefined;
}

const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Why a (trimmed, lower-cased) domain name is not one, or `undefined` when it is. */
export function domainProblem(domain: string): string | undefined {
    if (domain.length > MAX_DOMAIN_LENGTH) return `must be at most ${MAX_DOMAIN_LENGTH} characters`;
    const labels = domain.split(".");
    if (labels.length < 2) return "must be a fully qualified domain name such as live.example.com";
    for (const label of labels) {
        if (label.length === 0) return "must not contain empty labels (leading, trailing or double dots)";
        if (label.length > MAX_LABEL_LENGTH) return `must have labels of at most ${MAX_LABEL_LENGTH} characters`;
        if (!LABEL_PATTERN.test(label)) {
            return "must have labels of letters, digits and hyphens that neither start nor end with a hyphen";
        }
    }
    if (/^\d+$/.test(labels[labels.length - 1])) return "must end in a top-level domain that is not all digits";
    return undefined;
}

/** A named rule for string values. */
export interface StringRule {
    /** The value as stored and compared. */
    readonly normalize: (value: string) => string;
    /** Everything wrong with a normalized value, each in words after the property's name; empty when none. */
    readonly problems: (value: string, limits: { readonly maxLength?: number }) => readonly string[];
    /** How the rule reads in the docs' property tables. */
    readonly summary: string;
}

const one = (problem: string | undefined): readonly string[] => (problem === undefined ? [] : [problem]);

export const RULES = {
    /** A streaming or ingest domain: trimmed, lower-cased, a fully qualified DNS name. */
    domainName: {
        normalize: (value) => value.trim().toLowerCase(),
        problems: (value) => one(value === "" ? "is required" : domainProblem(value)),
        summary: "a fully qualified domain name (trimmed, lower-cased)",
    },
    /** A callback URL the service calls: an absolute http(s) URL of a public host (callback-url.ts). */
    callbackUrl: {
        normalize: (value) => value.trim(),
        problems: (value, { maxLength }) =>
            value === "" ? ["is required"] : callbackUrlProblems(value, maxLength ?? MAX_URL_LENGTH).map((problem) => problem.message),
        summary: "an absolute `http://` or `https://` URL of a public host",
    },
    /** A key callbacks are signed with: the service's own rule applies; refused here only when it can never work. */
    authKey: {
        normalize: (value) => value,
        problems: (value) => one(notifyAuthKeyProblem(value)),
        summary: "a callback signing key (use 16-32 letters and digits)",
    },
} as const satisfies Record<string, StringRule>;

export type RuleName = keyof typeof RULES;

/** A string's normalized form under its rule (trimmed when it has none). */
export function normalizeString(rule: RuleName | undefined, value: string): string {
    return rule === undefined ? value.trim() : RULES[rule].normalize(value);
}
