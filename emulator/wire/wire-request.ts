/**
 * An HTTP request reduced to what the gateway looks at: method, path, decoded query pairs, decoded
 * form pairs, lower-cased headers and the raw body (whose hash V3 signs). Pure.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { QueryPair } from "./signature-v3";

export interface WireRequest {
    readonly method: string;
    readonly path: string;
    /** Decoded pairs of the URL query (signed as the V3 canonical query). */
    readonly query: readonly QueryPair[];
    /** Decoded pairs of an `application/x-www-form-urlencoded` body; empty for other bodies. */
    readonly form: readonly QueryPair[];
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly body: Buffer;
}

/** application/x-www-form-urlencoded decoding (so `+` is a space), as the real gateway reads forms. */
function decodePairs(text: string): QueryPair[] {
    return [...new URLSearchParams(text)];
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(headers)) {
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
    }
    return out;
}

export function parseWireRequest(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: Buffer): WireRequest {
    const queryAt = rawUrl.indexOf("?");
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? "" : rawUrl.slice(queryAt + 1);
    const flat = flattenHeaders(headers);
    const contentType = (flat["content-type"] ?? "").toLowerCase();
    const isForm = contentType.startsWith("application/x-www-form-urlencoded");
    return {
        method: method.toUpperCase(),
        path,
        query: decodePairs(rawQuery),
        form: isForm ? decodePairs(body.toString("utf8")) : [],
        headers: flat,
        body,
    };
}

/** Every parameter, query first then form; the first occurrence of a name wins. */
export function requestParams(request: WireRequest): ReadonlyMap<string, string> {
    const params = new Map<string, string>();
    for (const [name, value] of [...request.query, ...request.form]) {
        if (!params.has(name)) params.set(name, value);
    }
    return params;
}
