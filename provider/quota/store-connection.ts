/**
 * The ioredis client for a store URL in each of its topologies: one node, a Redis Cluster (ioredis
 * `Cluster`, which follows `MOVED` and `ASK` by itself), or a master found through Sentinel (ioredis
 * asks the sentinels again on every reconnect, so it finds the promoted replica after a failover).
 *
 * `clientOptions` is pure (tested without a Redis). The options are built from the parsed URL, never
 * by handing ioredis the URL text: ioredis would read a query string as options, and its errors
 * could then quote the URL with its password.
 */
import Redis, { Cluster, type ClusterOptions, type RedisOptions } from "ioredis";
import type { QuotaStoreUrl } from "./store-url";

/**
 * ioredis' own timeout, a backstop only: it drops commands a hung server never answers, so they do
 * not pile up in the client while every call is already paced locally.
 */
export const STORE_COMMAND_BACKSTOP_MS = 2_000;
/** A connection attempt gives up after this long (then the client retries in the background). */
export const STORE_CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect delays grow by this step per attempt, up to `STORE_RECONNECT_MAX_MS`. */
const STORE_RECONNECT_STEP_MS = 100;
/**
 * The longest wait between two connection attempts. Short, because every process of the account
 * should find the store again within a moment of each other: while some pace by the store's schedule
 * and others still alone at their share, the account gets both. With 1 s, 8 processes came back up to
 * a second apart after a 3 s outage. An attempt at a store that is down costs a refused connection.
 */
export const STORE_RECONNECT_MAX_MS = 200;

export interface StoreTls {
    /** PEM certificates trusted instead of Node's default CAs (the `quotaStoreCa` setting). */
    readonly ca?: string;
}

export type ClientPlan =
    | { readonly kind: "redis"; readonly options: RedisOptions }
    | { readonly kind: "cluster"; readonly nodes: ReadonlyArray<{ host: string; port: number }>; readonly options: ClusterOptions };

/** ioredis' retry strategy: ms before connection attempt `attempt` (1, 2, …). */
export const reconnectDelay = (attempt: number): number => Math.min(attempt * STORE_RECONNECT_STEP_MS, STORE_RECONNECT_MAX_MS);

/** What to construct for `url`. Pure. */
export function clientOptions(url: QuotaStoreUrl, tls: StoreTls = {}): ClientPlan {
    const tlsOptions = url.tls ? { tls: tls.ca === undefined ? {} : { ca: [tls.ca] } } : {};
    const auth = {
        ...(url.username === undefined ? {} : { username: url.username }),
        ...(url.password === undefined ? {} : { password: url.password }),
    };
    const connection: RedisOptions = {
        // A command sent while disconnected fails at once: the caller paces locally instead of waiting.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: STORE_COMMAND_BACKSTOP_MS,
        connectTimeout: STORE_CONNECT_TIMEOUT_MS,
        retryStrategy: reconnectDelay,
        // No CLIENT SETINFO: one command less for an ACL user to be granted.
        disableClientInfo: true,
        ...auth,
        ...tlsOptions,
    };
    if (url.topology === "cluster") {
        const { retryStrategy: _unused, enableOfflineQueue: _queue, ...perNode } = connection;
        return {
            kind: "cluster",
            nodes: url.nodes.map((n) => ({ host: n.host, port: n.port })),
            options: {
                enableOfflineQueue: false,
                clusterRetryStrategy: reconnectDelay,
                slotsRefreshTimeout: STORE_CONNECT_TIMEOUT_MS,
                redisOptions: perNode,
            },
        };
    }
    if (url.topology === "sentinel") {
        return {
            kind: "redis",
            options: {
                ...connection,
                db: url.db,
                name: url.masterName!,
                sentinels: url.nodes.map((n) => ({ host: n.host, port: n.port })),
                // The sentinels take the same credentials and TLS as the data nodes, as a managed
                // Redis's sentinel-compatible endpoint does.
                ...(url.username === undefined ? {} : { sentinelUsername: url.username }),
                ...(url.password === undefined ? {} : { sentinelPassword: url.password }),
                ...(url.tls ? { enableTLSForSentinelMode: true, sentinelTLS: tlsOptions.tls } : {}),
                sentinelRetryStrategy: reconnectDelay,
            },
        };
    }
    return { kind: "redis", options: { ...connection, host: url.host, port: url.port, db: url.db } };
}

/** Opens (in the background) the client for `url`. */
export function openClient(url: QuotaStoreUrl, tls: StoreTls = {}): Redis | Cluster {
    const plan = clientOptions(url, tls);
    return plan.kind === "cluster" ? new Cluster([...plan.nodes], plan.options) : new Redis(plan.options);
}

/**
 * Every command the store sends, by itself or from its scripts (schedule-scripts.ts): what an ACL
 * user needs, with keys limited to `alicloud-live:*` (docs/throttling.md shows the `ACL SETUSER`).
 * EVAL serves when the server lost the script (`NOSCRIPT`), INFO is the client's ready check, QUIT
 * its goodbye.
 */
export const STORE_COMMANDS: readonly string[] = [
    "evalsha",
    "eval",
    "info",
    "quit",
    "time",
    "hmget",
    "hset",
    "pexpire",
    "exists",
    "zadd",
    "zremrangebyscore",
    "zcard",
    "zcount",
];

/** The key pattern of every schedule (quota-store.ts `scheduleName`). */
export const STORE_KEY_PATTERN = "alicloud-live:*";
