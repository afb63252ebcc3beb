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

function valueSchema(spec: PropertySpec): z.ZodType {
    switch (spec.type) {
        case "string":
            return stringSchema(spec);
        case "boolean":
            return z.boolean({ error: typeError(spec.name, "a boolean (true or false)", spec.required) });
        case "integer":
            return z.number({ error: typeError(spec.name, "a whole number", spec.required) }).int({ error: `${spec.name} must be a whole number` });
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
    const conditional = definition.properties.filter((p) => p.requiredWhen !== undefined);
    return z.strictObject(shape).superRefine(
        (value, ctx) => {
            for (const spec of conditional) {
                const { property, equals } = spec.requiredWhen!;
                if (unknownFields.has(spec.name) || unknownFields.has(property)) continue;
                if (value[property] === equals && value[spec.name] === undefined) {
                    ctx.addIssue({ code: "custom", path: [spec.name], message: `${spec.name} is required when ${property} is ${String(equals)}` });
                }
            }
        },
        // Run even when other properties failed, so every failure is reported at once.
        { when: () => true },
    );
}
