/**
 * A configuration on the wire, as the table's `wire` columns say: the parameters of a write, those of
 * Describe and Delete (the identity), and Describe's answer read back into the table's properties.
 * Parameters are as the official SDK builds them: PascalCase names, only fields that are set (an empty
 * string is set: it clears). Pure.
 */
import { authKeyView } from "../api/auth-key-view";
import { booleanField, integerField, stringField } from "../api/response";
import type { QueryParams, ResponseBody } from "../api/rpc";
import type { AuthKeyView, Bag } from "../api/types";
import { configProperties } from "./canonical";
import type { PropertySpec, ResourceDefinition } from "./definition";

function wireValue(spec: PropertySpec, value: unknown): string | number | boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (spec.type === "boolean") return spec.wire?.form === "yesno" ? (value === true ? "yes" : "no") : value === true;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
    return undefined;
}

function paramsOf(specs: readonly PropertySpec[], bag: Bag): QueryParams {
    const query: Record<string, string | number | boolean> = {};
    for (const spec of specs) {
        if (spec.wire === undefined) continue;
        const value = wireValue(spec, bag[spec.name]);
        if (value !== undefined) query[spec.wire.name] = value;
    }
    return query;
}

/** Parameters of a write (Add, Update, Set): every configuration property that is set. */
export function writeParams(definition: ResourceDefinition, config: Bag): QueryParams {
    return paramsOf(configProperties(definition), config);
}

function identitySpecs(definition: ResourceDefinition): PropertySpec[] {
    return definition.binding.identity.map((name) => definition.properties.find((p) => p.name === name) as PropertySpec);
}

/** Parameters of Describe and Delete: the identity. */
export function identityParams(definition: ResourceDefinition, identity: Bag): QueryParams {
    return paramsOf(identitySpecs(definition), identity);
}

/** The identity of a configuration (or of an identity): its identity properties only. */
export function identityOf(definition: ResourceDefinition, request: Bag): Bag {
    return Object.fromEntries(definition.binding.identity.filter((name) => request[name] !== undefined).map((name) => [name, request[name]]));
}

/** Where Describe's answer holds the configuration, or `undefined` when it holds none there. */
function container(definition: ResourceDefinition, body: ResponseBody): Record<string, unknown> | undefined {
    const shape = definition.binding.described;
    const raw = shape.in === "field" ? body?.[shape.field] : body;
    return typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : undefined;
}

const describedName = (spec: PropertySpec): string => spec.wire?.describedAs ?? spec.wire?.name ?? spec.name;

/**
 * Whether a Describe answer holds no configuration: a service may answer 200 with an empty (or partial)
 * one instead of 404 InvalidConfig.NotFound. A configuration without a required field is no
 * configuration (the identity aside, which Describe was asked for).
 */
export function isEmptyDescribe(definition: ResourceDefinition, body: ResponseBody): boolean {
    const c = container(definition, body);
    if (c === undefined) return true;
    const identity = new Set(definition.binding.identity);
    return configProperties(definition).some((spec) => spec.required && !identity.has(spec.name) && isMissing(spec, c[describedName(spec)]));
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
        const raw = c[describedName(spec)];
        if (spec.secret) {
            view = authKeyView(raw);
            if (view.kind === "clear" && view.key !== undefined) config[spec.name] = view.key;
            continue;
        }
        const value = spec.type === "boolean" ? booleanField(raw) : spec.type === "integer" ? integerField(raw) : stringField(c, describedName(spec));
        if (value !== undefined) config[spec.name] = value;
        else if (identity.has(spec.name) && requested[spec.name] !== undefined) config[spec.name] = requested[spec.name];
    }
    return view === undefined ? { config } : { config, authKeyView: view };
}
