/**
 * Secrets, as the engine stand-in handles them. Pure functions.
 *
 * Secretness is tracked per top-level property key (the real engine tracks it per value; every
 * property of a dynamic resource is top-level, so nothing is lost here).
 *
 * - Program side: the SDK sends secret values wrapped as `{"4dabf…": "1b47…", value}` (the Pulumi
 *   secret signature). `unwrapProgramSecrets` strips the wrappers and reports which keys held one;
 *   `wrapProgramSecrets` puts them back on the way to the program, so its Outputs stay secret.
 * - Provider side: the Node host declares `acceptSecrets=false`, so the engine sends plain values and
 *   afterwards re-marks as secret every output key that has the same name as a secret input
 *   (`annotateSecrets` in the engine), plus the resource's `additionalSecretOutputs`.
 * - State file: secret values are stored as `{"@secret-base64": "<base64 of JSON>"}`. This keeps
 *   them out of plain view and out of `grep`, and survives across processes; it is NOT encryption
 *   (the real engine encrypts with a passphrase or KMS key). Keep state files private.
 */
import type { PropertyMap } from "./struct";

/** The SDK's marker key and secret signature (`runtime/rpc.js` specialSigKey / specialSecretSig). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The key of an encoded secret in the stand-in's state file. */
export const STATE_SECRET_KEY = "@secret-base64";

export function isProgramSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Removes secret wrappers anywhere in the value; `secret` is true when there was one. */
export function unwrapDeep(value: unknown): { value: unknown; secret: boolean } {
    if (isProgramSecret(value)) return { value: unwrapDeep(value.value).value, secret: true };
    if (Array.isArray(value)) {
        let secret = false;
        const out = value.map((v) => {
            const r = unwrapDeep(v);
            secret ||= r.secret;
            return r.value;
        });
        return { value: out, secret };
    }
    if (typeof value === "object" && value !== null) {
        let secret = false;
        const out: PropertyMap = {};
        for (const [k, v] of Object.entries(value)) {
            const r = unwrapDeep(v);
            secret ||= r.secret;
            out[k] = r.value;
        }
        return { value: out, secret };
    }
    return { value, secret: false };
}

/** Plain properties plus the top-level keys that held a secret anywhere inside. */
export function unwrapProgramSecrets(props: PropertyMap): { values: PropertyMap; secretKeys: string[] } {
    const values: PropertyMap = {};
    const secretKeys: string[] = [];
    for (const [k, v] of Object.entries(props)) {
        const r = unwrapDeep(v);
        values[k] = r.value;
        if (r.secret) secretKeys.push(k);
    }
    return { values, secretKeys: secretKeys.sort() };
}

export function wrapProgramSecrets(values: PropertyMap, secretKeys: Iterable<string>): PropertyMap {
    const secret = new Set(secretKeys);
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(values)) out[k] = secret.has(k) ? { [SIG_KEY]: SECRET_SIG, value: v } : v;
    return out;
}

/**
 * The engine's re-marking after Create, Update and Read: output keys named like a secret input,
 * plus `additionalSecretOutputs`, are secret. Only keys present in `outputs` are returned.
 */
export function secretOutputKeys(outputs: PropertyMap, secretInputKeys: Iterable<string>, additionalSecretOutputs: Iterable<string> = []): string[] {
    const marked = new Set([...secretInputKeys, ...additionalSecretOutputs]);
    return Object.keys(outputs)
        .filter((k) => marked.has(k))
        .sort();
}

export function encodeStateSecret(value: unknown): { [STATE_SECRET_KEY]: string } {
    return { [STATE_SECRET_KEY]: Buffer.from(JSON.stringify(value), "utf8").toString("base64") };
}

export function isStateSecret(value: unknown): value is { [STATE_SECRET_KEY]: string } {
    return (
        typeof value === "object" &&
        value !== null &&
        Object.keys(value).length === 1 &&
        typeof (value as Record<string, unknown>)[STATE_SECRET_KEY] === "string"
    );
}

export function decodeStateSecret(value: { [STATE_SECRET_KEY]: string }): unknown {
    return JSON.parse(Buffer.from(value[STATE_SECRET_KEY], "base64").toString("utf8"));
}

/** Replaces the values of secret keys by their encoded form, for writing to a state file. */
export function encodeSecretKeys(values: PropertyMap, secretKeys: readonly string[]): PropertyMap {
    const secret = new Set(secretKeys);
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(values)) out[k] = secret.has(k) ? encodeStateSecret(v) : v;
    return out;
}

/** The inverse of `encodeSecretKeys`: decodes encoded values and reports which keys they were. */
export function decodeSecretKeys(stored: PropertyMap): { values: PropertyMap; secretKeys: string[] } {
    const values: PropertyMap = {};
    const secretKeys: string[] = [];
    for (const [k, v] of Object.entries(stored)) {
        if (isStateSecret(v)) {
            values[k] = decodeStateSecret(v);
            secretKeys.push(k);
        } else {
            values[k] = v;
        }
    }
    return { values, secretKeys: secretKeys.sort() };
}
