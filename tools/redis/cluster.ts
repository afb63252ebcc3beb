/**
 * A real Redis Cluster for tests and the benchmark: `masters` masters and `replicasPerMaster`
 * replicas each (server.ts nodes with `cluster-enabled yes`, on 127.0.0.1), joined by
 * `redis-cli --cluster create`, ready once every node reports `cluster_state:ok`. The password
 * reaches redis-cli through REDISCLI_AUTH, never its command line.
 */
import { spawn } from "node:child_process";
import Redis from "ioredis";
import { killOnExit, startRedisServer, type RunningRedis } from "./server";

const CLUSTER_CREATE_TIMEOUT_MS = 60_000;
const SETTLE_TIMEOUT_MS = 30_000;
/** Failure detection between nodes; short, as nothing here is far away. */
const NODE_TIMEOUT_MS = 2_000;

export interface RedisClusterOptions {
    readonly masters?: number;
    readonly replicasPerMaster?: number;
    readonly password?: string;
}

export interface RunningCluster {
    readonly nodes: readonly RunningRedis[];
    /** `redis-cluster://:password@127.0.0.1:P1,…` naming the first three nodes as seeds. */
    readonly url: string;
    /** An admin client of the node on `port` (the caller disconnects it). */
    admin(port: number): Redis;
    /** The port of the master that serves `slot` now. */
    masterOf(slot: number): Promise<number>;
    /** Deletes every key on every master. */
    flush(): Promise<void>;
    stop(): Promise<void>;
}

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RunningCluster> {
    const { masters = 3, replicasPerMaster = 1, password } = options;
    const nodes: RunningRedis[] = [];
    const admin = (port: number) => new Redis({ host: "127.0.0.1", port, ...(password === undefined ? {} : { password }), lazyConnect: false });
    const stop = async () => {
        await Promise.all(nodes.map((n) => n.stop()));
    };
    try {
        const count = masters * (1 + replicasPerMaster);
        for (let i = 0; i < count; i++) {
            nodes.push(
                await startRedisServer({
                    ...(password === undefined ? {} : { password }),
                    config: ["cluster-enabled yes", "cluster-config-file nodes.conf", `cluster-node-timeout ${NODE_TIMEOUT_MS}`],
                }),
            );
        }
        await redisCli(
            ["--cluster", "create", ...nodes.map((n) => `127.0.0.1:${n.port}`), "--cluster-replicas", String(replicasPerMaster), "--cluster-yes"],
            password,
        );
        await settle(nodes, admin, masters * replicasPerMaster);
    } catch (error) {
        await stop();
        throw error;
    }
    const auth = password === undefined ? "" : `:${encodeURIComponent(password)}@`;
    return {
        nodes,
        url: `redis-cluster://${auth}${nodes
            .slice(0, 3)
            .map((n) => `127.0.0.1:${n.port}`)
            .join(",")}`,
        admin,
        masterOf: async (slot) => {
            const client = admin(nodes[0].port);
            try {
                const ranges = (await client.call("CLUSTER", "SLOTS")) as Array<[number, number, [string, number, ...unknown[]]]>;
                const range = ranges.find(([from, to]) => slot >= from && slot <= to);
                if (!range) throw new Error(`no master serves slot ${slot}`);
                return Number(range[2][1]);
            } finally {
                client.disconnect();
            }
        },
        flush: async () => {
            for (const node of nodes) {
                const client = admin(node.port);
                try {
                    if ((await client.call("ROLE").then((r) => (r as string[])[0])) === "master") await client.flushall();
                } finally {
                    client.disconnect();
                }
            }
        },
        stop,
    };
}

/** Until every node says the cluster is ok and sees all replicas connected. */
async function settle(nodes: readonly RunningRedis[], admin: (port: number) => Redis, replicas: number): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
        const states = await Promise.all(
            nodes.map(async (node) => {
                const client = admin(node.port);
                try {
                    const info = (await client.call("CLUSTER", "INFO")) as string;
                    const topology = (await client.call("CLUSTER", "NODES")) as string;
                    return (
                        /cluster_state:ok/.test(info) &&
                        topology.split("\n").filter((l) => (l.split(" ")[2] ?? "").split(",").includes("slave")).length === replicas
                    );
                } finally {
                    client.disconnect();
                }
            }),
        );
        if (states.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error(`the Redis Cluster did not settle within ${SETTLE_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

/** Runs redis-cli; rejects with its output when it fails. */
export function redisCli(args: readonly string[], password: string | undefined): Promise<string> {
    return new Promise((resolve, reject) => {
        const env = { ...process.env, ...(password === undefined ? {} : { REDISCLI_AUTH: password }) };
        const proc = spawn("redis-cli", args, { stdio: ["ignore", "pipe", "pipe"], env });
        killOnExit(proc);
        let output = "";
        proc.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        const timer = setTimeout(() => proc.kill("SIGKILL"), CLUSTER_CREATE_TIMEOUT_MS);
        proc.once("exit", (code, signal) => {
            clearTimeout(timer);
            if (code === 0) resolve(output);
            else reject(new Error(`redis-cli ${args.slice(0, 2).join(" ")} exited (${code ?? signal}): ${output.slice(-800)}`));
        });
    });
}
