/**
 * What a refresh records: the configuration as the cloud holds it, as outputs and as inputs, so the
 * next preview shows any drift. Pure.
 */
import type { RecordNotifyConfig } from "../api/types";
import { outputsOf, type LiveRecordNotifyConfigOutputs } from "./inputs";
import { NOTIFY_AUTH_KEY_PATTERN } from "./schema";

/**
 * The outputs for a described configuration. A described key that cannot be a key (not 16-32 letters
 * and digits, e.g. masked as `****`) is unreadable rather than changed: the stored one is kept, so a
 * service that masks keys does not make every refresh report drift.
 */
export function liveOutputs(described: RecordNotifyConfig, oldOutputs: Readonly<Record<string, unknown>>): LiveRecordNotifyConfigOutputs {
    const key = described.notifyAuthKey;
    const oldKey = oldOutputs.notifyAuthKey;
    if (key !== undefined && !NOTIFY_AUTH_KEY_PATTERN.test(key) && typeof oldKey === "string") {
        return outputsOf({ ...described, notifyAuthKey: oldKey });
    }
    return outputsOf(described);
}

/**
 * The inputs a refresh stores. The engine marks a returned input secret only when the old input of that
 * name was secret, and inputs are not covered by `additionalSecretOutputs`. So the key is returned as an
 * input only when the old state had one (then the old input was the resource's secret-wrapped key);
 * a key that appeared out of band stays in the outputs, which the engine stores as secret, and still
 * shows as drift there.
 */
export function liveInputs(outputs: LiveRecordNotifyConfigOutputs, oldOutputs: Readonly<Record<string, unknown>>): Partial<LiveRecordNotifyConfigOutputs> {
    if (typeof oldOutputs.notifyAuthKey === "string") return { ...outputs };
    const { notifyAuthKey: _dropped, ...rest } = outputs;
    return rest;
}
