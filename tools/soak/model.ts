/**
 * What the soak's program declares: a set of named LiveRecordNotifyConfig resources, and the engine
 * registrations they become. Pure.
 *
 * A registration is built the way `LiveRecordNotifyConfig`'s constructor builds one: the properties
 * that are set, the SDK's serialized `__provider`, `notifyAuthKey` as a secret input, and
 * `additionalSecretOutputs: ["notifyAuthKey"]` (the SDK's mock monitor does not pass options, so the
 * soak cannot read them from a real registration; `model.test.ts` compares the rest with one).
 */
import type { Registration } from "../host-driver/engine";
import type { PropertyMap } from "../host-driver/struct";
import { canonicalConfig, type CanonicalConfig } from "../../provider/client/normalize";
import type { RecordNotifyConfig } from "../../provider/client/types";
import { secretOutputs } from "../../provider/resource/definition";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../../provider/resources/live-record-notify-config/definition";

export const RESOURCE_TYPE = "pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig";

/** One resource's declared properties: the configuration itself. */
export type ResourceSpec = RecordNotifyConfig;

/** The program: resource name -> declared properties. */
export type Declared = ReadonlyMap<string, ResourceSpec>;

/** The engine registration for one declared resource. */
export function registrationOf(name: string, spec: ResourceSpec, providerText: string): Registration {
    const inputs: PropertyMap = { __provider: providerText };
    for (const [key, value] of Object.entries(spec)) if (value !== undefined) inputs[key] = value;
    return {
        type: RESOURCE_TYPE,
        name,
        custom: true,
        inputs,
        secretInputs: spec.notifyAuthKey !== undefined ? ["notifyAuthKey"] : [],
        dependencies: [],
        options: { additionalSecretOutputs: secretOutputs(LIVE_RECORD_NOTIFY_CONFIG) },
    };
}

/** The configuration a declared resource must end up with in the cloud (and in the state's outputs). */
export function intendedConfig(spec: ResourceSpec): CanonicalConfig {
    return canonicalConfig({ ...spec, domainName: spec.domainName.trim().toLowerCase() });
}
