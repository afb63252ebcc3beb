/**
 * `diff`: compares the old outputs (the engine sends outputs, not inputs) with the new checked inputs,
 * by value on canonical forms, so key order, `""` versus absent and an omitted `false` never show as
 * changes. A new domain replaces the resource; every other property is updated in place. `__provider`
 * and `adoptExisting` are not part of the configuration, so a change to them alone is no change. Pure.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { CONFIG_FIELDS, type ConfigField } from "../api/normalize";
import { PROPERTIES } from "./properties";
import { isUnknown } from "./unknown";

/** Properties whose change needs a new resource: the domain is the resource's identity. */
export const REPLACE_FIELDS: ReadonlySet<ConfigField> = new Set(PROPERTIES.filter((p) => p.replaces).map((p) => p.name as ConfigField));

const BOOLEAN_FIELDS: ReadonlySet<ConfigField> = new Set<ConfigField>(["needStatusNotify", "notifyReqAuth"]);

/** The configuration properties that differ; an unknown new value counts as a change. */
export function changedFields(olds: Readonly<Record<string, unknown>>, news: Readonly<Record<string, unknown>>): ConfigField[] {
    return CONFIG_FIELDS.filter((field) => isUnknown(news[field]) || canonical(field, olds[field]) !== canonical(field, news[field]));
}

export function diffConfig(olds: object, news: object): DiffResult {
    const changed = changedFields((olds ?? {}) as Record<string, unknown>, (news ?? {}) as Record<string, unknown>);
    return {
        changes: changed.length > 0,
        replaces: changed.filter((field) => REPLACE_FIELDS.has(field)),
        // Create-before-delete is safe: the replacement is for another domain, so both may exist at once.
        deleteBeforeReplace: false,
    };
}

/** One property's value as the service stores it. */
function canonical(field: ConfigField, value: unknown): unknown {
    if (BOOLEAN_FIELDS.has(field)) return value === true;
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    return field === "domainName" ? trimmed.toLowerCase() : trimmed;
}
