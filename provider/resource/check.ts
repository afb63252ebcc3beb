/**
 * `check`: validates a resource's inputs against the rules its property table gives (schema.ts) and
 * returns them normalized, with defaults applied, or every failure at once. Pure; never throws (a
 * failure to validate is a failure).
 */
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import type { ResourceDefinition } from "./definition";
import { PROVIDER_KEY, withoutUndefined, type Inputs } from "./inputs";
import { inputsSchema } from "./schema";
import { isUnknown } from "./unknown";

export function checkInputs(definition: ResourceDefinition, news: object): CheckResult<Inputs> {
    try {
        const bag = propertyBag(definition, news as Readonly<Record<string, unknown>>);
        const unknownKeys = new Set(Object.keys(bag).filter((key) => isUnknown(bag[key])));
        const result = inputsSchema(definition, unknownKeys).safeParse(bag);
        if (result.success) return { inputs: withoutUndefined(result.data) };
        return { inputs: bag, failures: result.error.issues.flatMap((issue) => toFailures(definition, issue)) };
    } catch (error) {
        return {
            inputs: news as Inputs,
            failures: [{ property: "", reason: `could not validate the inputs: ${error instanceof Error ? error.message : String(error)}` }],
        };
    }
}

/**
 * The inputs without the host's `__provider` (it adds it back) and without left-out optional values:
 * `null` and `""` count as left out (e.g. `config.get("x") ?? ""`).
 */
function propertyBag(definition: ResourceDefinition, news: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const optional = new Set(definition.properties.filter((p) => !p.required).map((p) => p.name));
    // No prototype: a property named `__proto__` must stay a property (and be reported), not replace it.
    const bag = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of Object.entries(news ?? {})) {
        if (key === PROVIDER_KEY || value === undefined) continue;
        if (optional.has(key) && (value === null || value === "")) continue;
        bag[key] = value;
    }
    return bag;
}

/** One zod issue as Pulumi check failures (an unrecognized-keys issue names several properties). */
function toFailures(definition: ResourceDefinition, issue: z.core.$ZodIssue): CheckFailure[] {
    if (issue.code === "unrecognized_keys") {
        const known = definition.properties.map((p) => p.name).join(", ");
        return issue.keys.map((key) => ({
            property: key,
            reason: `${key} is not a property of ${definition.type} (expected one of ${known})`,
        }));
    }
    return [{ property: issue.path.map(String).join("."), reason: withPlace(issue.path, issue.message) }];
}

/**
 * A nested value's reason names its place, `recordFormats[0].format`, where the rule named only the
 * field (`format must be one of ...`) or the list (`recordFormats must be an object`).
 */
function withPlace(path: readonly PropertyKey[], reason: string): string {
    if (path.length < 2) return reason;
    const place = path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join("");
    const last = path.at(-1);
    const named = typeof last === "number" ? String(path[0]) : String(last);
    return reason.startsWith(`${named} `) ? `${place}${reason.slice(named.length)}` : reason;
}
