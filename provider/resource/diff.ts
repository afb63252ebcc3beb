/**
 * `diff`: compares the old outputs (the engine sends outputs, not inputs) with the new checked inputs,
 * by value on canonical forms, so key order, `""` versus absent and an omitted `false` never show as
 * changes. A change to a property the table marks `replaces` (the identity, or a field Update cannot
 * take), or to an item field of a list Update cannot take (or to such a list's length), replaces the
 * resource; every other property is updated in place. `__provider` and provider-side options
 * (`adoptExisting`) are not part of the configuration, so a change to them alone is no change. Pure.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { canonicalValue, configProperties, sameValue } from "./canonical";
import type { PropertySpec, ResourceDefinition } from "./definition";
import { normalizeString } from "./rules";
import { isUnknown } from "./unknown";

/** The properties whose every change needs a new resource. */
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
        .filter((spec) => isUnknown(news[spec.name]) || !sameValue(canonical(spec, olds[spec.name]), canonical(spec, news[spec.name])))
        .map((spec) => spec.name);
}

/**
 * Whether a changed list's new value needs a new resource: its items have fields Update cannot take, and
 * one of those differs, or an item came or went (a new item's such fields could not be sent).
 */
function listChangeReplaces(spec: PropertySpec, old: unknown, next: unknown): boolean {
    const fixed = (spec.items?.properties ?? []).filter((field) => field.notOnUpdate || field.replaces);
    if (spec.type !== "list" || fixed.length === 0) return false;
    if (isUnknown(next)) return true;
    const a = (canonical(spec, old) ?? []) as Record<string, unknown>[];
    const b = (canonical(spec, next) ?? []) as Record<string, unknown>[];
    return a.length !== b.length || a.some((item, i) => fixed.some((field) => !sameValue(item[field.name], b[i][field.name])));
}

export function diffConfig(definition: ResourceDefinition, olds: object, news: object): DiffResult {
    const o = (olds ?? {}) as Record<string, unknown>;
    const n = (news ?? {}) as Record<string, unknown>;
    const changed = changedFields(definition, o, n);
    const replacing = replaceFields(definition);
    const byName = new Map(definition.properties.map((p) => [p.name, p]));
    const replaces = changed.filter((field) => replacing.has(field) || listChangeReplaces(byName.get(field)!, o[field], n[field]));
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
    if (spec.type === "list" || spec.type === "object" || spec.type === "integer") return canonicalValue(spec, value);
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    return normalizeString(spec.rule, value.trim());
}
