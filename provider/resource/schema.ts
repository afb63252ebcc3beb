/**
 * The input rules, as zod schemas that mirror what the service accepts (see the API documents): one
 * schema per property, plus the one rule that spans two properties. Pure.
 *
 * Messages name the property and the rule, never the value: the engine prints the value itself (as
 * `[secret]` for secrets), and a NotifyAuthKey must not reach a log through a reason.
 */
import { z } from "zod";
import type { InputKey } from "./inputs";
import { callbackUrlProblems } from "./callback-url";

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

const typeError = (field: string, type: string, required: boolean) => (issue: { input: unknown }) =>
    required && (issue.input === undefined || issue.input === null) ? `${field} is required` : `${field} must be ${type}`;

function domainSchema() {
    return z
        .string({ error: typeError("domainName", "a string", true) })
        .trim()
        .toLowerCase()
        .superRefine((value, ctx) => {
            const problem = value === "" ? "is required" : domainProblem(value);
            if (problem) ctx.addIssue({ code: "custom", message: `domainName ${problem}` });
        });
}

function urlSchema(field: "notifyUrl" | "onDemandUrl", required: boolean) {
    return z
        .string({ error: typeError(field, "a string", required) })
        .trim()
        .superRefine((value, ctx) => {
            if (value === "") ctx.addIssue({ code: "custom", message: `${field} is required` });
            else for (const { message } of callbackUrlProblems(value)) ctx.addIssue({ code: "custom", message: `${field} ${message}` });
        });
}

const booleanSchema = (field: string) => z.boolean({ error: typeError(field, "a boolean (true or false)", false) });

/** The schema of each input property when its value is known. */
export const FIELD_SCHEMAS = {
    domainName: domainSchema(),
    notifyUrl: urlSchema("notifyUrl", true),
    onDemandUrl: urlSchema("onDemandUrl", false).optional(),
    needStatusNotify: booleanSchema("needStatusNotify").default(false),
    notifyReqAuth: booleanSchema("notifyReqAuth").default(false),
    notifyAuthKey: z
        .string({ error: typeError("notifyAuthKey", "a string", false) })
        .superRefine((key, ctx) => {
            const problem = notifyAuthKeyProblem(key);
            if (problem !== undefined) ctx.addIssue({ code: "custom", message: `notifyAuthKey ${problem}` });
        })
        .optional(),
    adoptExisting: booleanSchema("adoptExisting").optional(),
} as const satisfies Record<InputKey, z.ZodType>;

/** Compiled schemas by the set of unknown properties: zod compiles a schema on its first use, per object. */
const INPUTS_SCHEMAS = new Map<string, ReturnType<typeof buildInputsSchema>>();

/**
 * The whole input bag. Properties whose value is unknown (see unknown.ts) are passed through
 * unvalidated, and rules that depend on them are skipped; unrecognized properties are issues.
 */
export function inputsSchema(unknownKeys: ReadonlySet<string>) {
    const unknownFields = Object.keys(FIELD_SCHEMAS).filter((key) => unknownKeys.has(key));
    const cacheKey = unknownFields.join(",");
    let schema = INPUTS_SCHEMAS.get(cacheKey);
    if (schema === undefined) {
        schema = buildInputsSchema(new Set(unknownFields));
        INPUTS_SCHEMAS.set(cacheKey, schema);
    }
    return schema;
}

function buildInputsSchema(unknownFields: ReadonlySet<string>) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, schema] of Object.entries(FIELD_SCHEMAS)) shape[key] = unknownFields.has(key) ? z.unknown() : schema;
    return z.strictObject(shape).superRefine(
        (value, ctx) => {
            if (value.notifyReqAuth === true && value.notifyAuthKey === undefined && !unknownFields.has("notifyAuthKey")) {
                ctx.addIssue({
                    code: "custom",
                    path: ["notifyAuthKey"],
                    message: "notifyAuthKey is required when notifyReqAuth is true",
                });
            }
        },
        // Run even when other properties failed, so every failure is reported at once.
        { when: () => true },
    );
}
