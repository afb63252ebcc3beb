/**
 * Delivery overrides: `hooks.example.com=http://127.0.0.1:8080` sends callbacks whose URL names that
 * host to a local receiver instead. The callback URL keeps its real hostname (the API refuses
 * loopback callback URLs, as the service does), so the `Host` header and the signature still use it;
 * only the connection goes elsewhere. Pure.
 */
import { isValidDomainName } from "../api/validation";

export interface DeliveryRoute {
    /** Lowercase hostname of callback URLs this route catches. */
    readonly host: string;
    /** Origin to connect to instead, e.g. "http://127.0.0.1:8080". */
    readonly target: string;
}

/** Where one callback goes: the address to connect to, and the `Host` header to send. */
export interface DeliveryTarget {
    readonly connectTo: URL;
    readonly hostHeader: string;
    /** True when an override rerouted it. */
    readonly rerouted: boolean;
}

export class DeliveryRouteError extends TypeError {
    override readonly name = "DeliveryRouteError";
}

/** Validates one `host -> target` pair; the message names `where` (a flag or an option). */
export function deliveryRoute(host: string, target: string, where: string): DeliveryRoute {
    const name = host.toLowerCase().replace(/\.$/, "");
    if (!isValidDomainName(name)) throw new DeliveryRouteError(`${where}: ${JSON.stringify(host)} is not a hostname like hooks.example.com`);
    let url: URL;
    try {
        url = new URL(target);
    } catch {
        throw new DeliveryRouteError(`${where}: the target ${JSON.stringify(target)} is not a URL like http://127.0.0.1:8080`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new DeliveryRouteError(`${where}: the target must be http:// or https:// (got ${url.protocol})`);
    if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
        throw new DeliveryRouteError(
            `${where}: the target must be an origin only (scheme, host, port), like http://127.0.0.1:8080; the callback URL's path is kept`,
        );
    }
    return { host: name, target: url.origin };
}

/** Parses the command-line form `HOST=URL`. */
export function parseDeliveryRoute(text: string, where = "--deliver"): DeliveryRoute {
    const eq = text.indexOf("=");
    if (eq <= 0) throw new DeliveryRouteError(`${where} must look like HOST=URL, e.g. hooks.example.com=http://127.0.0.1:8080`);
    return deliveryRoute(text.slice(0, eq), text.slice(eq + 1), where);
}

export function resolveDelivery(url: URL, routes: readonly DeliveryRoute[]): DeliveryTarget {
    const host = url.hostname.toLowerCase().replace(/\.$/, "");
    const route = routes.find((r) => r.host === host);
    if (!route) return { connectTo: url, hostHeader: url.host, rerouted: false };
    return { connectTo: new URL(`${url.pathname}${url.search}`, route.target), hostHeader: url.host, rerouted: true };
}
