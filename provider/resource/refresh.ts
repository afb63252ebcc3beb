/**
 * What a refresh records: the configuration as the cloud holds it, as outputs and as inputs, so the
 * next preview shows any drift. Pure.
 */
import { maskFits } from "../api/auth-key-view";
import type { AuthKeyView, Bag } from "../api/types";
import { secretProperty } from "./canonical";
import type { ResourceDefinition } from "./definition";
import { outputsOf, type Outputs } from "./inputs";

/** Stands for a key the service holds but never shows; not a valid key, so it never equals a declared one. */
export const UNSEEN_KEY = "********";

/**
 * The outputs for a described configuration. When Describe does not show the secret key in clear
 * text, the stored key is kept as long as the view allows it: a masked key whose visible characters
 * fit the stored one, or a key Describe leaves out altogether (then a change is not detectable). A mask
 * that does not fit is recorded as it is: it differs from every declared key, so the next `up` writes
 * the declared key again. So is `UNSEEN_KEY` when Describe leaves the key out, the state knows none,
 * yet the described configuration needs one (callbacks are signed: the key's `requiredWhen` holds): a
 * key was set behind Pulumi's back.
 */
export function liveOutputs(
    definition: ResourceDefinition,
    described: Bag,
    view: AuthKeyView | undefined,
    oldOutputs: Readonly<Record<string, unknown>>,
): Outputs {
    const spec = secretProperty(definition);
    if (spec === undefined) return outputsOf(definition, described);
    const name = spec.name;
    const oldKey = typeof oldOutputs[name] === "string" && oldOutputs[name] !== "" ? oldOutputs[name] : undefined;
    let key = described[name];
    if (view?.kind === "masked") key = oldKey !== undefined && maskFits(view.mask, oldKey) ? oldKey : view.mask;
    else if (view?.kind === "absent") key = oldKey ?? (needsKey(definition, described) ? UNSEEN_KEY : undefined);
    return outputsOf(definition, { ...described, [name]: key });
}

/** Whether the described configuration needs its secret key (signed callbacks need one). */
function needsKey(definition: ResourceDefinition, described: Bag): boolean {
    const condition = secretProperty(definition)?.requiredWhen;
    return condition !== undefined && described[condition.property] === condition.equals;
}

/**
 * The inputs a refresh stores. The engine marks a returned input secret only when the old input of that
 * name was secret, and inputs are not covered by `additionalSecretOutputs`. So the key is returned as an
 * input only when the old state had one (then the old input was the resource's secret-wrapped key);
 * a key that appeared out of band stays in the outputs, which the engine stores as secret, and still
 * shows as drift there.
 */
export function liveInputs(definition: ResourceDefinition, outputs: Outputs, oldOutputs: Readonly<Record<string, unknown>>): Outputs {
    const name = secretProperty(definition)?.name;
    if (name === undefined || typeof oldOutputs[name] === "string") return { ...outputs };
    const { [name]: _dropped, ...rest } = outputs;
    return rest;
}
