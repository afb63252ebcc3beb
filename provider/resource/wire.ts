/**
 * A configuration on the wire, as the table's `wire` columns say: the parameters of a write, those of
 * Describe and Delete (the identity), and Describe's answer read back into the table's properties.
 * Parameters are as the official SDK builds them: PascalCase names, only fields that are set (an empty
 * string is set: it clears). Pure.
 */
import { authKeyView } from "../api/auth-key-view";
import { booleanField, integerField } from "../api/response";
import type { QueryParams, QueryValue, ResponseBody } from "../api/rpc";
import type { AuthKeyView, Bag } from "../api/types";
import { configProperties } from "./canonical";
import { identityProperties, type PropertySpec, type ResourceDefinition } from "./definition";

/** Which write the parameters are for: Update leaves out what it cannot take (`notOnUpdate`). */
export type WriteKind = "create" | "update";

function wireValue(spec: PropertySpec, value: unknown, kind: WriteKind): QueryValue | undefined {
    if (value === undefined || value === null) return undefined;
    if (spec.type === "boolean") return spec.wire?.form === "yesno" ? (value === true ? "yes" : "no") : value === true;
    if (spec.type === "list") {
        if (!Array.isArray(value)) return undefined;
        const items = value.map((item) => wireValue(spec.items!, item, kind)).filter((item): item is QueryValue => item !== undefined);
        return items;
    }
    if (spec.type === "object") {
        if (typeof value !== "object") return undefined;
        return paramsOf(spec.properties ?? [], value as Bag, kind);
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
    return undefined;
}

/** The parameters of `specs` (an object's fields) that `bag` sets, named by their `wire`; an item field without one by its name in PascalCase. */
function paramsOf(specs: readonly PropertySpec[], bag: Bag, kind: WriteKind): QueryParams {
    const query: Record<string, QueryValue> = {};
    for (const spec of specs) {
        if (!spec.output || (kind === "update" && spec.notOnUpdate)) continue;
        const value = wireValue(spec, bag[spec.name], kind);
        if (value !== undefined) query[wireName(spec)] = value;
    }
    return query;
}

/** A property's parameter name. */
export function wireName(spec: PropertySpec): string {
    return spec.wire?.name ?? spec.name[0].toUpperCase() + spec.name.slice(1);
}

/** Parameters of a write (Add, Update, Set): every configuration property that is set, Update's without what it cannot take. */
export function writeParams(definition: ResourceDefinition, config: Bag, kind: WriteKind = "create"): QueryParams {
    return paramsOf(configProperties(definition), config, kind);
}

/** Parameters of Describe and Delete: the identity. */
export function identityParams(definition: ResourceDefinition, identity: Bag): QueryParams {
    return paramsOf(identityProperties(definition), identity, "create");
}

/** The identity of a configuration (or of an identity): its identity properties only. */
export function identityOf(definition: ResourceDefinition, request: Bag): Bag {
    return Object.fromEntries(definition.binding.identity.filter((name) => request[name] !== undefined).map((name) => [name, request[name]]));
}

/** The value at a dotted `path` of an answer (`RecordFormatList.RecordFormat`). */
export function valueAt(obj: unknown, path: string): unknown {
    let value = obj;
    for (const part of path.split(".")) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    return value;
}

/**
 * Where Describe's answer holds the configuration, or `undefined` when it holds none there. A listed
 * configuration's entry is chosen before (config-client.ts): `body` is then that entry.
 */
function container(definition: ResourceDefinition, body: ResponseBody): Record<string, unknown> | undefined {
    const shape = definition.binding.described;
    const raw = shape.in === "field" ? body?.[shape.field] : body;
    return typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : undefined;
}

const describedName = (spec: PropertySpec): string => spec.wire?.describedAs ?? wireName(spec);

/** A described value read into a property's type; `undefined` when absent. */
function readValue(spec: PropertySpec, raw: unknown): unknown {
    switch (spec.type) {
        case "boolean":
            return booleanField(raw);
        case "integer":
            return integerField(raw);
        case "string":
            return typeof raw === "string" && raw !== "" ? raw : typeof raw === "number" ? String(raw) : undefined;
        case "list": {
            if (!Array.isArray(raw)) return undefined;
            const items = raw.map((item) => readValue(spec.items!, item)).filter((item) => item !== undefined);
            return items.length === 0 ? undefined : items;
        }
        case "object": {
            if (typeof raw !== "object" || raw === null) return undefined;
            const out: Record<string, unknown> = {};
            for (const field of spec.properties ?? []) {
                const value = readValue(field, valueAt(raw, describedName(field)));
                if (value !== undefined) out[field.name] = value;
            }
            return out;
        }
    }
}

/**
 * Whether a Describe answer holds no configuration: a service may answer 200 with an empty (or partial)
 * one instead of 404 InvalidConfig.NotFound. A configuration without a required field is no
 * configuration (the identity aside, which Describe was asked for).
 */
export function isEmptyDescribe(definition: ResourceDefinition, body: ResponseBody): boolean {
    const c = container(definition, body);
    if (c === undefined) return true;
    const identity = new Set(definition.binding.identity);
    return configProperties(definition).some((spec) => spec.required && !identity.has(spec.name) && isMissing(spec, valueAt(c, describedName(spec))));
}

function isMissing(spec: PropertySpec, raw: unknown): boolean {
    if (spec.type === "string") return typeof raw !== "string" || raw === "";
    return raw === undefined || raw === null || raw === "";
}

/** The configuration a Describe answer holds, read into the table's properties, and how it showed the secret key. */
export function describedConfig(
    definition: ResourceDefinition,
    body: ResponseBody,
    requested: Bag,
): { readonly config: Record<string, unknown>; readonly authKeyView?: AuthKeyView } {
    const c = container(definition, body) ?? {};
    const identity = new Set(definition.binding.identity);
    const config: Record<string, unknown> = {};
    let view: AuthKeyView | undefined;
    for (const spec of configProperties(definition)) {
        const raw = valueAt(c, describedName(spec));
        if (spec.secret) {
            view = authKeyView(raw);
            if (view.kind === "clear" && view.key !== undefined) config[spec.name] = view.key;
            continue;
        }
        const value = readValue(spec, raw);
        if (value !== undefined) config[spec.name] = value;
        else if (identity.has(spec.name) && requested[spec.name] !== undefined) config[spec.name] = requested[spec.name];
    }
    return view === undefined ? { config } : { config, authKeyView: view };
}
