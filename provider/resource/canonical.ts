/**
 * The canonical form of a configuration, as the service stores it: flags explicit (the service
 * defaults them), empty strings absent, provider-side options left out. Two configurations are the same
 * when their canonical forms are equal. Derived from the property table. Pure.
 */
import { keyConsistent } from "../api/auth-key-view";
import type { AuthKeyView, Bag } from "../api/types";
import type { Holds } from "../retry/settle";
import type { PropertySpec, ResourceDefinition } from "./definition";

/** The properties the service holds (everything but provider-side options), in table order. */
export function configProperties(definition: ResourceDefinition): readonly PropertySpec[] {
    return definition.properties.filter((p) => p.output);
}

/** The property `definition` keeps secret (at most one: a callback key), if any. */
export function secretProperty(definition: ResourceDefinition): PropertySpec | undefined {
    return definition.properties.find((p) => p.secret);
}

/** A value as the service stores it; lists and objects canonical item by item, an empty list absent. */
export function canonicalValue(spec: PropertySpec, value: unknown): unknown {
    switch (spec.type) {
        case "boolean":
            return value === undefined || value === null ? (spec.defaultValue ?? false) : value === true;
        case "string":
            return typeof value === "string" && value !== "" ? value : undefined;
        case "integer":
            return typeof value === "number" ? value : spec.defaultValue;
        case "list": {
            if (!Array.isArray(value) || value.length === 0) return undefined;
            return value.map((item) => canonicalValue(spec.items!, item));
        }
        case "object": {
            if (typeof value !== "object" || value === null) return undefined;
            const out: Record<string, unknown> = {};
            for (const field of spec.properties ?? []) {
                const v = canonicalValue(field, (value as Record<string, unknown>)[field.name]);
                if (v !== undefined) out[field.name] = v;
            }
            return out;
        }
    }
}

/** Two canonical values are the same (lists and objects by value). */
export function sameValue(a: unknown, b: unknown): boolean {
    return a === b || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));
}

/** `config`'s canonical form: only the configuration's properties, only defined values. */
export function canonicalConfig(definition: ResourceDefinition, config: Bag): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const spec of configProperties(definition)) {
        const value = canonicalValue(spec, config[spec.name]);
        if (value !== undefined) out[spec.name] = value;
    }
    return out;
}

/** The configuration properties whose canonical values differ, in table order. */
export function differingFields(definition: ResourceDefinition, a: Bag, b: Bag): string[] {
    const ca = canonicalConfig(definition, a);
    const cb = canonicalConfig(definition, b);
    return configProperties(definition)
        .map((p) => p.name)
        .filter((field) => !sameValue(ca[field], cb[field]));
}

export function sameConfig(definition: ResourceDefinition, a: Bag, b: Bag): boolean {
    return differingFields(definition, a, b).length === 0;
}

/**
 * Whether the service holds `desired`, as far as a Describe shows it: every field equal, and the secret
 * key as the view allows (a masked key that fits, or a key Describe does not show at all).
 */
export function holdsConfig(definition: ResourceDefinition, described: Bag, view: AuthKeyView | undefined, desired: Bag): boolean {
    if (view === undefined || view.kind === "clear") return sameConfig(definition, described, desired);
    const secret = secretProperty(definition)?.name;
    if (differingFields(definition, described, desired).some((field) => field !== secret)) return false;
    const key = secret === undefined ? undefined : canonicalConfig(definition, desired)[secret];
    return keyConsistent(view, typeof key === "string" ? key : undefined) !== false;
}

/** `holdsConfig` of `definition`, as the retrying client takes it. */
export function holdsOf(definition: ResourceDefinition): Holds<Bag> {
    return (described, view, desired) => holdsConfig(definition, described, view, desired);
}
