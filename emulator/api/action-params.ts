/**
 * What every action runs with (the store, the caller's key, the domains it owns, the semantics
 * profile), and the parameters every action reads the same way: strings, flags, the domain, callback
 * URLs. Pure.
 */
import type { ResolvedKey } from "./accounts";
import { apiError, invalidParameter, type ErrorCode } from "./errors";
import type { SemanticsProfile } from "./semantics";
import type { ConfigStore } from "./store";
import { checkCallbackUrl, isValidAuthKey, isValidDomainName, parseBoolean } from "./validation";

export interface ActionContext {
    readonly store: ConfigStore;
    readonly key: ResolvedKey;
    readonly ownsDomain: (domainName: string) => boolean;
    readonly semantics: SemanticsProfile;
    /** When the call arrived (epoch ms): a configuration's CreateTime. Default: now. */
    readonly now?: number;
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

/** An integer parameter: `undefined` when absent or empty; not a whole number, or outside `min`..`max`: InvalidParameter naming it. */
export function integer(params: ReadonlyMap<string, string>, name: string, min: number, max: number): number | undefined {
    const raw = text(params, name);
    if (raw === undefined) return undefined;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) throw invalidParameter(name);
    return value;
}

/**
 * A list parameter as the SDKs flatten it: `Name.1`, `Name.2`, ... (strings), or `Name.1.Field` (objects);
 * `undefined` when none is given.
 */
export function listParam(params: ReadonlyMap<string, string>, name: string): (string | Record<string, string>)[] | undefined {
    const items = new Map<number, string | Record<string, string>>();
    const pattern = new RegExp(`^${name}\\.(\\d+)(?:\\.([A-Za-z]+))?$`);
    for (const [key, value] of params) {
        const m = pattern.exec(key);
        if (!m) continue;
        const index = Number(m[1]);
        if (m[2] === undefined) items.set(index, value);
        else {
            const item = items.get(index);
            const object = typeof item === "object" ? item : {};
            object[m[2]] = value;
            items.set(index, object);
        }
    }
    if (items.size === 0) return undefined;
    return [...items.keys()].sort((a, b) => a - b).map((index) => items.get(index)!);
}

/** The page a paged Describe asks for: PageNum from 1, PageSize 5-30 (default 10). */
export function page(params: ReadonlyMap<string, string>): { readonly num: number; readonly size: number } {
    return { num: integer(params, "PageNum", 1, 1_000_000) ?? 1, size: integer(params, "PageSize", 5, 30) ?? 10 };
}

/** One page of `entries`, with the counts a paged Describe answers. */
export function paged<T>(entries: readonly T[], { num, size }: { readonly num: number; readonly size: number }, order: string | undefined) {
    const sorted = order === "desc" ? [...entries].reverse() : [...entries];
    return {
        items: sorted.slice((num - 1) * size, num * size),
        counts: {
            PageNum: num,
            PageSize: size,
            Order: order === "desc" ? "desc" : "asc",
            TotalNum: entries.length,
            TotalPage: Math.ceil(entries.length / size),
        },
    };
}

/** How a callback configuration is signed: NotifyReqAuth and NotifyAuthKey. */
export interface Signing {
    readonly notifyReqAuth: boolean;
    readonly notifyAuthKey: string | undefined;
}

/**
 * NotifyReqAuth and NotifyAuthKey of a write, each taken from `kept` when left out (an empty key clears
 * it). Under the documented key rule (`authKeyRule`), a key that breaks it is refused: 16 letters and
 * digits up to `maxKeyLength`, with `malformedMessage` where the action's own words differ from the
 * catalogue's. Signing without a key is refused.
 */
export function signingOf(
    params: ReadonlyMap<string, string>,
    ctx: ActionContext,
    kept: Partial<Signing> | undefined,
    { maxKeyLength, malformedMessage }: { readonly maxKeyLength?: number; readonly malformedMessage?: string } = {},
): Signing {
    const notifyReqAuth = flag(params, "NotifyReqAuth") ?? kept?.notifyReqAuth ?? false;
    const keyParam = optionalText(params, "NotifyAuthKey");
    if (typeof keyParam === "string" && ctx.semantics.authKeyRule === "16-32-alnum" && !isValidAuthKey(keyParam, maxKeyLength)) {
        throw apiError("InvalidNotifyAuthKey.Malformed", malformedMessage);
    }
    const notifyAuthKey = keyParam === undefined ? kept?.notifyAuthKey : (keyParam ?? undefined);
    if (notifyReqAuth && notifyAuthKey === undefined) throw apiError("MissingNotifyAuthKey");
    return { notifyReqAuth, notifyAuthKey };
}

/** When the call arrived, as a configuration's CreateTime shows it (ISO 8601 to the second, UTC). */
export function createTimeOf(ctx: ActionContext): string {
    return new Date(ctx.now ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
}
