/**
 * "Provider code CPU per 1000 resources": the host's CPU for creating and deleting resources with the
 * shipped provider, minus the same with a bare provider that makes only the same HTTP calls. The
 * quota is raised far above what the run can use (in the emulator and in the provider's settings),
 * so no throttle, pacing or retry enters either number: what is left is the provider's own work
 * (input checking, diff rules, limiter bookkeeping, error mapping), gRPC and signing cancel out.
 */
import type { EmulatorAdmin } from "../emulator/admin/client";
import { startProviderHost, type ProviderHost } from "../tools/host-driver/host";
import { PhaseDriver } from "./driver";
import { readProcStats } from "./proc-stats";
import { resourceInputs, type AccessKey } from "./scenario";

/** Calls/s the emulator allows during the measurement: unreachable. */
export const RAISED_EMULATOR_QPS = 1_000_000;
/** The provider's `writeQps`/`readQps` during the measurement: its settings' maximum. */
export const RAISED_PROVIDER_QPS = 10_000;
/** Resources created and deleted before measuring, so module loading and JIT warm-up are not counted. */
export const WARMUP_RESOURCES = 50;
/** One measurement may not take longer than this. */
const RUN_LIMIT_MS = 10 * 60_000;

export interface CpuContext {
    readonly admin: EmulatorAdmin;
    readonly endpoint: string;
    readonly providerKey: AccessKey;
    readonly projectDir: string;
    readonly parallel: number;
}

export interface CpuRun {
    readonly variant: "real" | "bare";
    /** Host CPU seconds for `resources` creates and deletes, after warm-up. */
    readonly cpuSeconds: number;
    readonly wallSeconds: number;
    readonly failed: number;
}

/** Host CPU of one variant for `resources` creates (with their Checks) and deletes. */
export async function measureCpu(ctx: CpuContext, variant: CpuRun["variant"], providerText: string, resources: number): Promise<CpuRun> {
    await ctx.admin.reset();
    await ctx.admin.setQuota({ writeQps: RAISED_EMULATOR_QPS, readQps: RAISED_EMULATOR_QPS });
    let host: ProviderHost | undefined;
    let driver: PhaseDriver | undefined;
    try {
        host = await startProviderHost({ cwd: ctx.projectDir, env: { PATH: process.env.PATH ?? "" }, project: "bench" });
        await host.configure({
            "alicloud-live:endpoint": ctx.endpoint,
            "alicloud:accessKey": ctx.providerKey.id,
            "alicloud:secretKey": ctx.providerKey.secret,
            "alicloud-live:writeQps": String(RAISED_PROVIDER_QPS),
            "alicloud-live:readQps": String(RAISED_PROVIDER_QPS),
        });
        driver = new PhaseDriver({ host, parallel: ctx.parallel, cutOffAt: Date.now() + RUN_LIMIT_MS });
        const warmCreate = await driver.create(resourceInputs(WARMUP_RESOURCES, providerText, "warm"));
        const warmDelete = await driver.delete();
        if (warmCreate.failed + warmDelete.failed > 0) {
            throw new Error(`the ${variant} provider failed during warm-up: ${[...warmCreate.errorSamples, ...warmDelete.errorSamples].join(" | ")}`);
        }
        const before = readProcStats(host.pid).cpuSeconds;
        const started = Date.now();
        const created = await driver.create(resourceInputs(resources, providerText));
        const deleted = await driver.delete();
        const wallSeconds = (Date.now() - started) / 1000;
        const after = readProcStats(host.pid).cpuSeconds;
        if (driver.cut) throw new Error(`the ${variant} provider's CPU measurement hit its ${RUN_LIMIT_MS / 1000} s limit`);
        return { variant, cpuSeconds: after - before, wallSeconds, failed: created.failed + deleted.failed + created.cutOff + deleted.cutOff };
    } finally {
        driver?.close();
        await host?.stop();
        await ctx.admin.reset();
    }
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
    if (values.length === 0) throw new RangeError("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface CpuCost {
    readonly resources: number;
    readonly runs: readonly CpuRun[];
    readonly realCpuSeconds: number;
    readonly bareCpuSeconds: number;
    /** (real - bare) per 1000 resources created and deleted. */
    readonly providerCpuPer1000: number;
}

/** Alternates the variants `runs` times and compares their medians. */
export async function measureCpuCost(
    ctx: CpuContext,
    texts: { readonly real: string; readonly bare: string },
    resources: number,
    runs: number,
    log: (line: string) => void,
): Promise<CpuCost> {
    const all: CpuRun[] = [];
    for (let i = 0; i < runs; i++) {
        for (const variant of ["bare", "real"] as const) {
            const run = await measureCpu(ctx, variant, texts[variant], resources);
            log(
                `  cpu run ${i + 1}/${runs} ${variant}: ${run.cpuSeconds.toFixed(2)} s CPU, ${run.wallSeconds.toFixed(1)} s wall, ${run.failed} failed`,
            );
            all.push(run);
        }
    }
    const realCpuSeconds = median(all.filter((r) => r.variant === "real").map((r) => r.cpuSeconds));
    const bareCpuSeconds = median(all.filter((r) => r.variant === "bare").map((r) => r.cpuSeconds));
    return {
        resources,
        runs: all,
        realCpuSeconds,
        bareCpuSeconds,
        providerCpuPer1000: ((realCpuSeconds - bareCpuSeconds) * 1000) / resources,
    };
}
