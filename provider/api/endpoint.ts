/**
 * Where signed requests go. Pure.
 *
 * Accepts `host`, `host:port`, `https://host[:port]`, and `http://host[:port]` for loopback hosts only:
 * a signed request (and the NotifyAuthKey it may carry) never travels in clear text to a remote host.
 */
import { isIP } from "node:net";

export const DEFAULT_ENDPOINT = "live.aliyuncs.com";

export interface Endpoint {
    /** `host[:port]`, as openapi-core's `endpoint` wants it (it becomes the signed `host` header). */
    readonly host: string;
    readonly protocol: "http" | "https";
}

export function parseEndpoint(text: string): Endpoint {
    if (typeof text !== "string" || text.trim() === "") {
        throw new TypeError("endpoint must be a non-empty string such as `live.aliyuncs.com` or `https://host:port`");
    }
    const trimmed = text.trim();
    const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
    const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : "https";
    if (scheme !== "http" && scheme !== "https") {
        throw new TypeError(`endpoint \`${trimmed}\` must use https:// (or http:// for a loopback host), not ${scheme}://`);
    }
    let url: URL;
    try {
        url = new URL(schemeMatch ? trimmed : `https://${trimmed}`);
    } catch {
        throw new TypeError(`endpoint \`${trimmed}\` is not a valid host or URL`);
    }
    if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
        throw new TypeError(`endpoint \`${trimmed}\` must be a scheme, host and optional port only (no path, query or credentials)`);
    }
    if (scheme === "http" && !isLoopbackHost(url.hostname)) {
        throw new TypeError(
            `endpoint \`${trimmed}\` uses plain http:// to a non-loopback host; signed requests must use https:// ` +
                "(http:// is allowed only for 127.0.0.0/8, ::1 and localhost, e.g. a local emulator)",
        );
    }
    return { host: url.host, protocol: scheme };
}

/** 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (host === "localhost" || host.endsWith(".localhost")) return true;
    if (isIP(host) === 4) return host.startsWith("127.");
    if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
    return false;
}
