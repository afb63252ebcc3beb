/**
 * ACS3-HMAC-SHA256 ("V3") request signatures, computed the way the server recomputes them.
 * Pure: no I/O, no clock. Reproduces Alibaba's published RunInstances example exactly.
 *
 *   CanonicalRequest = METHOD \n URI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n sha256hex(body)
 *   StringToSign     = "ACS3-HMAC-SHA256\n" + sha256hex(CanonicalRequest)
 *   Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 */
import { createHash, createHmac } from "node:crypto";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** sha256 of an empty body: what every request of these four actions carries. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** One decoded query parameter. Order does not matter; canonicalisation sorts. */
export type QueryPair = readonly [name: string, value: string];

/**
 * RFC 3986 percent-encoding as Alibaba's signers do it: `encodeURIComponent`, plus the five
 * characters it leaves alone (`! ' ( ) *`). Node's query-string writer leaves those raw in the
 * URL, which is why the server must sign decoded-then-re-encoded values, never the raw URL text.
 */
export function percentEncode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Uint8Array): string {
    return createHash("sha256").update(data).digest("hex");
}

function compareCodeUnits(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorted `name=encode(value)` joined by `&`. Names are not encoded: the official core
 * (`getAuthorizationQueryString`) does not encode them, and the server must agree with it.
 */
export function canonicalQueryString(pairs: readonly QueryPair[]): string {
    return [...pairs]
        .sort(([an, av], [bn, bv]) => compareCodeUnits(an, bn) || compareCodeUnits(av, bv))
        .map(([name, value]) => `${name}=${percentEncode(value)}`)
        .join("&");
}

/** The path as signed: the core rewrites `+`, `*` and `%7E` before signing. */
export function canonicalUri(path: string): string {
    return (path === "" ? "/" : path).replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

/** Lower-cased, de-duplicated and sorted: the order both sides must use. */
export function normalizeSignedHeaderNames(names: readonly string[]): string[] {
    return [...new Set(names.map((n) => n.toLowerCase()))].sort(compareCodeUnits);
}

export interface V3SigningInput {
    readonly method: string;
    /** Raw request path, e.g. "/". */
    readonly path: string;
    readonly query: readonly QueryPair[];
    /** Header values by lower-case name (a missing signed header signs as ""). */
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly signedHeaders: readonly string[];
    /** sha256 hex of the body the server actually received. */
    readonly payloadHash: string;
}

export function canonicalRequestV3(input: V3SigningInput): string {
    const names = normalizeSignedHeaderNames(input.signedHeaders);
    const headerLines = names.map((name) => `${name}:${(input.headers[name] ?? "").trim()}\n`).join("");
    return [
        input.method.toUpperCase(),
        canonicalUri(input.path),
        canonicalQueryString(input.query),
        headerLines,
        names.join(";"),
        input.payloadHash,
    ].join("\n");
}

export function stringToSignV3(canonicalRequest: string): string {
    return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Lower-case hex HMAC-SHA256 keyed by the secret itself (no `&` suffix, unlike V2). */
export function signatureV3(accessKeySecret: string, input: V3SigningInput): string {
    return createHmac("sha256", accessKeySecret)
        .update(stringToSignV3(canonicalRequestV3(input)))
        .digest("hex");
}

export interface ParsedAuthorization {
    readonly accessKeyId: string;
    readonly signedHeaders: readonly string[];
    readonly signature: string;
}

const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([^,\s]+),Signature=([0-9a-f]+)$/;

/** `undefined` when the header is not a well-formed ACS3-HMAC-SHA256 authorization. */
export function parseAuthorizationV3(header: string): ParsedAuthorization | undefined {
    const match = AUTHORIZATION.exec(header.trim());
    if (!match) return undefined;
    const signedHeaders = match[2].split(";");
    if (signedHeaders.some((name) => name === "")) return undefined;
    return { accessKeyId: match[1], signedHeaders, signature: match[3] };
}
