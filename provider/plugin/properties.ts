/**
 * Property bags on the wire: `google.protobuf.Struct`s whose secret values are wrapped in the engine's
 * secret signature (the plugin accepts secrets, so they arrive wrapped and must leave wrapped to stay
 * encrypted). Unknown values (previews) are the engine's sentinel string and pass through as they are;
 * the resource's rules know them. Pure.
 */
import { secretOutputs } from "../resource/definition";
import { RESOURCES } from "../resources";
import { Struct } from "./well-known-types";

/** The engine's special-value signature key, and its value for a secret (`sdk/go/common/resource/sig`). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Properties that are always secret, whatever the program passed: every resource's secret property (a callback key). */
const ALWAYS_SECRET: ReadonlySet<string> = new Set(RESOURCES.flatMap(secretOutputs));

export type Bag = Record<string, unknown>;

/** A bag as the engine sent it: plain values, and the names of those that arrived secret. */
export interface Unwrapped {
    readonly values: Bag;
    readonly secrets: ReadonlySet<string>;
}

function isSecret(value: unknown): value is { [SIG_KEY]: string; value?: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Nested secrets (inside a list or map) are unwrapped too; the top-level name is then secret. */
function unwrap(value: unknown): { value: unknown; secret: boolean } {
    if (isSecret(value)) return { value: unwrap(value.value).value, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(unwrap);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, unwrap(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

export function fromStruct(struct: Struct | undefined): Unwrapped {
    const values: Bag = {};
    const secrets = new Set<string>();
    for (const [key, raw] of Object.entries(struct?.toJavaScript() ?? {})) {
        const { value, secret } = unwrap(raw);
        values[key] = value;
        if (secret) secrets.add(key);
    }
    return { values, secrets };
}

/**
 * A bag for the engine: `undefined` left out (a Struct cannot carry it), the always-secret properties
 * and `alsoSecret` (what arrived secret) wrapped.
 */
export function toStruct(values: object, alsoSecret: ReadonlySet<string> = new Set()): Struct {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        if (value === undefined) continue;
        out[key] = ALWAYS_SECRET.has(key) || alsoSecret.has(key) ? { [SIG_KEY]: SECRET_SIG, value } : value;
    }
    return Struct.fromJavaScript(out as Parameters<typeof Struct.fromJavaScript>[0]);
}
