/**
 * Callback authentication as Alibaba Cloud Live documents it: with `NotifyReqAuth` on, every
 * recording callback carries `ALI-LIVE-TIMESTAMP` (Unix seconds) and `ALI-LIVE-SIGNATURE`, the
 * lowercase hex MD5 of `<host of the callback URL>|<timestamp>|<NotifyAuthKey>`. A receiver
 * recomputes it and refuses stale timestamps. Pure: the clock is a parameter.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "ali-live-timestamp";
export const SIGNATURE_HEADER = "ali-live-signature";

/** The docs' example window: a callback older (or further in the future) than this is refused. */
export const DEFAULT_MAX_AGE_SECONDS = 300;

/** Node's `req.headers`, a plain record, or a fetch `Headers` object. */
export type CallbackHeaders = Readonly<Record<string, string | readonly string[] | undefined>> | { get(name: string): string | null };

export type RefusalReason =
    | "missing-timestamp"
    | "missing-signature"
    | "malformed-timestamp"
    | "malformed-signature"
    | "stale-timestamp"
    | "future-timestamp"
    | "signature-mismatch";

export type VerifyResult =
    { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: RefusalReason; readonly message: string };

export interface VerifyOptions {
    readonly headers: CallbackHeaders;
    /** The hostname of the callback URL as configured (`hooks.example.com`), no port, no scheme. */
    readonly host: string;
    /** The NotifyAuthKey; several keys accept any of them (e.g. the old and new one during a rotation). */
    readonly key: string | readonly string[];
    /** Now, epoch ms; default `Date.now()`. */
    readonly now?: number;
    /** Default 300 (5 minutes); applies to the past and the future alike. */
    readonly maxAgeSeconds?: number;
}

/** The signature covers the URL's hostname only: a value with a scheme, port or path can never match. */
export function checkCallbackHost(host: unknown, where: string): void {
    if (typeof host !== "string" || host === "" || /[/:\s]/.test(host)) {
        throw new TypeError(`${where}: host must be a bare hostname like hooks.example.com (got ${JSON.stringify(host)})`);
    }
}

/** `md5hex("host|timestamp|key")`, the value of `ALI-LIVE-SIGNATURE`. */
export function callbackSignature(host: string, timestamp: number | string, key: string): string {
    return createHash("md5").update(`${host}|${timestamp}|${key}`, "utf8").digest("hex");
}

/** One header's value, any case; of a repeated header, the first. */
function headerValue(headers: CallbackHeaders, name: string): string | undefined {
    if (typeof (headers as { get?: unknown }).get === "function") {
        return (headers as { get(name: string): string | null }).get(name) ?? undefined;
    }
    const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
    const found = Object.keys(record).find((k) => k.toLowerCase() === name);
    const value = found === undefined ? undefined : record[found];
    return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
}

const refuse = (reason: RefusalReason, message: string): VerifyResult => ({ ok: false, reason, message });

/** Equal-length comparison in constant time; lengths are fixed (32) before this is called. */
function sameHex(a: string, b: string): boolean {
    return timingSafeEqual(Buffer.from(a, "latin1"), Buffer.from(b, "latin1"));
}

/**
 * Checks a callback's signature headers. Never throws for bad headers; the refusal says which rule
 * failed and never contains the key or the expected signature.
 */
export function verifyCallbackSignature(options: VerifyOptions): VerifyResult {
    const keys: readonly unknown[] = typeof options.key === "string" ? [options.key] : Array.isArray(options.key) ? options.key : [];
    if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
        throw new TypeError("verifyCallbackSignature: key must be a non-empty string or a non-empty list of them");
    }
    checkCallbackHost(options.host, "verifyCallbackSignature");
    const maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
    if (typeof maxAge !== "number" || !Number.isFinite(maxAge) || maxAge < 0) {
        throw new TypeError(`verifyCallbackSignature: maxAgeSeconds must be a finite number >= 0 (got ${String(maxAge)})`);
    }
    const rawTimestamp = headerValue(options.headers, TIMESTAMP_HEADER);
    const signature = headerValue(options.headers, SIGNATURE_HEADER);
    if (rawTimestamp === undefined || rawTimestamp === "") return refuse("missing-timestamp", "the ALI-LIVE-TIMESTAMP header is missing");
    if (signature === undefined || signature === "") return refuse("missing-signature", "the ALI-LIVE-SIGNATURE header is missing");
    if (!/^\d{1,12}$/.test(rawTimestamp)) {
        return refuse("malformed-timestamp", "ALI-LIVE-TIMESTAMP must be a Unix time in whole seconds (digits only)");
    }
    if (!/^[0-9a-f]{32}$/.test(signature)) {
        return refuse("malformed-signature", "ALI-LIVE-SIGNATURE must be 32 lowercase hexadecimal characters (an MD5 digest)");
    }
    const timestamp = Number(rawTimestamp);
    const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
    if (nowSeconds - timestamp > maxAge) {
        return refuse("stale-timestamp", `ALI-LIVE-TIMESTAMP is ${nowSeconds - timestamp} s old (at most ${maxAge} s allowed)`);
    }
    if (timestamp - nowSeconds > maxAge) {
        return refuse("future-timestamp", `ALI-LIVE-TIMESTAMP is ${timestamp - nowSeconds} s in the future (at most ${maxAge} s allowed)`);
    }
    // Every key is tried, so the time taken does not tell which one matched.
    let matched = false;
    for (const key of keys as readonly string[]) matched = sameHex(callbackSignature(options.host, rawTimestamp, key), signature) || matched;
    if (!matched) {
        return refuse(
            "signature-mismatch",
            `ALI-LIVE-SIGNATURE does not match host ${JSON.stringify(options.host)}, the timestamp and the configured key`,
        );
    }
    return { ok: true, timestamp };
}
