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

/** App and stream names as the ingest URL carries them: letters, digits, hyphens and underscores. */
const PATH_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** An OSS bucket's name: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** UTC in ISO 8601 as the API takes it: `yyyy-MM-ddTHH:mm:ssZ`. */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** An OSS object name: at most 255 characters, no leading slash or backslash, no control characters. */
const OBJECT_NAME_FORBIDDEN = /[\p{Cc}\\]/u;
const MAX_OBJECT_NAME_LENGTH = 255;

function objectNameProblems(value: string): string[] {
    const problems: string[] = [];
    if (value.length > MAX_OBJECT_NAME_LENGTH) problems.push(`must be at most ${MAX_OBJECT_NAME_LENGTH} characters`);
    if (value.startsWith("/")) problems.push("must not start with /");
    if (OBJECT_NAME_FORBIDDEN.test(value)) problems.push("must not contain backslashes or control characters");
    return problems;
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
    /**
     * The stream callbacks' key (SetLiveStreamsNotifyUrlConfig documents 16-64 letters and digits): the
     * same check as `authKey`, the service's own rule applies.
     */
    streamsAuthKey: {
        normalize: (value) => value,
        problems: (value) => one(notifyAuthKeyProblem(value)),
        summary: "a callback signing key (use 16-64 letters and digits)",
    },
    /** An app's name as the ingest URL carries it, or `*` for every app. */
    appName: {
        normalize: (value) => value.trim(),
        problems: (value) =>
            value === "*" || PATH_NAME.test(value) ? [] : ["must be `*` or 1-255 letters, digits, hyphens and underscores (as in the ingest URL)"],
        summary: "`*` or 1-255 letters, digits, `-` and `_`",
    },
    /** A stream's name as the ingest URL carries it. */
    streamName: {
        normalize: (value) => value.trim(),
        problems: (value) => (PATH_NAME.test(value) ? [] : ["must be 1-255 letters, digits, hyphens and underscores (as in the ingest URL)"]),
        summary: "1-255 letters, digits, `-` and `_`",
    },
    /** A host the service writes to, such as an OSS endpoint: a fully qualified DNS name, no scheme or path. */
    hostName: {
        normalize: (value) => value.trim().toLowerCase(),
        problems: (value) => one(value === "" ? "is required" : domainProblem(value)),
        summary: "a host name such as `oss-cn-shanghai.aliyuncs.com` (no scheme)",
    },
    /** An OSS bucket's name. */
    ossBucket: {
        normalize: (value) => value.trim(),
        problems: (value) =>
            BUCKET.test(value)
                ? []
                : ["must be an OSS bucket name: 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit"],
        summary: "an OSS bucket name (3-63 `a-z`, `0-9`, `-`)",
    },
    /** An OSS object name or name pattern (`{AppName}/{StreamName}.jpg`). */
    objectName: {
        normalize: (value) => value.trim(),
        problems: objectNameProblems,
        summary: "an OSS object name (at most 255 characters)",
    },
    /** A snapshot sequence's object name: an object name holding `{UnixTimestamp}` or `{Sequence}`, so each snapshot has its own. */
    sequenceObjectName: {
        normalize: (value) => value.trim(),
        problems: (value) => [
            ...objectNameProblems(value),
            ...(value.includes("{UnixTimestamp}") || value.includes("{Sequence}")
                ? []
                : ["must hold {UnixTimestamp} or {Sequence}, so that each snapshot gets its own object"]),
        ],
        summary: "an OSS object name holding `{UnixTimestamp}` or `{Sequence}`",
    },
    /** A recording's object name: it must name the recording's times, as the API pages say. */
    recordObjectName: {
        normalize: (value) => value.trim(),
        problems: (value) => [
            ...objectNameProblems(value),
            ...((value.includes("{StartTime}") && value.includes("{EndTime}")) ||
            (value.includes("{EscapedStartTime}") && value.includes("{EscapedEndTime}"))
                ? []
                : ["must hold {StartTime} and {EndTime}, or {EscapedStartTime} and {EscapedEndTime}"]),
        ],
        summary: "an OSS object name holding `{StartTime}` and `{EndTime}` (or their `Escaped` forms)",
    },
    /** A recording segment's object name: it must hold `{UnixTimestamp}` and `{Sequence}`, as the API pages say. */
    sliceObjectName: {
        normalize: (value) => value.trim(),
        problems: (value) => [
            ...objectNameProblems(value),
            ...(value.includes("{UnixTimestamp}") && value.includes("{Sequence}") ? [] : ["must hold {UnixTimestamp} and {Sequence}"]),
        ],
        summary: "an OSS object name holding `{UnixTimestamp}` and `{Sequence}`",
    },
    /** A time in UTC, as the API takes it. */
    utcTime: {
        normalize: (value) => value.trim(),
        problems: (value) =>
            UTC_TIME.test(value) && !Number.isNaN(Date.parse(value))
                ? []
                : ["must be a UTC time as yyyy-MM-ddTHH:mm:ssZ, such as 2026-12-01T08:00:00Z"],
        summary: "a UTC time `yyyy-MM-ddTHH:mm:ssZ`",
    },
} as const satisfies Record<string, StringRule>;

export type RuleName = keyof typeof RULES;

/** A string's normalized form under its rule (trimmed when it has none). */
export function normalizeString(rule: RuleName | undefined, value: string): string {
    return rule === undefined ? value.trim() : RULES[rule].normalize(value);
}
