/**
 * The soak's judge: after every step, does what the engine would now hold (the stack state: ids and
 * outputs) agree with what the cloud holds (the emulator's configs)? And is every failure a clear
 * error? Pure.
 *
 * - orphan: a config in the cloud that no resource in the state has. Never allowed: nobody would
 *   ever delete it, and the next create of that domain fails.
 * - lost: a resource in the state whose config is not in the cloud. Allowed only for resources a
 *   failed step was working on, or that the state itself marks as doubtful (init errors).
 * - wrong-field: state and cloud both have it, with different values. Allowed only for resources a
 *   failed step was working on ("silently wrong" is exactly: the step said it succeeded).
 * - duplicate: two resources in the state with one id.
 * Changes made behind Pulumi's back are expected to differ, in exactly the way they were made, until
 * a refresh or a write of that resource (`drift`).
 * After a successful `up` the state must also hold exactly what the program declares (`intent`).
 */
import type { StoredConfig } from "../../emulator";
import type { ResourceState, StackState } from "../host-driver/state";
import { canonicalConfig, differingFields, type CanonicalConfig } from "../../provider/client/normalize";
import type { RecordNotifyConfig } from "../../provider/client/types";
import { intendedConfig, type Declared } from "./model";

export type DivergenceKind = "orphan" | "lost" | "resurrected" | "wrong-field" | "duplicate" | "intent" | "not-declared" | "left-pending";

export interface Divergence {
    readonly kind: DivergenceKind;
    readonly domain: string;
    readonly name?: string;
    readonly detail: string;
}

export interface CheckInput {
    readonly state: StackState;
    readonly cloud: readonly StoredConfig[];
    /** Domain -> what an out-of-band change left in the cloud (`null`: deleted), until refreshed or rewritten. */
    readonly drift: ReadonlyMap<string, CanonicalConfig | null>;
    /** The step reported success. */
    readonly stepOk: boolean;
    /** Names of the resources a failed step was working on: their cloud config may be old or new. */
    readonly touched: ReadonlySet<string>;
    /** After a successful `up`: what the program declared. */
    readonly declared?: Declared;
}

const domainKey = (domain: string) => domain.toLowerCase();

/** A state resource's outputs as a config. */
export function stateConfig(resource: ResourceState): CanonicalConfig {
    return canonicalConfig(resource.outputs as unknown as RecordNotifyConfig);
}

export function cloudConfig(stored: StoredConfig): CanonicalConfig {
    return canonicalConfig(stored);
}

function describeDifference(fields: readonly string[], expected: CanonicalConfig, actual: CanonicalConfig): string {
    // Field names and whether a key is set, never a key's value.
    return fields
        .map((f) => {
            const show = (c: CanonicalConfig) =>
                f === "notifyAuthKey" ? (c.notifyAuthKey ? "[a key]" : "[none]") : JSON.stringify(c[f as keyof CanonicalConfig]);
            return `${f}: state/expected ${show(expected)}, cloud ${show(actual)}`;
        })
        .join("; ");
}

export function findDivergences(input: CheckInput): Divergence[] {
    const { state, cloud, drift, stepOk, touched } = input;
    const out: Divergence[] = [];
    const cloudByDomain = new Map(cloud.map((c) => [domainKey(c.domainName), c]));
    const stateByDomain = new Map<string, ResourceState>();
    for (const r of state.resources) {
        const key = domainKey(r.id);
        const twin = stateByDomain.get(key);
        if (twin) out.push({ kind: "duplicate", domain: r.id, name: r.name, detail: `also held by ${twin.name}` });
        stateByDomain.set(key, r);
    }

    for (const c of cloud) {
        if (!stateByDomain.has(domainKey(c.domainName))) {
            out.push({ kind: "orphan", domain: c.domainName, detail: "in the cloud, in no resource of the state" });
        }
    }

    for (const r of state.resources) {
        const key = domainKey(r.id);
        const inCloud = cloudByDomain.get(key);
        const mayDiffer = !stepOk && touched.has(r.name);
        const expected = drift.has(key) ? drift.get(key)! : stateConfig(r);
        if (expected === null) {
            if (inCloud && !mayDiffer)
                out.push({ kind: "resurrected", domain: r.id, name: r.name, detail: "deleted out of band, yet in the cloud again" });
            continue;
        }
        if (!inCloud) {
            const doubtful = (r.initErrors?.length ?? 0) > 0;
            if (!mayDiffer && !doubtful) out.push({ kind: "lost", domain: r.id, name: r.name, detail: "in the state, not in the cloud" });
            continue;
        }
        const actual = cloudConfig(inCloud);
        const fields = differingFields(expected, actual);
        if (fields.length > 0 && !mayDiffer) {
            out.push({ kind: "wrong-field", domain: r.id, name: r.name, detail: describeDifference(fields, expected, actual) });
        }
    }

    if (stepOk && input.declared) out.push(...intentDivergences(state, input.declared));
    return out;
}

/** After a successful `up`: the live resources are exactly the declared ones, with the declared values. */
function intentDivergences(state: StackState, declared: Declared): Divergence[] {
    const out: Divergence[] = [];
    const live = new Map(state.resources.filter((r) => !r.pendingDelete).map((r) => [r.name, r]));
    for (const [name, spec] of declared) {
        const r = live.get(name);
        if (!r) {
            out.push({ kind: "intent", domain: spec.domainName, name, detail: "declared, but not in the state after a successful up" });
            continue;
        }
        const wanted = intendedConfig(spec);
        const held = stateConfig(r);
        const fields = differingFields(wanted, held);
        if (fields.length > 0) out.push({ kind: "intent", domain: r.id, name, detail: describeDifference(fields, wanted, held) });
        if (r.id !== wanted.domainName) out.push({ kind: "intent", domain: r.id, name, detail: `id ${r.id}, declared domain ${wanted.domainName}` });
        if ((r.initErrors?.length ?? 0) > 0) out.push({ kind: "intent", domain: r.id, name, detail: "init errors left after a successful up" });
    }
    for (const r of state.resources) {
        if (r.pendingDelete)
            out.push({ kind: "left-pending", domain: r.id, name: r.name, detail: "replaced resource still pending deletion after a successful up" });
        else if (!declared.has(r.name))
            out.push({ kind: "not-declared", domain: r.id, name: r.name, detail: "in the state, no longer declared, after a successful up" });
    }
    return out;
}

const ACTION_FAILED = /\b((?:Add|Update|Describe|Delete)LiveRecordNotifyConfig) failed(?: \(([^)]*)\))?: (.*)$/s;
const OUT_OF_BAND_DELETED = /no longer exists: it was deleted outside Pulumi/;

export interface FailureReading {
    readonly clear: boolean;
    /** The API action the message names. */
    readonly action?: string;
    /** The error code, or the service's message when there is no code. */
    readonly cause?: string;
    /** The config was deleted behind Pulumi's back: the message tells to refresh. */
    readonly outOfBandDeletion: boolean;
}

/** Whether a failure message names the action and the cause (or is the provider's out-of-band-deletion advice). */
export function readFailure(message: string): FailureReading {
    const outOfBandDeletion = OUT_OF_BAND_DELETED.test(message);
    const m = ACTION_FAILED.exec(message);
    if (m) {
        const cause = (m[2] ?? "").trim() || m[3].split(". ")[0].trim();
        return { clear: cause !== "" && !/^no message\b/.test(cause), action: m[1], cause, outOfBandDeletion };
    }
    return { clear: outOfBandDeletion, outOfBandDeletion };
}
