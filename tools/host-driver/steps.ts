/**
 * The engine's step rules, as pure functions (imitating pkg/resource/deploy/step_generator.go; see
 * research/pulumi-dynamic.md §4). Nothing here talks to a provider.
 */
import { isDeepStrictEqual } from "node:util";
import type { DiffResult } from "./host";
import type { PropertyMap } from "./struct";

export const PROVIDER_KEY = "__provider";
/** The value the engine sends for a property not yet known during a preview. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type StepOp = "create" | "update" | "replace" | "same" | "delete";

export interface PlannedStep {
    readonly op: Exclude<StepOp, "delete">;
    /** The keys shown in the plan: replacing keys for a replace, changed inputs for an update. */
    readonly keys: readonly string[];
    readonly deleteBeforeReplace: boolean;
}

/** Top-level keys whose values differ (by value, not by key order). */
export function changedKeys(olds: PropertyMap, news: PropertyMap, ignore: readonly string[] = []): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter((k) => !ignore.includes(k) && !isDeepStrictEqual(olds[k], news[k])).sort();
}

/**
 * ignoreChanges: before Check and Diff, the engine resets ignored inputs to their old values (or
 * removes them when they had none). Only top-level keys are supported here.
 */
export function applyIgnoreChanges(oldInputs: PropertyMap | undefined, news: PropertyMap, ignoreChanges: readonly string[] | undefined): PropertyMap {
    if (!oldInputs || !ignoreChanges || ignoreChanges.length === 0) return news;
    const out: PropertyMap = { ...news };
    for (const key of ignoreChanges) {
        if (key in oldInputs) out[key] = oldInputs[key];
        else delete out[key];
    }
    return out;
}

/**
 * Decides the step for a resource that exists in state, from the provider's Diff.
 * - `replaces` non-empty: replace (create-before-delete unless deleteBeforeReplace says otherwise);
 * - DIFF_SOME: update; DIFF_NONE: same;
 * - DIFF_UNKNOWN (no `diff`, or `changes` left undefined): the engine compares old and new inputs
 *   itself, `__provider` included, so a change of provider code alone triggers an update;
 * - a resource with init errors from a partial create is updated even when nothing changed.
 */
export function planStep(args: {
    readonly diff: DiffResult;
    readonly oldInputs: PropertyMap;
    readonly newInputs: PropertyMap;
    readonly hasInitErrors?: boolean;
    readonly deleteBeforeReplaceOption?: boolean;
}): PlannedStep {
    const { diff, oldInputs, newInputs } = args;
    const deleteBeforeReplace = diff.deleteBeforeReplace || args.deleteBeforeReplaceOption === true;
    if (diff.replaces.length > 0) return { op: "replace", keys: [...diff.replaces], deleteBeforeReplace };
    const all = changedKeys(oldInputs, newInputs);
    const shown = all.filter((k) => k !== PROVIDER_KEY);
    const keys = shown.length > 0 ? shown : all;
    const changed = diff.changes === "some" || (diff.changes === "unknown" && all.length > 0);
    if (changed || args.hasInitErrors) return { op: "update", keys, deleteBeforeReplace };
    return { op: "same", keys: [], deleteBeforeReplace };
}

/** The URN the engine gives a resource (children of the root stack are not qualified by its type). */
export function urnOf(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
    let qualified = type;
    if (parentUrn) {
        const parentType = parentUrn.split("::")[2] ?? "";
        if (parentType !== "" && parentType.split("$").pop() !== "pulumi:pulumi:Stack") qualified = `${parentType}$${type}`;
    }
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Orders deletions so that a resource is deleted only after everything that depends on it:
 * returns waves of URNs; the URNs in one wave may be deleted in parallel.
 */
export function deletionWaves(resources: ReadonlyArray<{ readonly urn: string; readonly dependencies: readonly string[] }>): string[][] {
    const remaining = new Map(resources.map((r) => [r.urn, r]));
    const waves: string[][] = [];
    while (remaining.size > 0) {
        const dependedOn = new Set<string>();
        for (const r of remaining.values()) for (const d of r.dependencies) if (remaining.has(d)) dependedOn.add(d);
        let wave = [...remaining.keys()].filter((urn) => !dependedOn.has(urn));
        // A dependency cycle cannot come from a program; break it rather than loop forever.
        if (wave.length === 0) wave = [...remaining.keys()];
        for (const urn of wave) remaining.delete(urn);
        waves.push(wave);
    }
    return waves;
}

/** True when the value is, or contains, the preview's unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN_SENTINEL) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}
