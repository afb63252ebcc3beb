/**
 * The input rules of a resource, as zod schemas built from its property table: one schema per property
 * (its type, its named rule, its limits, its default), plus the rules that span two properties (a
 * property required when another has a value). Pure.
 *
 * Messages name the property and the rule, never the value: the engine prints the value itself (as
 * `[secret]` for secrets), and a NotifyAuthKey must not reach a log through a reason.
 */
import { z } from "zod";
import type { PropertySpec, ResourceDefinition } from "./definition";
import { RULES } from "./rules";

const typeError = (field: string, type: string, required: boolean) => (issue: { input: unknown }) =>
    required && (issue.input === undefined || issue.input === null) ? `${field} is required` : `${field} must be ${type}`;

function stringSchema(spec: PropertySpec): z.ZodType {
    const base = z.string({ error: typeError(spec.name, "a string", spec.required) });
    const rule = spec.rule === undefined ? undefined : RULES[spec.rule];
    if (rule === undefined) {
        if (spec.maxLength === undefined) return base;
        return base.max(spec.maxLength, { error: `${spec.name} must be at most ${spec.maxLength} characters` });
    }
    return base.transform(rule.normalize).superRefine((value, ctx) => {
        for (const problem of rule.problems(value, { maxLength: spec.maxLength }))
            ctx.addIssue({ code: "custom", message: `${spec.name} ${problem}` });
    });
}

/** "m3u8 or cmaf", "true": a condition's values in words. */
function valuesInWords(equals: boolean | string | readonly string[]): string {
    return Array.isArray(equals) ? equals.join(" or ") : String(equals);
}

/** Whether `value` meets a `requiredWhen` condition's values. */
export function meetsCondition(value: unknown, equals: boolean | string | readonly string[]): boolean {
    return Array.isArray(equals) ? equals.includes(value) : value === equals;
}

function integerSchema(spec: PropertySpec): z.ZodType {
    return z.number({ error: typeError(spec.name, "a whole number", spec.required) }).superRefine((value, ctx) => {
        if (!Number.isInteger(value)) ctx.addIssue({ code: "custom", message: `${spec.name} must be a whole number` });
        else if (spec.min !== undefined && value < spec.min) ctx.addIssue({ code: "custom", message: `${spec.name} must be at least ${spec.min}` });
        else if (spec.max !== undefined && value > spec.max) ctx.addIssue({ code: "custom", message: `${spec.name} must be at most ${spec.max}` });
        else if (spec.oneOf !== undefined && !spec.oneOf.includes(value)) {
            ctx.addIssue({ code: "custom", message: `${spec.name} must be one of ${spec.oneOf.join(", ")}` });
        }
    });
}

function enumerated(spec: PropertySpec, schema: z.ZodType): z.ZodType {
    const allowed = spec.oneOf;
    if (allowed === undefined) return schema;
    return schema.superRefine((value, ctx) => {
        if (!allowed.includes(value as string)) ctx.addIssue({ code: "custom", message: `${spec.name} must be one of ${allowed.join(", ")}` });
    });
}

/** The rules that span properties of one object: a property required when another has a value. */
function withConditions<T extends z.ZodType>(specs: readonly PropertySpec[], schema: T, unknownFields: ReadonlySet<string> = new Set()): z.ZodType {
    const conditional = specs.filter((p) => p.requiredWhen !== undefined);
    if (conditional.length === 0) return schema;
    return schema.superRefine(
        (value, ctx) => {
            const bag = value as Record<string, unknown>;
            for (const spec of conditional) {
                const { property, equals } = spec.requiredWhen!;
                if (unknownFields.has(spec.name) || unknownFields.has(property)) continue;
                if (meetsCondition(bag[property], equals) && bag[spec.name] === undefined) {
                    ctx.addIssue({
                        code: "custom",
                        path: [spec.name],
                        message: `${spec.name} is required when ${property} is ${valuesInWords(equals)}`,
                    });
                }
            }
        },
        // Run even when other properties failed, so every failure is reported at once.
        { when: () => true },
    );
}

function objectSchema(spec: PropertySpec): z.ZodType {
    const fields = spec.properties ?? [];
    const shape = Object.fromEntries(fields.map((field) => [field.name, propertySchema(field)]));
    return withConditions(fields, z.strictObject(shape, { error: typeError(spec.name, "an object", spec.required) }));
}

function listSchema(spec: PropertySpec): z.ZodType {
    const item = spec.items;
    if (item === undefined) throw new TypeError(`${spec.name}: a list property needs its items`);
    // Messages name the list (check.ts adds the item's index): "recordFormats must be an object".
    return z.array(valueSchema({ ...item, name: spec.name, required: true }), { error: typeError(spec.name, "a list", spec.required) });
}

function valueSchema(spec: PropertySpec): z.ZodType {
    switch (spec.type) {
        case "string":
            return enumerated(spec, stringSchema(spec));
        case "boolean":
            return z.boolean({ error: typeError(spec.name, "a boolean (true or false)", spec.required) });
        case "integer":
            return integerSchema(spec);
        case "list":
            return listSchema(spec);
        case "object":
            return objectSchema(spec);
    }
}

/** The schema of one input property when its value is known: required, defaulted or optional. */
export function propertySchema(spec: PropertySpec): z.ZodType {
    const schema = valueSchema(spec);
    if (spec.required) return schema;
    if (spec.defaultValue !== undefined) return schema.default(spec.defaultValue);
    return schema.optional();
}

/** The schema of each input property of `definition`, by name. */
export function fieldSchemas(definition: ResourceDefinition): Readonly<Record<string, z.ZodType>> {
    return Object.fromEntries(definition.properties.map((spec) => [spec.name, propertySchema(spec)]));
}

type InputsSchema = z.ZodType<Record<string, unknown>>;

/** Compiled schemas per definition and set of unknown properties: zod compiles a schema on its first use, per object. */
const COMPILED = new WeakMap<ResourceDefinition, Map<string, InputsSchema>>();

/**
 * The whole input bag of `definition`. Properties whose value is unknown (see unknown.ts) are passed
 * through unvalidated, and rules that depend on them are skipped; unrecognized properties are issues.
 */
export function inputsSchema(definition: ResourceDefinition, unknownKeys: ReadonlySet<string>): InputsSchema {
    let byUnknown = COMPILED.get(definition);
    if (byUnknown === undefined) COMPILED.set(definition, (byUnknown = new Map<string, InputsSchema>()));
    const unknownFields = definition.properties.map((p) => p.name).filter((name) => unknownKeys.has(name));
    const cacheKey = unknownFields.join(",");
    let schema = byUnknown.get(cacheKey);
    if (schema === undefined) {
        schema = buildInputsSchema(definition, new Set(unknownFields));
        byUnknown.set(cacheKey, schema);
    }
    return schema;
}

function buildInputsSchema(definition: ResourceDefinition, unknownFields: ReadonlySet<string>): InputsSchema {
    const fields = fieldSchemas(definition);
    const shape: Record<string, z.ZodType> = {};
    for (const [key, schema] of Object.entries(fields)) shape[key] = unknownFields.has(key) ? z.unknown() : schema;
    const conditioned = withConditions(definition.properties, z.strictObject(shape), unknownFields);
    const rules = definition.rules ?? [];
    if (rules.length === 0) return conditioned as unknown as InputsSchema;
    const isGiven = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);
    return conditioned.superRefine(
        (value, ctx) => {
            const bag = value as Record<string, unknown>;
            for (const rule of rules) {
                if ("atLeastOneOf" in rule) {
                    if (rule.atLeastOneOf.some((name) => unknownFields.has(name))) continue;
                    if (!rule.atLeastOneOf.some((name) => isGiven(bag[name]))) {
                        ctx.addIssue({
                            code: "custom",
                            path: [rule.atLeastOneOf[0]],
                            message: `at least one of ${rule.atLeastOneOf.join(" and ")} must be given`,
                        });
                    }
                } else if (!unknownFields.has(rule.needs) && !isGiven(bag[rule.needs])) {
                    for (const name of rule.given.filter((n) => isGiven(bag[n]) && !unknownFields.has(n))) {
                        ctx.addIssue({ code: "custom", path: [name], message: `${name} is taken only with ${rule.needs}` });
                    }
                }
            }
        },
        // Run even when other properties failed, so every failure is reported at once.
        { when: () => true },
    ) as unknown as InputsSchema;
}
