/**
 * `check`: validates a resource's inputs against the service's rules and returns them normalized, with
 * defaults applied, or every failure at once. Pure; never throws (a failure to validate is a failure).
 */
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { PROVIDER_KEY, withoutUndefined, type LiveRecordNotifyConfigInputs } from "./inputs";
import { PROPERTIES } from "./properties";
import { inputsSchema } from "./schema";
import { isUnknown } from "./unknown";

/** Properties that may be left out; `null` and `""` count as left out (e.g. `config.get("x") ?? ""`). */
const OPTIONAL_KEYS: ReadonlySet<string> = new Set(PROPERTIES.filter((p) => !p.required).map((p) => p.name));

const PROPERTY_LIST = PROPERTIES.map((p) => p.name).join(", ");

export function checkInputs(news: object): CheckResult<LiveRecordNotifyConfigInputs> {
    try {
        const bag = propertyBag(news as Readonly<Record<string, unknown>>);
        const unknownKeys = new Set(Object.keys(bag).filter((key) => isUnknown(bag[key])));
        const result = inputsSchema(unknownKeys).safeParse(bag);
        if (result.success) return { inputs: withoutUndefined(result.data) as unknown as LiveRecordNotifyConfigInputs };
        return { inputs: bag as unknown as LiveRecordNotifyConfigInputs, failures: result.error.issues.flatMap(toFailures) };
    } catch (error) {
        return {
            inputs: news as unknown as LiveRecordNotifyConfigInputs,
            failures: [{ property: "", reason: `could not validate the inputs: ${error instanceof Error ? error.message : String(error)}` }],
        };
    }
}

/** The inputs without the host's `__provider` (it adds it back) and without left-out optional values. */
function propertyBag(news: Readonly<Record<string, unknown>>): Record<string, unknown> {
    // No prototype: a property named `__proto__` must stay a property (and be reported), not replace it.
    const bag = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of Object.entries(news ?? {})) {
        if (key === PROVIDER_KEY || value === undefined) continue;
        if (OPTIONAL_KEYS.has(key) && (value === null || value === "")) continue;
        bag[key] = value;
    }
    return bag;
}

/** One zod issue as Pulumi check failures (an unrecognized-keys issue names several properties). */
function toFailures(issue: z.core.$ZodIssue): CheckFailure[] {
    if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
            property: key,
            reason: `${key} is not a property of LiveRecordNotifyConfig (expected one of ${PROPERTY_LIST})`,
        }));
    }
    return [{ property: issue.path.map(String).join("."), reason: issue.message }];
}
