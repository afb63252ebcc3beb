/**
 * A resource's property bags as the provider sees them (plain values, after Pulumi resolved the
 * Inputs), and the conversions between them and the API's configuration. Pure.
 */
import type { Bag } from "../api/types";
import { canonicalConfig } from "./canonical";
import type { ResourceDefinition } from "./definition";

/** The key under which the dynamic-provider host carries the serialized provider in every bag. */
export const PROVIDER_KEY = "__provider";

/** Inputs after `check`: the configuration's properties (normalized, defaulted) and the provider-side options. */
export type Inputs = Record<string, unknown>;

/** Outputs: the configuration as the service stores it (canonical form), secrets kept secret by the front doors. */
export type Outputs = Record<string, unknown>;

/** The API request for the desired state held in checked inputs. */
export function desiredConfig(definition: ResourceDefinition, inputs: Bag): Outputs {
    return outputsOf(definition, inputs);
}

/**
 * The outputs for a configuration: only defined fields are copied, so the bag never holds `undefined`
 * (which the host's protobuf encoding rejects, after the API call has already succeeded).
 */
export function outputsOf(definition: ResourceDefinition, config: Bag): Outputs {
    return canonicalConfig(definition, config);
}

/** A copy without the keys whose value is `undefined`. */
export function withoutUndefined<T extends object>(bag: T): T {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(bag)) if (value !== undefined) out[key] = value;
    return out as T;
}
