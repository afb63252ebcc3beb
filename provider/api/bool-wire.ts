/**
 * How NeedStatusNotify and NotifyReqAuth travel. The SDK sends `true`/`false`; the API pages (and the
 * other Live notify configs) write `yes`/`no`; which one the service insists on is not documented.
 * The client starts with the SDK's form and switches, once per refusal, to the other. Pure.
 */
import type { QueryParams } from "./request";

export type BoolWire = "bool" | "yesno";

export const BOOLEAN_PARAMS = ["NeedStatusNotify", "NotifyReqAuth"] as const;

/** The parameters with their booleans in the given form (`yesno`: "yes"/"no" strings). */
export function encodeBooleans(query: QueryParams, wire: BoolWire): QueryParams {
    if (wire === "bool") return query;
    const out: QueryParams = { ...query };
    for (const name of BOOLEAN_PARAMS) if (typeof out[name] === "boolean") out[name] = out[name] ? "yes" : "no";
    return out;
}

/** What the service refusing a boolean parameter looks like: InvalidParameter (or Invalid<Name>...) naming it. */
export function refusesBooleanForm(facts: { readonly code?: string; readonly serviceMessage?: string }): boolean {
    const { code = "", serviceMessage = "" } = facts;
    return BOOLEAN_PARAMS.some((name) => code.includes(name) || (/^(InvalidParameter|MissingParameter)/.test(code) && serviceMessage.includes(name)));
}

export const otherBoolWire = (wire: BoolWire): BoolWire => (wire === "bool" ? "yesno" : "bool");

/** The form a Describe answer uses, when it shows one (strings "yes"/"no" mean `yesno`). */
export function describedBoolWire(value: unknown): BoolWire | undefined {
    if (typeof value === "boolean") return "bool";
    if (typeof value === "string" && /^(yes|no)$/i.test(value.trim())) return "yesno";
    return undefined;
}
