/**
 * The route table of the main port: the admin API under `/_emulator/` (the bare `/_emulator` too),
 * and the Live API on every other path (the real service's RPC endpoint ignores the path). Pure.
 */
import { ADMIN_PREFIX } from "../admin/routes";

export type Route = { readonly to: "admin"; readonly path: string; readonly search: string } | { readonly to: "api" };

/** `rawUrl`: the request target as received, e.g. "/_emulator/requests?since=3". */
export function routeOf(rawUrl: string): Route {
    const queryAt = rawUrl.indexOf("?");
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    if (!path.startsWith(ADMIN_PREFIX) && path !== ADMIN_PREFIX.slice(0, -1)) return { to: "api" };
    return { to: "admin", path: path.startsWith(ADMIN_PREFIX) ? path : ADMIN_PREFIX, search: queryAt < 0 ? "" : rawUrl.slice(queryAt + 1) };
}
