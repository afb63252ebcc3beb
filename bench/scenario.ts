/**
 * One strategy in one scenario: a fresh emulator state and a fresh provider host (so CPU, memory
 * and the process-wide limiters are the strategy's own), optionally the competing client, then the
 * three phases, then the numbers. The host and the competitor are stopped whatever happens.
 */
import type { EmulatorAdmin } from "../emulator/admin/client";
import { startProviderHost, type ProviderHost } from "../tools/host-driver/host";
import type { PropertyMap } from "../tools/host-driver/struct";
import { startCompetitor, type RunningCompetitor } from "./competitor-process";
import type { CompetitorSummary } from "./competitor";
import { PhaseDriver, dynamicTypeToken, type PhaseOutcome } from "./driver";
import { MIXED_KINDS, actionCounters, mixedActionNumbers, mixedCounts, mixedStack, type MixedNumbers, type MixedPhaseWindow } from "./mixed-stack";
import { countCalls, scenarioNumbers, timeline, type CallCounts, type ScenarioNumbers } from "./metrics";
import { readProcStats, type ProcStats } from "./proc-stats";

/** Longer than any operation's own deadline (5 min) plus its settle check: the cut-off, not gRPC, ends a stall. */
const RPC_TIMEOUT_MS = 15 * 60_000;
/** The competitor runs alone this long first, so the provider meets it at its steady rate. */
export const COMPETITOR_WARMUP_MS = 2_000;

export interface AccessKey {
    readonly id: string;
    readonly secret: string;
}

export interface ScenarioContext {
    readonly admin: EmulatorAdmin;
    /** The emulator's base URL, `http://127.0.0.1:PORT`. */
    readonly endpoint: string;
    readonly providerKey: AccessKey;
    readonly competitorKey: AccessKey;
    /** Where the host runs (serialized `require`s resolve from here). */
    readonly projectDir: string;
    readonly n: number;
    readonly parallel: number;
    /** The emulator's quota per write action. */
    readonly writeQps: number;
    /** The competitor's calls/s per write action. */
    readonly competitorRate: number;
}

export interface ScenarioResult {
    readonly numbers: ScenarioNumbers;
    /** The host process at the end of the phases; undefined when /proc could not be read. */
    readonly host?: ProcStats;
    /** Time limit that applied, in seconds. */
    readonly timeLimitSeconds: number;
    /** The provider key's OK and throttled answers per second from the start of the phases. */
    readonly timeline: ReturnType<typeof timeline>;
    readonly competitor?: {
        readonly summary?: CompetitorSummary;
        /** Its OK write calls per second, per action, while the phases ran (from the emulator's log). */
        readonly okPerSecond: Readonly<Record<string, number>>;
        readonly calls: CallCounts;
    };
    /** The emulator's request log dropped entries, so the call counts are incomplete. */
    readonly logOverflowed: boolean;
}

/** `n` resources named `<prefix><i>`, each on its own domain. */
export function resourceInputs(n: number, providerText: string, prefix = "r"): Array<{ name: string; inputs: PropertyMap }> {
    return Array.from({ length: n }, (_, i) => ({
        name: `${prefix}${i}`,
        inputs: {
            __provider: providerText,
            domainName: `${prefix}${i}.bench.example.com`,
            notifyUrl: `https://callbacks.example.com/bench/${prefix}${i}/record`,
        },
    }));
}

/** The update phase's change: a new callback URL. */
export function changedInputs(_name: string, inputs: PropertyMap): PropertyMap {
    return { ...inputs, notifyUrl: `${String(inputs.notifyUrl)}/v2` };
}

/** A fresh provider host, configured with the emulator's endpoint and the provider's key, and nothing else. */
async function startConfiguredHost(ctx: ScenarioContext): Promise<ProviderHost> {
    const host = await startProviderHost({
        cwd: ctx.projectDir,
        // Only what the benchmark configures reaches the provider: no keys from this shell.
        env: { PATH: process.env.PATH ?? "" },
        project: "bench",
        rpcTimeoutMs: RPC_TIMEOUT_MS,
    });
    try {
        await host.configure({
            "alicloud-live:endpoint": ctx.endpoint,
            "alicloud:accessKey": ctx.providerKey.id,
            "alicloud:secretKey": ctx.providerKey.secret,
        });
    } catch (error) {
        await host.stop();
        throw error;
    }
    return host;
}

export async function runScenario(
    ctx: ScenarioContext,
    strategy: string,
    providerText: string,
    contention: boolean,
    timeLimitSeconds: number,
): Promise<ScenarioResult> {
    await ctx.admin.reset();
    let host: ProviderHost | undefined;
    let competitor: RunningCompetitor | undefined;
    let driver: PhaseDriver | undefined;
    try {
        host = await startConfiguredHost(ctx);
        if (contention) {
            competitor = await startCompetitor({
                endpoint: ctx.endpoint,
                accessKeyId: ctx.competitorKey.id,
                accessKeySecret: ctx.competitorKey.secret,
                rate: ctx.competitorRate,
                prefix: `${strategy}-${Date.now()}`,
            });
            await new Promise((resolve) => setTimeout(resolve, COMPETITOR_WARMUP_MS));
        }

        const startedAt = Date.now();
        driver = new PhaseDriver({ host, parallel: ctx.parallel, cutOffAt: startedAt + timeLimitSeconds * 1000 });
        const phases: PhaseOutcome[] = [];
        phases.push(await driver.create(resourceInputs(ctx.n, providerText)));
        phases.push(await driver.update(changedInputs));
        phases.push(await driver.delete());
        const endedAt = Date.now();
        const timedOut = driver.cut;

        let hostStats: ProcStats | undefined;
        try {
            hostStats = readProcStats(host.pid);
        } catch {
            hostStats = undefined;
        }
        const summary = await competitor?.stop();
        competitor = undefined;

        const entries = await ctx.admin.requests();
        const logOverflowed = entries.length > 0 && entries[0].seq !== 1;
        const availableQps = contention ? ctx.writeQps - ctx.competitorRate : ctx.writeQps;
        const numbers = scenarioNumbers({
            strategy,
            contention,
            availableQps,
            phases,
            calls: countCalls(entries, ctx.providerKey.id),
            timedOut,
        });
        let competitorNumbers: ScenarioResult["competitor"];
        if (contention) {
            const seconds = (endedAt - startedAt) / 1000;
            const during = countCalls(entries, ctx.competitorKey.id, { fromMs: startedAt, toMs: endedAt });
            const okPerSecond: Record<string, number> = {};
            for (const [action, counts] of Object.entries(during.byAction)) okPerSecond[action] = seconds > 0 ? counts.ok / seconds : 0;
            competitorNumbers = { ...(summary ? { summary } : {}), okPerSecond, calls: during.all };
        }
        return {
            numbers,
            ...(hostStats ? { host: hostStats } : {}),
            timeLimitSeconds,
            timeline: timeline(entries, ctx.providerKey.id, startedAt),
            ...(competitorNumbers ? { competitor: competitorNumbers } : {}),
            logOverflowed,
        };
    } finally {
        driver?.close();
        await competitor?.stop().catch(() => undefined);
        await host?.stop();
    }
}

/**
 * The mixed stack (mixed-stack.ts): `ctx.n` resources of every type in one host, created, updated and
 * deleted as the engine drives them, alone; `providerTexts` holds each type's serialized provider. Its
 * numbers are per action, from the emulator's request log and counters.
 */
export async function runMixedScenario(
    ctx: ScenarioContext,
    providerTexts: ReadonlyMap<string, string>,
    timeLimitSeconds: number,
): Promise<MixedNumbers & { readonly timeline: ReturnType<typeof timeline>; readonly logOverflowed: boolean }> {
    await ctx.admin.reset();
    const stack = mixedStack(ctx.n);
    const counts = mixedCounts(ctx.n);
    let host: ProviderHost | undefined;
    let driver: PhaseDriver | undefined;
    try {
        host = await startConfiguredHost(ctx);
        const startedAt = Date.now();
        driver = new PhaseDriver({ host, parallel: ctx.parallel, cutOffAt: startedAt + timeLimitSeconds * 1000 });
        const kindOf = new Map(stack.map((r) => [r.name, r.kind]));
        const phases: MixedPhaseWindow[] = [];
        const timed = async (run: () => Promise<PhaseOutcome>) => {
            const fromMs = Date.now();
            const outcome = await run();
            // Now, not fromMs + wallMs: the driver starts its clock a moment after ours.
            phases.push({ outcome, fromMs, toMs: Date.now() });
        };
        await timed(() =>
            driver!.create(
                stack.map((r) => {
                    const text = providerTexts.get(r.kind.type);
                    if (text === undefined) throw new Error(`no serialized provider for ${r.kind.type}`);
                    return { name: r.name, type: dynamicTypeToken(r.kind.type), inputs: { __provider: text, ...r.kind.inputs(r.index) } };
                }),
            ),
        );
        await timed(() => driver!.update((name, inputs) => kindOf.get(name)!.change(inputs)));
        await timed(() => driver!.delete());
        const entries = await ctx.admin.requests();
        const stats = await ctx.admin.stats();
        const actions = mixedActionNumbers(entries, ctx.providerKey.id, phases, counts);
        const counters: Record<string, { calls: number; throttled: number }> = {};
        for (const a of actions) counters[a.action] = actionCounters(stats, a.action);
        return {
            n: ctx.n,
            parallel: ctx.parallel,
            counts: Object.fromEntries(MIXED_KINDS.map((k, i) => [k.type, counts[i]])),
            phases: phases.map(({ outcome: o }) => ({
                phase: o.phase,
                wallSeconds: o.wallMs / 1000,
                planned: o.planned,
                failed: o.failed,
                cutOff: o.cutOff,
                errorSamples: o.errorSamples,
            })),
            actions,
            counters,
            failed: phases.reduce((a, p) => a + p.outcome.failed, 0),
            cutOff: phases.reduce((a, p) => a + p.outcome.cutOff, 0),
            timedOut: driver.cut,
            timeline: timeline(entries, ctx.providerKey.id, startedAt),
            logOverflowed: entries.length > 0 && entries[0].seq !== 1,
        };
    } finally {
        driver?.close();
        await host?.stop();
    }
}
