/**
 * The pipelines scenario: K separate provider hosts (each its own `pulumi up`) on one Alibaba
 * account, each with its own access key, create and then delete their share of N configs at the
 * same time. Variants: without the shared quota store (account discovery only), with it, and with
 * it while a foreign client of the account (no store, open loop) takes half of the write quota; at
 * K = 4 also on a Redis Cluster (3 masters + 3 replicas) and behind Sentinel with the master killed
 * halfway through the create phase (the failover's cost); at K = 8 with the one-node store SIGKILLed
 * 2 s into the create phase and started again, empty, 3 s later (a crash, as an operator meets it).
 *
 * No account id is configured anywhere: the hosts learn it from the emulator's STS listener. The
 * phases start together on every host (a barrier between create and delete); a phase lasts from its
 * start to the end of the last host's share, and its floor is N calls at the quota left to us.
 */
import { randomBytes } from "node:crypto";
import { EmulatorAdmin } from "../emulator/admin/client";
import { startEmulator } from "../emulator/server/start-emulator";
import { startProviderHost, type ProviderHost } from "../tools/host-driver/host";
import { startRedisCluster, type RunningCluster } from "../tools/redis/cluster";
import { startRedisServer, type RunningRedis } from "../tools/redis/server";
import { startSentinelGroup } from "../tools/redis/sentinel";
import { startCompetitor, type RunningCompetitor } from "./competitor-process";
import { PhaseDriver } from "./driver";
import { countCalls, floorSeconds, timeline } from "./metrics";
import { addCounts, combinePhase, mergeTimelines, sum, type PipelineNumbers, type PipelinePhase, type PipelineVariant } from "./pipeline-numbers";
import { resourceInputs, type AccessKey } from "./scenario";

/** K and N as the issue measured its baseline. */
export const PIPELINE_SIZES: ReadonlyArray<{ readonly k: number; readonly n: number }> = [
    { k: 2, n: 240 },
    { k: 4, n: 240 },
    { k: 8, n: 480 },
];

export { PIPELINE_VARIANTS } from "./pipeline-numbers";
/** The store topologies other than one node, and the store's crash: each run at one K only (each costs a cluster, a failover or a crash). */
export const VARIANT_K: Readonly<Partial<Record<PipelineVariant, number>>> = { "store-cluster": 4, "store-failover": 4, "store-kill": 8 };
/** store-kill: the store is SIGKILLed this long after the create phase started… */
export const STORE_KILL_AT_MS = 2_000;
/** …and started again, empty, on the same port this long after it died. */
export const STORE_DOWN_MS = 3_000;
/** How long the bench waits for the sentinels to promote the replica. */
const FAILOVER_TIMEOUT_MS = 60_000;

const RPC_TIMEOUT_MS = 15 * 60_000;
/** The foreign client runs alone this long first, so the hosts meet it at its steady rate. */
const FOREIGN_WARMUP_MS = 2_000;

export interface PipelineContext {
    readonly admin: EmulatorAdmin;
    /** Live endpoint and STS endpoint of the emulator (`http://127.0.0.1:PORT`). */
    readonly endpoint: string;
    readonly stsEndpoint: string;
    /** One key per host, all of one account, then the foreign client's key (same account). */
    readonly hostKeys: readonly AccessKey[];
    readonly foreignKey: AccessKey;
    readonly redis: RunningRedis;
    /** For the store-cluster variant. */
    readonly cluster?: RunningCluster;
    readonly storePassword: string;
    readonly projectDir: string;
    readonly providerText: string;
    readonly parallel: number;
    readonly writeQps: number;
    readonly foreignRate: number;
}

export async function runPipelines(
    ctx: PipelineContext,
    size: { readonly k: number; readonly n: number },
    variant: PipelineVariant,
    timeLimitSeconds: number,
): Promise<PipelineNumbers> {
    const { k, n } = size;
    if (ctx.hostKeys.length < k) throw new RangeError(`runPipelines: ${k} hosts need ${k} keys, got ${ctx.hostKeys.length}`);
    await ctx.admin.reset();
    // A fresh, empty store: no lesson of an earlier run carries over.
    let storeUrl = ctx.redis.url;
    let sentinels: Awaited<ReturnType<typeof startSentinelGroup>> | undefined;
    if (variant === "store-cluster") {
        if (!ctx.cluster) throw new RangeError("runPipelines: the store-cluster variant needs a cluster");
        await ctx.cluster.flush();
        storeUrl = ctx.cluster.url;
    } else if (variant === "store-failover") {
        // Its own group each run: the master dies in it.
        sentinels = await startSentinelGroup({ password: ctx.storePassword, sentinels: 3, quorum: 2 });
        storeUrl = sentinels.url;
    } else {
        await ctx.redis.restart();
    }
    const withStore = variant !== "no-store";
    const foreign = variant === "store+foreign";
    const hosts: ProviderHost[] = [];
    const drivers: PhaseDriver[] = [];
    let competitor: RunningCompetitor | undefined;
    try {
        for (let i = 0; i < k; i++) {
            const host = await startProviderHost({
                cwd: ctx.projectDir,
                env: { PATH: process.env.PATH ?? "" },
                project: "bench",
                rpcTimeoutMs: RPC_TIMEOUT_MS,
            });
            hosts.push(host);
            await host.configure({
                "alicloud-live:endpoint": ctx.endpoint,
                "alicloud-live:stsEndpoint": ctx.stsEndpoint,
                "alicloud:accessKey": ctx.hostKeys[i].id,
                "alicloud:secretKey": ctx.hostKeys[i].secret,
                ...(withStore ? { "alicloud-live:quotaStore": storeUrl } : {}),
            });
        }
        if (foreign) {
            competitor = await startCompetitor({
                endpoint: ctx.endpoint,
                accessKeyId: ctx.foreignKey.id,
                accessKeySecret: ctx.foreignKey.secret,
                rate: ctx.foreignRate,
                prefix: `foreign-${k}-${Date.now()}`,
            });
            await new Promise((resolve) => setTimeout(resolve, FOREIGN_WARMUP_MS));
        }
        const availableQps = foreign ? ctx.writeQps - ctx.foreignRate : ctx.writeQps;
        const startedAt = Date.now();
        const cutOffAt = startedAt + timeLimitSeconds * 1000;
        for (const host of hosts) drivers.push(new PhaseDriver({ host, parallel: ctx.parallel, cutOffAt }));
        const share = (i: number) => Math.floor(n / k) + (i < n % k ? 1 : 0);
        let failover: Promise<{ killedAtSeconds: number; promotedAfterMs: number }> | undefined;
        if (sentinels) {
            const group = sentinels;
            const killAfterMs = (floorSeconds(n, availableQps) * 1000) / 2;
            failover = new Promise((resolve) => setTimeout(resolve, killAfterMs)).then(async () => {
                const killedAt = Date.now();
                await group.master.kill();
                await group.waitForFailover(group.master.port, FAILOVER_TIMEOUT_MS);
                return { killedAtSeconds: (killedAt - startedAt) / 1000, promotedAfterMs: Date.now() - killedAt };
            });
        }
        let crash: Promise<{ killedAtSeconds: number; backAtSeconds: number }> | undefined;
        if (variant === "store-kill") {
            const redis = ctx.redis;
            crash = new Promise((resolve) => setTimeout(resolve, STORE_KILL_AT_MS)).then(async () => {
                await redis.kill();
                const killedAt = Date.now();
                await new Promise((resolve) => setTimeout(resolve, STORE_DOWN_MS));
                await redis.restart();
                return { killedAtSeconds: (killedAt - startedAt) / 1000, backAtSeconds: (Date.now() - startedAt) / 1000 };
            });
        }
        const phases: PipelinePhase[] = [];
        phases.push(
            combinePhase(await Promise.all(drivers.map((d, i) => d.create(resourceInputs(share(i), ctx.providerText, `p${k}h${i}r`)))), availableQps),
        );
        phases.push(combinePhase(await Promise.all(drivers.map((d) => d.delete())), availableQps));
        const endedAt = Date.now();
        const failoverNumbers = failover ? await failover : undefined;
        const crashNumbers = crash ? await crash : undefined;
        const notices = new Set<string>();
        for (const host of hosts) {
            const { stdout, stderr } = host.output();
            for (const line of `${stdout}\n${stderr}`.split("\n")) if (line.includes("alicloud-live:")) notices.add(line.trim());
        }
        await competitor?.stop();
        competitor = undefined;

        const entries = await ctx.admin.requests();
        const calls = addCounts(ctx.hostKeys.slice(0, k).map((key) => countCalls(entries, key.id).all));
        const ratios = phases.map((p) => p.ratio).filter((r): r is number => r !== undefined);
        return {
            k,
            n,
            variant,
            availableQps,
            phases,
            worstRatio: ratios.length > 0 ? Math.max(...ratios) : undefined,
            calls,
            throttledShare: calls.total > 0 ? calls.throttled / calls.total : 0,
            failed: sum(phases.map((p) => p.failed)),
            cutOff: sum(phases.map((p) => p.cutOff)),
            timedOut: drivers.some((d) => d.cut),
            notices: [...notices],
            timeline: mergeTimelines(ctx.hostKeys.slice(0, k).map((key) => timeline(entries, key.id, startedAt))),
            ...(foreign ? { foreignCalls: countCalls(entries, ctx.foreignKey.id, { fromMs: startedAt, toMs: endedAt }).all } : {}),
            ...(failoverNumbers ? { failover: failoverNumbers } : {}),
            ...(crashNumbers ? { crash: crashNumbers } : {}),
        };
    } finally {
        for (const d of drivers) d.close();
        await competitor?.stop().catch(() => undefined);
        await Promise.all(hosts.map((h) => h.stop()));
        await sentinels?.stop();
    }
}

export interface SuiteOptions {
    readonly ks: readonly number[];
    readonly variants: readonly PipelineVariant[];
    readonly projectDir: string;
    readonly providerText: string;
    readonly parallel: number;
    readonly writeQps: number;
    readonly readQps: number;
    readonly foreignRate: number;
    readonly accountId: string;
    /** Seconds; undefined: 3 x the run's floor + 60. */
    readonly timeLimitSeconds?: number;
    readonly print: (line: string) => void;
}

/** Starts its own emulator (with STS) and redis-server, runs every size and variant, stops both. */
export async function runPipelineSuite(options: SuiteOptions): Promise<PipelineNumbers[]> {
    const maxK = Math.max(...options.ks);
    const key = (id: string): AccessKey => ({ id, secret: randomBytes(18).toString("base64url") });
    const hostKeys = Array.from({ length: maxK }, (_, i) => key(`BENCH-PIPELINE-KEY-${i + 1}`));
    const foreignKey = key("BENCH-FOREIGN-KEY");
    const emulator = await startEmulator({
        host: "127.0.0.1",
        stsPort: 0,
        writeQps: options.writeQps,
        readQps: options.readQps,
        accounts: [...hostKeys, foreignKey].map((k) => ({ accessKeyId: k.id, accessKeySecret: k.secret, accountId: options.accountId })),
    });
    let redis: RunningRedis | undefined;
    let cluster: RunningCluster | undefined;
    const storePassword = randomBytes(12).toString("base64url");
    const topologies = options.ks.includes(VARIANT_K["store-cluster"]!);
    try {
        redis = await startRedisServer({ password: storePassword });
        if (topologies && options.variants.includes("store-cluster"))
            cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1, password: storePassword });
        const ctx: PipelineContext = {
            admin: new EmulatorAdmin(emulator.url),
            endpoint: emulator.url,
            stsEndpoint: emulator.sts!.url,
            hostKeys,
            foreignKey,
            redis,
            ...(cluster ? { cluster } : {}),
            storePassword,
            projectDir: options.projectDir,
            providerText: options.providerText,
            parallel: options.parallel,
            writeQps: options.writeQps,
            foreignRate: options.foreignRate,
        };
        const results: PipelineNumbers[] = [];
        for (const size of PIPELINE_SIZES.filter((s) => options.ks.includes(s.k))) {
            for (const variant of options.variants) {
                const only = VARIANT_K[variant];
                if (only !== undefined && size.k !== only) continue;
                const available = variant === "store+foreign" ? options.writeQps - options.foreignRate : options.writeQps;
                const limit = options.timeLimitSeconds ?? Math.ceil(3 * floorSeconds(2 * size.n, available) + 60);
                const started = Date.now();
                const r = await runPipelines(ctx, size, variant, limit);
                options.print(
                    `  K=${r.k} N=${r.n} ${r.variant}: worst phase ${r.worstRatio?.toFixed(2) ?? "n/a"} x floor, ` +
                        `${r.calls.throttled}/${r.calls.total} throttled, ${r.failed} failed` +
                        `${r.timedOut ? `, CUT OFF at ${limit} s (${r.cutOff} unfinished)` : ""}` +
                        `${r.failover ? `, master killed at ${r.failover.killedAtSeconds.toFixed(1)} s, replica promoted ${(r.failover.promotedAfterMs / 1000).toFixed(1)} s later` : ""}` +
                        `${r.crash ? `, store killed at ${r.crash.killedAtSeconds.toFixed(1)} s, back empty at ${r.crash.backAtSeconds.toFixed(1)} s` : ""}` +
                        ` [${((Date.now() - started) / 1000).toFixed(0)} s with setup]`,
                );
                results.push(r);
            }
        }
        return results;
    } finally {
        await cluster?.stop();
        await redis?.stop();
        await emulator.stop();
    }
}
