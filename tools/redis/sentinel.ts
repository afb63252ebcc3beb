/**
 * A master watched by Sentinel for tests and the benchmark: a master and a replica (server.ts,
 * one password for both and for the sentinels, as a managed Redis's sentinel-compatible endpoint
 * has) and `sentinels` redis-sentinel processes with `quorum`, all on 127.0.0.1, ready once every
 * sentinel knows the replica and the other sentinels, so a failover can happen.
 *
 * Each sentinel's config file (it holds the password) is written 0600 in its own temporary
 * directory, which `stop` removes: a sentinel rewrites its config and must be able to.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Redis from "ioredis";
import { ensureRedisServer, freePort, killOnExit, startRedisServer, whenReady, type RunningRedis } from "./server";

export const MASTER_NAME = "quota";
const SETTLE_TIMEOUT_MS = 30_000;

export interface SentinelGroupOptions {
    readonly password: string;
    /** Default 3. */
    readonly sentinels?: number;
    /** Default: a majority of the sentinels. */
    readonly quorum?: number;
    /** A master not answering this long is down (default 1000 ms: tests should not wait long). */
    readonly downAfterMs?: number;
}

export interface RunningSentinelGroup {
    readonly master: RunningRedis;
    readonly replica: RunningRedis;
    readonly sentinelPorts: readonly number[];
    readonly quorum: number;
    /** `redis-sentinel://:password@127.0.0.1:S1,…/quota`. */
    readonly url: string;
    /** The master's port as the first sentinel says now. */
    currentMasterPort(): Promise<number>;
    /** Resolves with the new master's port once the sentinels name another than `oldPort`. */
    waitForFailover(oldPort: number, timeoutMs: number): Promise<number>;
    stop(): Promise<void>;
}

export async function startSentinelGroup(options: SentinelGroupOptions): Promise<RunningSentinelGroup> {
    ensureRedisServer();
    const { password, sentinels: count = 3, downAfterMs = 1_000 } = options;
    const quorum = options.quorum ?? Math.floor(count / 2) + 1;
    const started: RunningRedis[] = [];
    const sentinels: Array<{ port: number; proc: ChildProcess; dir: string }> = [];
    const stop = async () => {
        await Promise.all(
            sentinels.map(async (s) => {
                if (s.proc.exitCode === null && s.proc.signalCode === null) {
                    const exited = new Promise((resolve) => s.proc.once("exit", resolve));
                    s.proc.kill("SIGTERM");
                    await exited;
                }
                rmSync(s.dir, { recursive: true, force: true });
            }),
        );
        await Promise.all(started.map((r) => r.stop()));
    };
    const client = (port: number) => new Redis({ host: "127.0.0.1", port, password });
    try {
        const master = await startRedisServer({ password });
        started.push(master);
        const replica = await startRedisServer({ password, config: [`replicaof 127.0.0.1 ${master.port}`] });
        started.push(replica);
        for (let i = 0; i < count; i++) {
            const port = await freePort();
            const dir = mkdtempSync(path.join(tmpdir(), "redis-sentinel-test-"));
            const file = path.join(dir, "sentinel.conf");
            const quoted = JSON.stringify(password);
            writeFileSync(
                file,
                [
                    `port ${port}`,
                    "bind 127.0.0.1",
                    `dir ${dir}`,
                    `requirepass ${quoted}`,
                    `sentinel sentinel-pass ${quoted}`,
                    `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master.port} ${quorum}`,
                    `sentinel auth-pass ${MASTER_NAME} ${quoted}`,
                    `sentinel down-after-milliseconds ${MASTER_NAME} ${downAfterMs}`,
                    `sentinel failover-timeout ${MASTER_NAME} 10000`,
                    `sentinel parallel-syncs ${MASTER_NAME} 1`,
                    "",
                ].join("\n"),
                { mode: 0o600 },
            );
            const proc = spawn("redis-sentinel", [file], { stdio: ["ignore", "pipe", "pipe"] });
            killOnExit(proc);
            sentinels.push({ port, proc, dir });
            await whenReady(proc, /\+monitor master/, "redis-sentinel");
        }
        await settle(
            sentinels.map((s) => s.port),
            client,
            count,
        );
        const auth = `:${encodeURIComponent(password)}@`;
        const currentMasterPort = async (): Promise<number> => {
            const c = client(sentinels[0].port);
            try {
                const [, port] = (await c.call("SENTINEL", "get-master-addr-by-name", MASTER_NAME)) as [string, string];
                return Number(port);
            } finally {
                c.disconnect();
            }
        };
        return {
            master,
            replica,
            sentinelPorts: sentinels.map((s) => s.port),
            quorum,
            url: `redis-sentinel://${auth}${sentinels.map((s) => `127.0.0.1:${s.port}`).join(",")}/${MASTER_NAME}`,
            currentMasterPort,
            waitForFailover: async (oldPort, timeoutMs) => {
                const deadline = Date.now() + timeoutMs;
                for (;;) {
                    const port = await currentMasterPort();
                    if (port !== oldPort) return port;
                    if (Date.now() > deadline) throw new Error(`the sentinels did not fail over within ${timeoutMs} ms`);
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
            },
            stop,
        };
    } catch (error) {
        await stop();
        throw error;
    }
}

/** Until every sentinel knows a connected replica and the other sentinels. */
async function settle(ports: readonly number[], client: (port: number) => Redis, count: number): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
        const ok = await Promise.all(
            ports.map(async (port) => {
                const c = client(port);
                try {
                    const replicas = (await c.call("SENTINEL", "replicas", MASTER_NAME)) as string[][];
                    const peers = (await c.call("SENTINEL", "sentinels", MASTER_NAME)) as unknown[];
                    const linked = replicas.some((fields) => fields[fields.indexOf("master-link-status") + 1] === "ok");
                    return linked && peers.length === count - 1;
                } finally {
                    c.disconnect();
                }
            }),
        );
        if (ok.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error(`the sentinels did not see the replica and each other within ${SETTLE_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}
