/**
 * The shared quota store on Redis (ioredis): each schedule step is one `EVALSHA` of a script in
 * schedule-scripts.ts, so a reservation is atomic however many processes reserve at once. ioredis
 * loads a script again by itself when the server answers `NOSCRIPT` (a restarted, empty Redis).
 *
 * Built never to fail a deployment: commands are never queued while disconnected (they fail at
 * once), each has a budget of `callBudgetMs`, and the client reconnects in the background; the
 * limiter falls back to the local schedule meanwhile (store-health.ts decides, and says so once).
 * Nothing written holds a credential; messages name the store with its password hidden.
 *
 * The client is one node's, a Redis Cluster's or a Sentinel-watched master's (store-connection.ts):
 * the three keys of a schedule share a `{hash tag}`, so each script runs on the one shard that holds
 * them, and a slot that moves or a master that fails over looks here like a few failed calls.
 */
import { randomUUID } from "node:crypto";
import type { Cluster, Redis } from "ioredis";
import { monotonicClock, type Clock } from "../retry/clock";
import { BURST_WINDOW_MS, CUBIC_BETA, CUBIC_SCALE, MIN_RATE, RATE_MEASURE_WINDOW_MS } from "../retry/constants";
import { ACTIVE_PROCESS_WINDOW_MS, type Cut, type Grant, type QuotaStore, type ScheduleState } from "./quota-store";
import { ANSWER_SCRIPT, RESERVE_SCRIPT, THROTTLE_SCRIPT } from "./schedule-scripts";
import { StoreHealth, type StoreNotice } from "./store-health";
import { STORE_CONNECT_TIMEOUT_MS, openClient, type StoreTls } from "./store-connection";
import type { QuotaStoreUrl } from "./store-url";

/**
 * Budget of one store call. A local Redis answers in well under a millisecond and a managed one in
 * the same region in one or two; a call slower than this is paced locally instead, so a sick store
 * adds at most this much to a call. Measured from the send to the moment this process is free to
 * read the answer (see `withinBudget`): a busy event loop is not a slow store.
 */
const STORE_CALL_BUDGET_MS = 10;
/**
 * Schedules idle this long are deleted by Redis. Long enough to keep a throttle's lesson across the
 * phases of a deployment, short enough that a forgotten account leaves nothing for long.
 */
export const SCHEDULE_IDLE_TTL_MS = 10 * 60_000;
/** Stands for "no limit" in a script argument (Lua has no Infinity literal). */
const NO_LIMIT_MS = 1e15;

export interface RedisQuotaStoreOptions {
    readonly url: QuotaStoreUrl;
    /** For `rediss…://`: the CA to trust (default: Node's). */
    readonly tls?: StoreTls;
    /** Told once when calls fall back to the local limiter, and once when the store is back. */
    readonly onNotice?: (message: string) => void;
    readonly callBudgetMs?: number;
    readonly clock?: Clock;
    /**
     * Times the schedule instead of the server's `TIME`, for tests that run it in virtual time.
     * Never in production: processes whose clocks differ would disagree on every slot.
     * @defaultValue the Redis server's clock
     */
    readonly scheduleClock?: Clock;
}

type ScriptReply = Array<string | number>;

interface ScheduleCommands {
    liveReserve(...keysAndArgs: Array<string | number>): Promise<ScriptReply>;
    liveThrottle(...keysAndArgs: Array<string | number>): Promise<ScriptReply>;
    liveAnswer(...keysAndArgs: Array<string | number>): Promise<ScriptReply>;
}

export class RedisQuotaStore implements QuotaStore {
    readonly #redis: (Redis | Cluster) & ScheduleCommands;
    readonly #health: StoreHealth;
    readonly #shown: string;
    readonly #budgetMs: number;
    readonly #scheduleClock: Clock | undefined;
    readonly #clock: Clock;
    /** Names this process among a schedule's users; random, so it tells nothing about the host or keys. */
    readonly #processId = randomUUID();
    #closed = false;

    constructor(options: RedisQuotaStoreOptions) {
        const { url, onNotice = () => undefined, callBudgetMs = STORE_CALL_BUDGET_MS, clock = monotonicClock } = options;
        this.#shown = url.redacted;
        this.#budgetMs = callBudgetMs;
        this.#scheduleClock = options.scheduleClock;
        this.#clock = clock;
        this.#health = new StoreHealth({ clock, onNotice: (notice) => onNotice(this.#message(notice)) });
        // ioredis checks the server's certificate by default (against `tls.ca` when given).
        const redis = openClient(url, options.tls) as (Redis | Cluster) & ScheduleCommands;
        // A listener also keeps ioredis from printing every connection error itself. A Cluster tells
        // a node's errors apart ("node error"): the others may still serve, so those are not fatal.
        redis.on("error", (error: unknown) => this.#health.failed(reasonOf(error), true));
        redis.on("node error", (error: unknown) => this.#health.failed(reasonOf(error), false));
        redis.on("ready", () => this.#health.reconnected());
        redis.defineCommand("liveReserve", { numberOfKeys: 3, lua: RESERVE_SCRIPT });
        redis.defineCommand("liveThrottle", { numberOfKeys: 3, lua: THROTTLE_SCRIPT });
        redis.defineCommand("liveAnswer", { numberOfKeys: 3, lua: ANSWER_SCRIPT });
        this.#redis = redis;
    }

    get available(): boolean {
        return this.#health.usable(this.#redis.status === "ready");
    }

    /**
     * Resolves true once connected, false on the first connection failure or after `timeoutMs`. On a
     * Cluster it also opens the connection to every master (one TIME each): ioredis opens them on first
     * use, which made the first calls of fresh processes take 3 to 9 ms, near the 10 ms budget, and past
     * it on a busy machine (then paced locally for a moment, see docs/throttling.md). Warmed, under 1 ms.
     */
    async ready(timeoutMs: number = STORE_CONNECT_TIMEOUT_MS): Promise<boolean> {
        const started = this.#clock.now();
        if (!(await this.#connected(timeoutMs))) return false;
        const redis = this.#redis;
        if ("nodes" in redis) {
            const left = Math.max(0, timeoutMs - (this.#clock.now() - started));
            // Best effort: a master that does not answer now is connected on first use, as before.
            await withinBudget(Promise.all(redis.nodes("master").map((node) => node.time())), left).catch(() => undefined);
        }
        return true;
    }

    #connected(timeoutMs: number): Promise<boolean> {
        const redis = this.#redis;
        if (redis.status === "ready") return Promise.resolve(true);
        return new Promise((resolve) => {
            const done = (value: boolean) => {
                clearTimeout(timer);
                redis.off("ready", onReady);
                redis.off("error", onError);
                resolve(value);
            };
            const onReady = () => done(true);
            const onError = () => done(false);
            const timer = setTimeout(() => done(false), timeoutMs);
            redis.on("ready", onReady);
            redis.on("error", onError);
        });
    }

    async reserve(schedule: string, ceiling: number, maxWaitMs: number, rejoining = false): Promise<Grant> {
        const maxWait = Number.isFinite(maxWaitMs) ? Math.max(0, maxWaitMs) : NO_LIMIT_MS;
        const [taken, waitMs, epoch, rate, processes] = await this.#run(() =>
            this.#redis.liveReserve(...this.#args(schedule, ceiling, maxWait, this.#processId, ACTIVE_PROCESS_WINDOW_MS, rejoining ? 1 : 0)),
        );
        return {
            taken: Number(taken) === 1,
            waitMs: Number(waitMs),
            epoch: Number(epoch),
            rate: Number(rate),
            processes: Math.max(1, Number(processes)),
        };
    }

    async throttled(schedule: string, ceiling: number, epoch: number): Promise<Cut> {
        const [cut, now, rate] = await this.#run(() => this.#redis.liveThrottle(...this.#args(schedule, ceiling, epoch)));
        return { cut: Number(cut) === 1, epoch: Number(now), rate: Number(rate) };
    }

    async answered(schedule: string, ceiling: number): Promise<ScheduleState> {
        const [epoch, rate] = await this.#run(() => this.#redis.liveAnswer(...this.#args(schedule, ceiling)));
        return { epoch: Number(epoch), rate: Number(rate) };
    }

    /** Disconnects; later calls fail (and fall back) at once. */
    async close(): Promise<void> {
        if (this.#closed) return;
        this.#closed = true;
        try {
            await this.#redis.quit();
        } catch {
            this.#redis.disconnect();
        }
    }

    async #run(call: () => Promise<ScriptReply>): Promise<ScriptReply> {
        try {
            const reply = await withinBudget(call(), this.#budgetMs);
            if (!Array.isArray(reply)) throw new TypeError("unexpected reply");
            this.#health.succeeded();
            return reply;
        } catch (error) {
            const reason = reasonOf(error);
            this.#health.failed(reason, CONNECTION_LOST.has(reason));
            // eslint-disable-next-line preserve-caught-error -- no cause on purpose: the client's error may carry the store URL and its password
            throw new Error(`quota store ${this.#shown}: ${reason}`);
        }
    }

    #args(schedule: string, ceiling: number, ...extra: Array<string | number>): [string, string, ...Array<string | number>] {
        // "" for the time: the server's clock (see schedule-scripts.ts). A given one goes as JS prints it, which round-trips.
        const now = this.#scheduleClock === undefined ? "" : String(this.#scheduleClock.now());
        const common = [
            SCHEDULE_IDLE_TTL_MS,
            BURST_WINDOW_MS,
            RATE_MEASURE_WINDOW_MS,
            CUBIC_BETA,
            CUBIC_SCALE,
            ceiling,
            Math.min(MIN_RATE, ceiling),
            now,
        ];
        return [schedule, `${schedule}:slots`, `${schedule}:clients`, ...common, ...extra];
    }

    #message(notice: StoreNotice): string {
        return notice.type === "fallback"
            ? `quota store ${this.#shown} failed (${notice.reason}); each process paces by its own limiter until the store answers again`
            : `quota store ${this.#shown} answers again; pacing by the account's shared schedule`;
    }
}

/** Reasons meaning the store is gone rather than slow. */
const CONNECTION_LOST: ReadonlySet<string> = new Set(["not connected", "ECONNREFUSED", "ECONNRESET", "EPIPE", "authentication refused"]);

export class StoreBudgetError extends Error {
    override readonly name = "StoreBudgetError";
}

/**
 * `promise`, or a `StoreBudgetError` when it is not settled `budgetMs` after the call. When the
 * timer fires, the answer may already be waiting in the socket while this process was busy (timers
 * run before I/O in Node's loop): one `setImmediate` lets pending I/O be read first, so only a store
 * that really did not answer in time counts as slow.
 */
export function withinBudget<T>(promise: Promise<T>, budgetMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => {
            setImmediate(() => {
                if (settled) return;
                settled = true;
                reject(new StoreBudgetError(`no answer within ${budgetMs} ms`));
            });
        }, budgetMs);
        promise.then(
            (value) => {
                if (settled) return;
                settled = true;
                clearTimeout(timer);
                resolve(value);
            },
            (error: unknown) => {
                if (settled) return;
                settled = true;
                clearTimeout(timer);
                // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes the call's own rejection through unchanged
                reject(error);
            },
        );
    });
}

/**
 * Server replies and client errors, by the start of their message, worded without quoting them.
 * First match wins.
 */
const REPLY_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
    [/^(WRONGPASS|NOAUTH|ERR AUTH|ERR invalid password)/i, "authentication refused"],
    [/^NOPERM/, "refused by the user's ACL"],
    [/Command timed out/i, "slower than its budget"],
    [
        /Stream isn't writeable|enableOfflineQueue|Connection is closed|None of the sentinels are available|All sentinels are unreachable/i,
        "not connected",
    ],
    [/^(CLUSTERDOWN|TRYAGAIN)|Too many Cluster redirections|Failed to refresh slots cache/i, "cluster not settled"],
    [/^(MASTERDOWN|READONLY|LOADING)/, "no master to write to"],
    [/^NOSCRIPT/, "script missing"],
];

/** Node's TLS error codes that mean the store's certificate was not trusted. */
const TLS_CERTIFICATE_CODE = /^(ERR_TLS_CERT_ALTNAME_INVALID|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)$/;

/**
 * Why a store call failed, in words that quote nothing the server or the URL said (an error
 * message could echo a password or a command).
 */
export function reasonOf(error: unknown): string {
    const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown; name?: unknown };
    const message = typeof e.message === "string" ? e.message : "";
    if (error instanceof StoreBudgetError) return "slower than its budget";
    for (const [pattern, reason] of REPLY_REASONS) if (pattern.test(message)) return reason;
    if (typeof e.code === "string" && TLS_CERTIFICATE_CODE.test(e.code)) return `TLS certificate not trusted (${e.code})`;
    if (typeof e.code === "string" && /^E[A-Z]+$/.test(e.code)) return e.code;
    return typeof e.name === "string" && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : "error";
}
