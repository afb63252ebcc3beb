/**
 * What every action runs with (the store, the caller's key, the domains it owns, the semantics
 * profile), and the parameters every action reads the same way: strings, flags, the domain, callback
 * URLs. Pure.
 */
import type { ResolvedKey } from "./accounts";
import { apiError, invalidParameter, type ErrorCode } from "./errors";
import type { SemanticsProfile } from "./semantics";
import type { ConfigStore } from "./store";
import { checkCallbackUrl, isValidDomainName, parseBoolean } from "./validation";

export interface ActionContext {
    readonly store: ConfigStore;
    readonly key: ResolvedKey;
    readonly ownsDomain: (domainName: string) => boolean;
    readonly semantics: SemanticsProfile;
}

/** The success body without `RequestId`, which the server puts first. */
export type ActionResult = Readonly<Record<string, unknown>>;

/** Empty strings count as absent: the SDKs never send them for unset fields. */
export function text(params: ReadonlyMap<string, string>, name: string): string | undefined {
    const value = params.get(name);
    return value === undefined || value === "" ? undefined : value;
}

/** true/false (the SDKs' form) and yes/no (the API pages'), any case, under every profile: see `boolWire`. */
export function flag(params: ReadonlyMap<string, string>, name: string): boolean | undefined {
    const value = parseBoolean(params.get(name));
    if (value === null) throw invalidParameter(name);
    return value;
}

/** DomainName: given, a domain name, and one the caller's account owns. */
export function domainOf(params: ReadonlyMap<string, string>, ctx: ActionContext): string {
    const domainName = text(params, "DomainName");
    if (domainName === undefined) throw apiError("MissingDomainName");
    if (!isValidDomainName(domainName) || !ctx.ownsDomain(domainName)) throw apiError("InvalidDomain.NotFound");
    return domainName;
}

export function checkUrl(value: string, malformed: ErrorCode, unsafe: ErrorCode): void {
    const verdict = checkCallbackUrl(value);
    if (verdict === "malformed") throw apiError(malformed);
    if (verdict === "unsafe") throw apiError(unsafe);
}

/**
 * An optional string parameter: `undefined` when left out, `null` when sent empty (an explicit
 * "none"), otherwise the value.
 */
export function optionalText(params: ReadonlyMap<string, string>, name: string): string | null | undefined {
    const value = params.get(name);
    return value === undefined ? undefined : value === "" ? null : value;
}
