/**
 * What the app-level configurations (recording, snapshots) share: their identity parameters (DomainName,
 * AppName, StreamName for recordings) and which stored configurations a Describe for a domain and app
 * lists, `*` included as the `starApp` profile says. Pure.
 */
import { domainOf, text, type ActionContext } from "./action-params";
import { apiError, invalidParameter } from "./errors";
import type { KindConfig } from "./store";

/** App and stream names as the ingest URL carries them; `*` is every app. */
const PATH_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export interface AppIdentity {
    readonly domainName: string;
    readonly appName: string;
    readonly streamName?: string;
    /** `domain/app[/stream]`, the store's id. */
    readonly id: string;
}

/** The identity a call names: DomainName (owned), AppName (required, a name or `*`), and StreamName when given. */
export function identityOf(params: ReadonlyMap<string, string>, ctx: ActionContext, withStream = true): AppIdentity {
    const domainName = domainOf(params, ctx);
    const appName = text(params, "AppName");
    if (appName === undefined) throw apiError("MissingAppName");
    if (appName !== "*" && !PATH_NAME.test(appName)) throw invalidParameter("AppName");
    const streamName = withStream ? text(params, "StreamName") : undefined;
    if (streamName !== undefined && !PATH_NAME.test(streamName)) throw invalidParameter("StreamName");
    return {
        domainName,
        appName,
        ...(streamName !== undefined ? { streamName } : {}),
        id: [domainName, appName, ...(streamName !== undefined ? [streamName] : [])].join("/"),
    };
}

/**
 * The configurations a Describe for `domainName` (and `app`, when given) lists, oldest first. Under
 * `starApp: "listed"` a Describe for one app lists the `*` configuration too, first: it is in force for
 * that app.
 */
export function appsOf<T extends KindConfig & { readonly appName: string }>(
    all: readonly T[],
    domainName: string,
    app: string | undefined,
    ctx: ActionContext,
): T[] {
    const ofDomain = all.filter((c) => c.domainName.toLowerCase() === domainName.toLowerCase());
    if (app === undefined) return ofDomain;
    const star = ctx.semantics.starApp === "listed" && app !== "*" ? ofDomain.filter((c) => c.appName === "*") : [];
    return [...star, ...ofDomain.filter((c) => c.appName === app)];
}
