/**
 * Parameter rules of the recording-callback actions: booleans, callback URLs, the callback
 * authentication key, domain names and domain ownership. Pure.
 */
import { isUnsafeHost } from "./url-safety";

/** `"true"`/`"false"` as the SDKs send them; `"yes"`/`"no"` as the API pages write them. Any case. */
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, yes: true, no: false };

/** `undefined` for an absent or empty value, `null` for a value that is not a boolean. */
export function parseBoolean(raw: string | undefined): boolean | undefined | null {
    if (raw === undefined || raw === "") return undefined;
    const value = BOOLEANS[raw.toLowerCase()];
    return value === undefined ? null : value;
}

/**
 * The documented rule: 16-32 characters (16-64 for the stream callbacks, `maxLength` 64), letters
 * (upper/lower) and digits only.
 */
export function isValidAuthKey(key: string, maxLength = 32): boolean {
    return key.length >= 16 && key.length <= maxLength && /^[A-Za-z0-9]+$/.test(key);
}

export type UrlVerdict = "ok" | "malformed" | "unsafe";

/**
 * A callback URL must literally start with `http://` or `https://` (the WHATWG parser would
 * otherwise accept `http:example.com`), contain no whitespace or control characters, and have a
 * host. Then the host must be safe to call.
 */
export function checkCallbackUrl(raw: string): UrlVerdict {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (!/^https?:\/\//i.test(raw) || /[\s\x00-\x1f\x7f]/.test(raw)) return "malformed";
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        return "malformed";
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return "malformed";
    return isUnsafeHost(url.hostname) ? "unsafe" : "ok";
}

/** A DNS name of at least two labels: letters, digits and inner hyphens, 1-63 per label, 253 total. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

export function isValidDomainName(name: string): boolean {
    if (name.length > 253) return false;
    const labels = name.split(".");
    return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** Which streaming domains the accounts own. Names compare case-insensitively, as DNS names do. */
export function domainOwnership(domains: readonly string[], anyDomain: boolean): (domainName: string) => boolean {
    if (anyDomain) return () => true;
    const owned = new Set(domains.map((d) => d.toLowerCase()));
    return (domainName) => owned.has(domainName.toLowerCase());
}
