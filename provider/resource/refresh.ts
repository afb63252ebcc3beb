/**
 * What a refresh records: the configuration as the cloud holds it, as outputs and as inputs, so the
 * next preview shows any drift. Pure.
 */
import { maskFits } from "../api/auth-key-view";
import type { AuthKeyView, RecordNotifyConfig } from "../api/types";
import { outputsOf, type LiveRecordNotifyConfigOutputs } from "./inputs";

/** Stands for a key the service holds but never shows; not a valid key, so it never equals a declared one. */
export const UNSEEN_KEY = "********";

/**
 * The outputs for a described configuration. When Describe does not show the key in clear text,
 * the stored key is kept as long as the view allows it: a masked key whose visible characters fit
 * the stored one, or a key Describe leaves out altogether (then a change is not detectable). A mask
 * that does not fit is recorded as it is: it differs from every declared key, so the next `up`
 * writes the declared key again. So is `UNSEEN_KEY` when Describe leaves the key out, the state
 * knows none, yet callbacks are signed (which needs a key): a key was set behind Pulumi's back.
 */
export function liveOutputs(
    described: RecordNotifyConfig,
    view: AuthKeyView | undefined,
    oldOutputs: Readonly<Record<string, unknown>>,
): LiveRecordNotifyConfigOutputs {
    const oldKey = typeof oldOutputs.notifyAuthKey === "string" && oldOutputs.notifyAuthKey !== "" ? oldOutputs.notifyAuthKey : undefined;
    let key = described.notifyAuthKey;
    if (view?.kind === "masked") key = oldKey !== undefined && maskFits(view.mask, oldKey) ? oldKey : view.mask;
    else if (view?.kind === "absent") key = oldKey ?? (described.notifyReqAuth === true ? UNSEEN_KEY : undefined);
    return outputsOf({ ...described, notifyAuthKey: key });
}

/**
 * The inputs a refresh stores. The engine marks a returned input secret only when the old input of that
 * name was secret, and inputs are not covered by `additionalSecretOutputs`. So the key is returned as an
 * input only when the old state had one (then the old input was the resource's secret-wrapped key);
 * a key that appeared out of band stays in the outputs, which the engine stores as secret, and still
 * shows as drift there.
 */
export function liveInputs(
    outputs: LiveRecordNotifyConfigOutputs,
    oldOutputs: Readonly<Record<string, unknown>>,
): Partial<LiveRecordNotifyConfigOutputs> {
    if (typeof oldOutputs.notifyAuthKey === "string") return { ...outputs };
    const { notifyAuthKey: _dropped, ...rest } = outputs;
    return rest;
}
