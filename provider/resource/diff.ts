/**
 * `diff`: compares the old outputs (the engine sends outputs, not inputs) with the new checked inputs,
 * by value on canonical forms, so key order, `""` versus absent and an omitted `false` never show as
 * changes. A change to a property the table marks `replaces` (the identity, or a field Update cannot
 * take) replaces the resource; every other property is updated in place. `__provider` and
 * provider-side options (`adoptExisting`) are not part of the configuration, so a change to them alone
 * is no change. Pure.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { configProperties } from "./canonical";
import type { PropertySpec, ResourceDefinition } from "./definition";
import { normalizeString } from "./rules";
import { isUnknown } from "./unknown";

/** The properties whose change needs a new resource. */
export function replaceFields(definition: ResourceDefinition): ReadonlySet<string> {
    return new Set(definition.properties.filter((p) => p.replaces).map((p) => p.name));
}

/** The configuration properties that differ; an unknown new value counts as a change. */
export function changedFields(
    definition: ResourceDefinition,
    olds: Readonly<Record<string, unknown>>,
    news: Readonly<Record<string, unknown>>,
): string[] {
    return configProperties(definition)
        .filter((spec) => isUnknown(news[spec.name]) || canonical(spec, olds[spec.name]) !== canonical(spec, news[spec.name]))
        .map((spec) => spec.name);
}

export function diffConfig(definition: ResourceDefinition, olds: object, news: object): DiffResult {
    const changed = changedFields(definition, (olds ?? {}) as Record<string, unknown>, (news ?? {}) as Record<string, unknown>);
    const replacing = replaceFields(definition);
    const replaces = changed.filter((field) => replacing.has(field));
    const identity = new Set(definition.binding.identity);
    return {
        changes: changed.length > 0,
        replaces,
        // Create-before-delete is safe when the replacement has another identity (another domain): both
        // may exist at once. A replacement of the same identity (a field Update cannot take) must delete first.
        deleteBeforeReplace: replaces.length > 0 && !replaces.some((field) => identity.has(field)),
    };
}

/** One property's value as the service stores it. */
function canonical(spec: PropertySpec, value: unknown): unknown {
    if (spec.type === "boolean") return value === undefined || value === null ? (spec.defaultValue ?? false) : value === true;
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    return normalizeString(spec.rule, value.trim());
}
