/**
 * Random step sequences for the soak, generated up front from a seed: what the program declares at
 * each `up` (creates, in-place updates, replacements by a new domain, deletions, several at once),
 * refreshes, and changes made behind Pulumi's back. The declared state depends only on the steps,
 * never on how they went, so a sequence is reproducible from (seed, sequence number). Pure.
 */
import { sameConfig } from "../../provider/client/normalize";
import type { Random } from "./random";
import { intendedConfig, type Declared, type ResourceSpec } from "./model";

export type ChangeKind = "create" | "update" | "replace" | "delete";

export type Change =
    | { readonly kind: "create"; readonly name: string; readonly spec: ResourceSpec }
    /** `fields`: the properties that changed, for the report. */
    | { readonly kind: "update"; readonly name: string; readonly spec: ResourceSpec; readonly fields: readonly string[] }
    /** A new domain: the engine creates the replacement, then deletes the original. */
    | { readonly kind: "replace"; readonly name: string; readonly spec: ResourceSpec }
    | { readonly kind: "delete"; readonly name: string };

/** What someone changes in the cloud without Pulumi, on the config of a declared resource. */
export type OutOfBand = { readonly action: "modify"; readonly notifyUrl: string; readonly needStatusNotify: boolean } | { readonly action: "delete" };

export type Step =
    /** `pulumi up` of the program after `changes`, with `--refresh` when `refresh`. */
    | { readonly kind: "up"; readonly changes: readonly Change[]; readonly refresh: boolean; readonly declared: Declared }
    | { readonly kind: "refresh" }
    | { readonly kind: "out-of-band"; readonly name: string; readonly change: OutOfBand };

export interface GeneratorOptions {
    /** Steps to generate. */
    readonly steps: number;
    /** At most this many resources are declared at once. */
    readonly resources: number;
    /** Makes domain names unique across the sequences of one run, e.g. `s12`. */
    readonly prefix: string;
    /** The service cannot clear an on-demand URL: updates never remove one (they may change it). */
    readonly keepsOnDemandUrl?: boolean;
}

/** Tuning of the mix; most steps change the program, some refresh or drift. */
const STEP_WEIGHTS = { up: 70, refresh: 12, outOfBand: 18 } as const;
const CHANGE_WEIGHTS: Readonly<Record<ChangeKind, number>> = { create: 30, update: 40, replace: 15, delete: 15 };
const MAX_CHANGES_PER_UP = 3;
/** `up --refresh` this often. */
const UP_REFRESH_CHANCE = 0.2;

export function generateSequence(random: Random, options: GeneratorOptions): Step[] {
    if (!Number.isInteger(options.steps) || options.steps < 1) throw new RangeError(`steps must be a positive integer, got ${options.steps}`);
    if (!Number.isInteger(options.resources) || options.resources < 1) {
        throw new RangeError(`resources must be a positive integer, got ${options.resources}`);
    }
    const declared = new Map<string, ResourceSpec>();
    let counter = 0;
    const fresh = () => counter++;
    const steps: Step[] = [];
    for (let i = 0; i < options.steps; i++) {
        const kind =
            declared.size === 0
                ? "up"
                : random.weighted<keyof typeof STEP_WEIGHTS>([
                      ["up", STEP_WEIGHTS.up],
                      ["refresh", STEP_WEIGHTS.refresh],
                      ["outOfBand", STEP_WEIGHTS.outOfBand],
                  ]);
        if (kind === "refresh") {
            steps.push({ kind: "refresh" });
        } else if (kind === "outOfBand") {
            const name = random.pick([...declared.keys()]);
            const change: OutOfBand = random.chance(0.7)
                ? { action: "modify", notifyUrl: `https://elsewhere-${fresh()}.example.net/${name}`, needStatusNotify: random.chance(0.5) }
                : { action: "delete" };
            steps.push({ kind: "out-of-band", name, change });
        } else {
            const changes = generateChanges(random, declared, options, fresh);
            steps.push({ kind: "up", changes, refresh: random.chance(UP_REFRESH_CHANCE), declared: new Map(declared) });
        }
    }
    return steps;
}

/** One to three changes to distinct resources, applied to `declared`. */
function generateChanges(random: Random, declared: Map<string, ResourceSpec>, options: GeneratorOptions, fresh: () => number): Change[] {
    const changes: Change[] = [];
    const touched = new Set<string>();
    const wanted = random.int(1, MAX_CHANGES_PER_UP);
    for (let attempt = 0; changes.length < wanted && attempt < 10; attempt++) {
        const untouched = [...declared.keys()].filter((n) => !touched.has(n));
        const options_: Array<readonly [ChangeKind, number]> = [];
        if (declared.size < options.resources) options_.push(["create", CHANGE_WEIGHTS.create]);
        if (untouched.length > 0) {
            options_.push(["update", CHANGE_WEIGHTS.update], ["replace", CHANGE_WEIGHTS.replace], ["delete", CHANGE_WEIGHTS.delete]);
        }
        if (options_.length === 0) break;
        const kind = random.weighted(options_);
        if (kind === "create") {
            const n = fresh();
            const name = `r${n}`;
            const spec = newSpec(random, domainFor(random, options.prefix, n));
            declared.set(name, spec);
            touched.add(name);
            changes.push({ kind, name, spec });
            continue;
        }
        const name = random.pick(untouched);
        touched.add(name);
        const old = declared.get(name)!;
        if (kind === "delete") {
            declared.delete(name);
            changes.push({ kind, name });
        } else if (kind === "replace") {
            const spec = { ...old, domainName: domainFor(random, options.prefix, fresh()) };
            declared.set(name, spec);
            changes.push({ kind, name, spec });
        } else {
            const { spec, fields } = changedSpec(random, old, fresh, options.keepsOnDemandUrl === true);
            declared.set(name, spec);
            changes.push({ kind, name, spec, fields });
        }
    }
    return changes;
}

/** A unique domain; sometimes written with capitals, which the provider must normalize. */
function domainFor(random: Random, prefix: string, n: number): string {
    const domain = `${prefix}-d${n}.soak.example.com`;
    return random.chance(0.15) ? domain.charAt(0).toUpperCase() + domain.slice(1).replace("soak", "Soak") : domain;
}

function callbackUrl(random: Random, domain: string, kind: string, n: number): string {
    return `${random.pick(["https", "http"])}://callbacks-${n % 5}.example.com/${domain.toLowerCase()}/${kind}/v${n}`;
}

function newKey(random: Random): string {
    return random.alphanumeric(random.int(16, 32));
}

function newSpec(random: Random, domainName: string): ResourceSpec {
    const n = random.int(0, 999);
    const spec: { -readonly [K in keyof ResourceSpec]: ResourceSpec[K] } = { domainName, notifyUrl: callbackUrl(random, domainName, "record", n) };
    if (random.chance(0.5)) spec.onDemandUrl = callbackUrl(random, domainName, "on-demand", n);
    if (random.chance(0.4)) spec.needStatusNotify = random.chance(0.5);
    if (random.chance(0.35)) {
        spec.notifyReqAuth = true;
        spec.notifyAuthKey = newKey(random);
    } else if (random.chance(0.1)) {
        spec.notifyAuthKey = newKey(random); // a key kept ready, callbacks not signed yet
    }
    return spec;
}

const UPDATE_FIELDS = ["notifyUrl", "onDemandUrl", "needStatusNotify", "auth"] as const;

/** The spec with one or two properties changed, so that the declared config really differs. */
function changedSpec(random: Random, old: ResourceSpec, fresh: () => number, keepsOnDemandUrl: boolean): { spec: ResourceSpec; fields: string[] } {
    for (;;) {
        const spec: { -readonly [K in keyof ResourceSpec]: ResourceSpec[K] } = { ...old };
        const fields = new Set<string>();
        const count = random.int(1, 2);
        for (let i = 0; i < count; i++) {
            const field = random.pick(UPDATE_FIELDS);
            if (field === "notifyUrl") {
                spec.notifyUrl = callbackUrl(random, old.domainName, "record", fresh());
                fields.add("notifyUrl");
            } else if (field === "onDemandUrl") {
                // Removing a property from the program must clear it in the cloud.
                if (spec.onDemandUrl !== undefined && random.chance(0.4) && !keepsOnDemandUrl) delete spec.onDemandUrl;
                else spec.onDemandUrl = callbackUrl(random, old.domainName, "on-demand", fresh());
                fields.add("onDemandUrl");
            } else if (field === "needStatusNotify") {
                if (spec.needStatusNotify !== undefined && random.chance(0.3)) delete spec.needStatusNotify;
                else spec.needStatusNotify = !(spec.needStatusNotify ?? false);
                fields.add("needStatusNotify");
            } else {
                const roll = random.next();
                if (spec.notifyReqAuth === true && roll < 0.4) {
                    delete spec.notifyReqAuth; // stop signing; keep or drop the key
                    if (random.chance(0.5)) delete spec.notifyAuthKey;
                } else {
                    spec.notifyReqAuth = true;
                    spec.notifyAuthKey = newKey(random); // enable, or rotate the key
                }
                fields.add("notifyReqAuth");
                fields.add("notifyAuthKey");
            }
        }
        if (!sameConfig(intendedConfig(spec), intendedConfig(old))) return { spec, fields: [...fields] };
    }
}
