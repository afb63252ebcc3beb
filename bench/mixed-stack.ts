/**
 * The mixed stack (issue 24): N resources of every type the package provides, in one stack, created,
 * updated and deleted through one provider host as the engine drives it, so that every action's limiter
 * paces at its own quota at the same time. Its numbers are per action: each action's part of a phase
 * against that action's own floor (its calls at its quota), its throttles from the emulator's counters,
 * and the most calls it sent in any one second. Pure: what the stack holds, and the arithmetic.
 */
import type { RequestLogEntry, RequestStats } from "../emulator/wire/request-log";
import { actionsOf, type ResourceDefinition } from "../provider/resource/definition";
import { RESOURCES } from "../provider/resources";
import type { PropertyMap } from "../tools/host-driver/struct";
import type { Phase, PhaseOutcome } from "./driver";
import { isThrottleOutcome } from "./metrics";

/** One type of the stack: a valid configuration for resource `i`, and the change its update phase makes in place. */
export interface MixedKind {
    readonly type: string;
    /** A short prefix of its resources' names and domains. */
    readonly prefix: string;
    inputs(i: number): PropertyMap;
    change(inputs: PropertyMap): PropertyMap;
}

const OSS_ENDPOINT = "oss-cn-shanghai.aliyuncs.com";
const domain = (prefix: string, i: number) => `${prefix}${i}.mix.bench.example.com`;

/** Every type in the stack. A test checks it names every resource of the package (a new one needs its line here). */
export const MIXED_KINDS: readonly MixedKind[] = [
    {
        type: "LiveRecordNotifyConfig",
        prefix: "rn",
        inputs: (i) => ({ domainName: domain("rn", i), notifyUrl: `https://callbacks.example.com/mix/rn${i}/record` }),
        change: (inputs) => ({ ...inputs, notifyUrl: `${String(inputs.notifyUrl)}/v2` }),
    },
    {
        type: "LiveSnapshotNotifyConfig",
        prefix: "sn",
        inputs: (i) => ({ domainName: domain("sn", i), notifyUrl: `https://callbacks.example.com/mix/sn${i}/snapshot` }),
        change: (inputs) => ({ ...inputs, notifyUrl: `${String(inputs.notifyUrl)}/v2` }),
    },
    {
        type: "LiveAppRecordConfig",
        prefix: "ar",
        inputs: (i) => ({
            domainName: domain("ar", i),
            appName: "live",
            ossEndpoint: OSS_ENDPOINT,
            ossBucket: "mix-recordings",
            recordFormats: [{ format: "flv", ossObjectPrefix: "record/{AppName}/{StreamName}/{StartTime}_{EndTime}" }],
            delayTime: 120,
        }),
        change: (inputs) => ({ ...inputs, delayTime: 300 }),
    },
    {
        type: "LiveAppSnapshotConfig",
        prefix: "as",
        inputs: (i) => ({
            domainName: domain("as", i),
            appName: "live",
            timeInterval: 10,
            ossEndpoint: OSS_ENDPOINT,
            ossBucket: "mix-snapshots",
            overwriteOssObject: "{AppName}/{StreamName}.jpg",
        }),
        change: (inputs) => ({ ...inputs, timeInterval: 30 }),
    },
    {
        type: "LiveStreamsNotifyUrlConfig",
        prefix: "st",
        inputs: (i) => ({
            domainName: domain("st", i),
            notifyUrl: `https://callbacks.example.com/mix/st${i}/streams`,
            exceptionNotifyUrl: `https://callbacks.example.com/mix/st${i}/exception`,
        }),
        change: (inputs) => ({ ...inputs, notifyUrl: `${String(inputs.notifyUrl)}/v2` }),
    },
];

/** The operation of the definition's binding each phase runs. */
const PHASE_OPERATION: Readonly<Record<Phase, "create" | "update" | "delete">> = { create: "create", update: "update", delete: "delete" };

function definitionOf(type: string): ResourceDefinition {
    const found = RESOURCES.find((d) => d.type === type);
    if (!found) throw new RangeError(`the mixed stack names ${type}, which the package does not provide`);
    return found;
}

/** The action a phase calls for a type, and its documented quota (calls/s per account). */
export function phaseAction(type: string, phase: Phase): { readonly action: string; readonly qps: number } {
    const spec = definitionOf(type).binding.actions[PHASE_OPERATION[phase]];
    return { action: spec.name, qps: spec.qps };
}

/**
 * How many of `n` resources each kind gets: in proportion to its create action's quota (largest
 * remainders first), so that every create action's floor is about the same and all of them pace at
 * their quotas at once for the whole phase. Pure.
 */
export function mixedCounts(n: number, kinds: readonly MixedKind[] = MIXED_KINDS): number[] {
    if (!Number.isInteger(n) || n < kinds.length) throw new RangeError(`the mixed stack needs at least ${kinds.length} resources, got ${n}`);
    const weights = kinds.map((k) => phaseAction(k.type, "create").qps);
    const total = weights.reduce((a, b) => a + b, 0);
    const exact = weights.map((w) => (n * w) / total);
    const counts = exact.map(Math.floor);
    const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
    for (let left = n - counts.reduce((a, b) => a + b, 0), j = 0; left > 0; left--, j++) counts[byRemainder[j].i] += 1;
    return counts;
}

export interface MixedResource {
    readonly name: string;
    readonly kind: MixedKind;
    readonly index: number;
}

/**
 * The stack's resources, interleaved as the kinds' shares say (each kind's resources evenly spread
 * over the list), so the engine's workers meet every type all along a phase, as in a program that
 * declares a chain per domain. Pure.
 */
export function mixedStack(n: number, kinds: readonly MixedKind[] = MIXED_KINDS): MixedResource[] {
    const counts = mixedCounts(n, kinds);
    const all = kinds.flatMap((kind, k) =>
        Array.from({ length: counts[k] }, (_, index) => ({ name: `${kind.prefix}${index}`, kind, index, at: (index + 0.5) / counts[k], k })),
    );
    all.sort((a, b) => a.at - b.at || a.k - b.k);
    return all.map(({ name, kind, index }) => ({ name, kind, index }));
}

/** One action's part of one phase. */
export interface MixedActionNumbers {
    readonly phase: Phase;
    readonly type: string;
    readonly action: string;
    readonly qps: number;
    /** The phase's own action for the type (false: another one it called, such as a Describe before an upsert's create). */
    readonly own: boolean;
    /** The resources of the type the phase had to do. */
    readonly planned: number;
    /** The action's calls at the emulator in the phase (the provider's key), throttled ones among them. */
    readonly calls: number;
    readonly ok: number;
    /** Answered without a throttle: OK, or an error of the configuration (a Describe's "no such configuration"). */
    readonly answered: number;
    readonly throttled: number;
    /** planned / qps. */
    readonly floorSeconds: number;
    /** From the phase's start to the action's last OK answer: the action's part of the phase. */
    readonly wallSeconds: number;
    readonly ratio: number | undefined;
    /** From its first to its last OK call, plus one interval at its quota: the pace alone, start-up left out. */
    readonly spanSeconds: number;
    readonly spanRatio: number | undefined;
    /** The most calls of the action sent in any one-second window of the phase. */
    readonly peakPerSecond: number;
}

export interface MixedPhaseWindow {
    readonly outcome: PhaseOutcome;
    readonly fromMs: number;
    readonly toMs: number;
}

/** The resource type and documented quota of an action of any resource, by its name. */
function actionOwner(action: string): { readonly type: string; readonly qps: number } | undefined {
    for (const d of RESOURCES) {
        const spec = actionsOf(d.binding).find((a) => a.name === action);
        if (spec) return { type: d.type, qps: spec.qps };
    }
    return undefined;
}

/**
 * Each action's numbers in each phase, from the emulator's log of `accessKeyId`: the action the phase
 * runs for each kind (its planned count from `counts`), then any other action the phase called (a
 * Describe before an upsert's create, say), its planned count being the calls it answered. Pure.
 */
export function mixedActionNumbers(
    entries: readonly RequestLogEntry[],
    accessKeyId: string,
    phases: readonly MixedPhaseWindow[],
    counts: readonly number[],
    kinds: readonly MixedKind[] = MIXED_KINDS,
): MixedActionNumbers[] {
    const out: MixedActionNumbers[] = [];
    for (const { outcome, fromMs, toMs } of phases) {
        const planned: Array<{ type: string; action: string; qps: number; count?: number }> = kinds.map((kind, k) => ({
            type: kind.type,
            ...phaseAction(kind.type, outcome.phase),
            count: counts[k],
        }));
        const named = new Set(planned.map((p) => p.action));
        const others = new Set<string>();
        for (const e of entries) {
            if (e.accessKeyId !== accessKeyId || named.has(e.action)) continue;
            const at = Date.parse(e.time);
            if (at >= fromMs && at <= toMs) others.add(e.action);
        }
        for (const action of [...others].sort()) {
            const owner = actionOwner(action);
            if (owner) planned.push({ type: owner.type, action, qps: owner.qps });
        }
        planned.forEach(({ type, action, qps, count }) => {
            const times: number[] = [];
            const okTimes: number[] = [];
            // Answers the quota let through: OK, or (a Describe before an upsert's create) "no such configuration".
            const answeredTimes: number[] = [];
            let throttled = 0;
            for (const e of entries) {
                if (e.accessKeyId !== accessKeyId || e.action !== action) continue;
                const at = Date.parse(e.time);
                if (at < fromMs || at > toMs) continue;
                times.push(at);
                if (e.outcome === "OK") okTimes.push(at);
                if (isThrottleOutcome(e.outcome)) throttled++;
                else if (e.status > 0) answeredTimes.push(at);
            }
            // The phase's own action is done when its last OK answer came; another one when its last answer did.
            const done = count === undefined ? answeredTimes : okTimes;
            const plannedCount = count ?? answeredTimes.length;
            const floorSeconds = plannedCount / qps;
            const last = done.length > 0 ? Math.max(...done) : fromMs;
            const first = done.length > 0 ? Math.min(...done) : fromMs;
            const wallSeconds = (last - fromMs) / 1000;
            const spanSeconds = done.length > 0 ? (last - first) / 1000 + 1 / qps : 0;
            out.push({
                phase: outcome.phase,
                type,
                action,
                qps,
                own: count !== undefined,
                planned: plannedCount,
                calls: times.length,
                ok: okTimes.length,
                answered: answeredTimes.length,
                throttled,
                floorSeconds,
                wallSeconds,
                ratio: floorSeconds > 0 ? wallSeconds / floorSeconds : undefined,
                spanSeconds,
                spanRatio: floorSeconds > 0 ? spanSeconds / floorSeconds : undefined,
                peakPerSecond: peakInWindow(times, 1000),
            });
        });
    }
    return out;
}

/** The most of `times` (ms, any order) within any window of `windowMs`. Pure. */
export function peakInWindow(times: readonly number[], windowMs: number): number {
    const sorted = [...times].sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
        while (sorted[i] - sorted[j] >= windowMs) j++;
        peak = Math.max(peak, i - j + 1);
    }
    return peak;
}

/** The emulator's counters of `action`: its answers in all, and the throttled ones. Pure. */
export function actionCounters(stats: RequestStats, action: string): { readonly calls: number; readonly throttled: number } {
    const byOutcome = stats.actions[action] ?? {};
    let calls = 0;
    let throttled = 0;
    for (const [outcome, count] of Object.entries(byOutcome)) {
        calls += count;
        if (isThrottleOutcome(outcome)) throttled += count;
    }
    return { calls, throttled };
}

export interface MixedNumbers {
    readonly n: number;
    /** The engine's parallelism. */
    readonly parallel: number;
    readonly counts: Readonly<Record<string, number>>;
    readonly phases: ReadonlyArray<{
        readonly phase: Phase;
        readonly wallSeconds: number;
        readonly planned: number;
        readonly failed: number;
        readonly cutOff: number;
        readonly errorSamples: readonly string[];
    }>;
    readonly actions: readonly MixedActionNumbers[];
    /** The emulator's per-action counters after the run (every action the stack called). */
    readonly counters: Readonly<Record<string, { readonly calls: number; readonly throttled: number }>>;
    readonly failed: number;
    readonly cutOff: number;
    readonly timedOut: boolean;
}
