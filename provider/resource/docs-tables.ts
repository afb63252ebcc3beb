/**
 * The docs' tables of each resource, generated from its definition: its properties (docs/resource.md,
 * docs/resources/<resource>.md) and every action's quota (docs/throttling.md). The docs hold them
 * between markers and a test checks they are what this renders (`npm run docs-tables` writes them).
 * Pure.
 */
import { RULES } from "./rules";
import { actionsOf, type PropertySpec, type ResourceDefinition } from "./definition";

/** The markers around a resource's property table in its docs page. */
export function propertiesTableMarkers(definition: ResourceDefinition): { readonly start: string; readonly end: string } {
    return { start: `<!-- properties-table:${definition.type}:start -->`, end: `<!-- properties-table:${definition.type}:end -->` };
}

/** The markers around the quota table in docs/throttling.md. */
export const QUOTA_TABLE_MARKERS = { start: "<!-- quota-table:start -->", end: "<!-- quota-table:end -->" } as const;

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string): string => `\`${text}\``;

function typeOf(spec: PropertySpec): string {
    if (spec.type === "list") return `list of ${spec.items?.type === "object" ? code(spec.items.name) : (spec.items?.type ?? "?")}`;
    return spec.type;
}

function ruleOf(spec: PropertySpec): string {
    const parts: string[] = [];
    if (spec.rule !== undefined) parts.push(RULES[spec.rule].summary);
    if (spec.maxLength !== undefined) parts.push(`at most ${spec.maxLength} characters`);
    if (spec.min !== undefined || spec.max !== undefined) parts.push(`${spec.min ?? "…"} to ${spec.max ?? "…"}`);
    if (spec.oneOf !== undefined) parts.push(`one of ${spec.oneOf.map((v) => code(String(v))).join(", ")}`);
    if (spec.requiredWhen !== undefined) {
        const { property, equals } = spec.requiredWhen;
        parts.push(`required when \`${property}\` is ${Array.isArray(equals) ? equals.map((v: string) => code(v)).join(" or ") : String(equals)}`);
    }
    return parts.length === 0 ? "-" : parts.join("; ");
}

function wireOf(spec: PropertySpec): string {
    if (spec.wire === undefined) return "not sent";
    const form = spec.type === "boolean" ? (spec.wire.form === "yesno" ? " (`yes`/`no`)" : " (`true`/`false`)") : "";
    const read = spec.wire.describedAs !== undefined ? `, read as ${code(spec.wire.describedAs)}` : "";
    return `${code(spec.wire.name)}${form}${read}`;
}

function changeOf(spec: PropertySpec): string {
    if (!spec.output) return "nothing";
    if (spec.replaces) return "replace";
    if (spec.notOnUpdate) return "replace (Update cannot take it)";
    if (spec.type === "list" && (spec.items?.properties ?? []).some((field) => field.notOnUpdate || field.replaces))
        return "in place, or replace (see its items)";
    return "update in place";
}

/** A resource's property table: every property with its type, rule, secrecy, effect of a change and parameter; then each object type's fields. */
export function renderPropertiesTable(definition: ResourceDefinition): string {
    const tables = [propertyTable(definition.properties)];
    const seen = new Set<string>();
    for (const spec of definition.properties) {
        const item = spec.type === "list" && spec.items?.type === "object" ? spec.items : undefined;
        if (item === undefined || seen.has(item.name)) continue;
        seen.add(item.name);
        const lists = definition.properties
            .filter((p) => p.items?.name === item.name || p.items?.properties === item.properties)
            .map((p) => code(p.name));
        tables.push(`Each item of ${lists.join(" and ")} (${code(item.name)}):\n\n${propertyTable(item.properties ?? [])}`);
    }
    return tables.join("\n\n");
}

function propertyTable(properties: readonly PropertySpec[]): string {
    const rows = properties.map((spec) =>
        [
            code(spec.name),
            typeOf(spec),
            spec.required ? "yes" : "no",
            spec.defaultValue === undefined ? "-" : code(String(spec.defaultValue)),
            ruleOf(spec),
            spec.secret ? "yes" : "no",
            changeOf(spec),
            wireOf(spec),
            spec.description,
        ]
            .map(cell)
            .join(" | "),
    );
    return [
        "| Property | Type | Required | Default | Rule | Secret | A change | API parameter | Description |",
        "|---|---|---|---|---|---|---|---|---|",
        ...rows.map((row) => `| ${row} |`),
    ].join("\n");
}

/** Calls per second as the docs show them: whole numbers as they are, a quota given per minute to two decimals. */
const perSecond = (qps: number): string => (Number.isInteger(qps) ? String(qps) : qps.toFixed(2));

/** Every action of `resources` with the quota it is paced to, what raises it and where the number comes from. */
export function renderQuotaTable(resources: readonly ResourceDefinition[]): string {
    const rows: string[] = [];
    for (const definition of resources) {
        const seen = new Set<string>();
        for (const action of actionsOf(definition.binding)) {
            if (seen.has(action.name)) continue;
            seen.add(action.name);
            const raised = action.raisedBy === undefined ? "`actionQps`" : `\`${action.raisedBy}\`, \`actionQps\``;
            rows.push(`| ${code(action.name)} | ${code(definition.type)} | ${perSecond(action.qps)} | ${raised} | ${cell(action.source)} |`);
        }
    }
    return ["| Action | Resource | Calls/s per account | Raised by | Source |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** `text` with the region between `markers` replaced by `table`; `undefined` when the markers are missing. */
export function withTable(text: string, markers: { readonly start: string; readonly end: string }, table: string): string | undefined {
    const from = text.indexOf(markers.start);
    const to = text.indexOf(markers.end);
    if (from < 0 || to < from) return undefined;
    return `${text.slice(0, from + markers.start.length)}\n${table}\n${text.slice(to)}`;
}
