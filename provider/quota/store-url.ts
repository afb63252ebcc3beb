/**
 * The shared quota store's address, `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS).
 * Pure. The URL may carry a password: it is never part of an error message, and the parsed value
 * prints (JSON, util.inspect, template strings) with the password replaced by `[secret]`.
 */
import { inspect } from "node:util";

export const DEFAULT_REDIS_PORT = 6379;

export interface QuotaStoreUrl {
    /** The URL as given, password included: for the Redis client only. */
    readonly url: string;
    /** `rediss://`: TLS to the store. */
    readonly tls: boolean;
    readonly host: string;
    readonly port: number;
    readonly hasPassword: boolean;
    /** The URL with the password replaced by `[secret]`: safe to show. */
    readonly redacted: string;
}

const RULE = "must be a URL redis://[user:password@]host[:port][/db] or rediss://… (TLS)";

export function parseQuotaStoreUrl(text: string): QuotaStoreUrl {
    if (typeof text !== "string" || text.trim() === "") throw new TypeError(`the quota store ${RULE}`);
    const trimmed = text.trim();
    let url: URL;
    try {
        url = new URL(trimmed);
    } catch {
        throw new TypeError(`the quota store ${RULE}; this one is not a valid URL`);
    }
    const scheme = url.protocol.slice(0, -1).toLowerCase();
    if (scheme !== "redis" && scheme !== "rediss") throw new TypeError(`the quota store ${RULE}, not ${scheme}://`);
    if (url.hostname === "") throw new TypeError(`the quota store ${RULE}; it names no host`);
    if (url.pathname !== "" && url.pathname !== "/" && !/^\/\d{1,2}$/.test(url.pathname)) {
        throw new TypeError(`the quota store ${RULE}; its path may only be a database number such as /0`);
    }
    if (url.search || url.hash) throw new TypeError(`the quota store ${RULE}; no query or fragment`);
    const port = url.port === "" ? DEFAULT_REDIS_PORT : Number(url.port);
    const hasPassword = url.password !== "";
    const shown = new URL(trimmed);
    if (hasPassword) shown.password = "[secret]";
    const redacted = decodeURIComponent(shown.toString()).replace(/\/$/, "");
    const value: QuotaStoreUrl = { url: trimmed, tls: scheme === "rediss", host: url.hostname, port, hasPassword, redacted };
    const safe = () => ({ ...value, url: redacted });
    return Object.freeze(
        Object.defineProperties(value, {
            url: { value: trimmed, enumerable: false },
            toJSON: { value: safe, enumerable: false },
            toString: { value: () => redacted, enumerable: false },
            [inspect.custom]: { value: () => safe(), enumerable: false },
        }),
    );
}
