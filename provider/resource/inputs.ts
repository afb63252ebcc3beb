/**
 * The resource's property bags as the provider sees them (plain values, after Pulumi resolved the
 * Inputs), and the conversions between them and the API's config. Pure.
 */
import { canonicalConfig, CONFIG_FIELDS, type CanonicalConfig } from "../api/normalize";
import type { RecordNotifyConfig } from "../api/types";

/** The key under which the dynamic-provider host carries the serialized provider in every bag. */
export const PROVIDER_KEY = "__provider";

/** Inputs after `check`: the API's fields (trimmed, domain lower-cased, booleans defaulted), plus one of our own. */
export interface LiveRecordNotifyConfigInputs extends RecordNotifyConfig {
    /** On create, take over a configuration the domain already has instead of failing. Not sent to the service. */
    readonly adoptExisting?: boolean;
}

/** Outputs: the configuration as the service stores it (canonical form), `notifyAuthKey` secret. */
export type LiveRecordNotifyConfigOutputs = CanonicalConfig;

/** Every input property, in display order. */
export const INPUT_KEYS = [...CONFIG_FIELDS, "adoptExisting"] as const;

export type InputKey = (typeof INPUT_KEYS)[number];

/** Outputs the engine must store as secrets. */
export const SECRET_OUTPUTS = ["notifyAuthKey"] as const;

/** The API request for the desired state held in checked inputs. */
export function desiredConfig(inputs: LiveRecordNotifyConfigInputs): CanonicalConfig {
    return outputsOf(inputs);
}

/**
 * The outputs for a configuration: only defined fields are copied, so the bag never holds `undefined`
 * (which the host's protobuf encoding rejects, after the API call has already succeeded).
 */
export function outputsOf(config: RecordNotifyConfig): LiveRecordNotifyConfigOutputs {
    return canonicalConfig({
        domainName: config.domainName,
        notifyUrl: config.notifyUrl,
        onDemandUrl: config.onDemandUrl,
        needStatusNotify: config.needStatusNotify,
        notifyReqAuth: config.notifyReqAuth,
        notifyAuthKey: config.notifyAuthKey,
    });
}

/** A copy without the keys whose value is `undefined`. */
export function withoutUndefined<T extends object>(bag: T): T {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(bag)) if (value !== undefined) out[key] = value;
    return out as T;
}
