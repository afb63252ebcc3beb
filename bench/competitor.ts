/**
 * The competing client, run as its own process (`node competitor.js`): another access key of the
 * same Alibaba account, on its own domains, spending `rate` calls/s on each write action for as long
 * as it runs. Open loop: it sends on a fixed schedule whatever the answers, as another team's
 * deployment or a cron job would, and never retries, so it takes exactly the quota it is given.
 *
 * - Add: a new domain per call.
 * - Update: round-robin over the first `UPDATE_POOL` domains it added (never deleted).
 * - Delete: the oldest other domain it added; a tick with none to delete is skipped and counted.
 *
 * Configured through the environment (the secret never appears on a command line); prints one JSON
 * line `{"type":"started"}`, and on "stop" (or when stdin closes) one `{"type":"summary",...}` line.
 */
import * as readline from "node:readline";
import { LiveClient } from "../provider/client/live-client";
import { LiveApiError } from "../provider/api/errors";
import type { LiveRecordNotifyApi } from "../provider/client/types";

/** Domains kept for the Update stream. */
export const UPDATE_POOL = 10;
/** How long to wait for calls in flight when stopping. */
const DRAIN_MS = 5_000;

export const COMPETITOR_ENV = {
    endpoint: "BENCH_COMPETITOR_ENDPOINT",
    accessKeyId: "BENCH_COMPETITOR_KEY_ID",
    accessKeySecret: "BENCH_COMPETITOR_KEY_SECRET",
    rate: "BENCH_COMPETITOR_RATE",
    prefix: "BENCH_COMPETITOR_PREFIX",
} as const;

export type StreamName = "add" | "update" | "delete";

export interface StreamCounts {
    /** Calls sent. */
    sent: number;
    ok: number;
    throttled: number;
    /** Answers that were neither OK nor a throttle (e.g. not-found), and network failures. */
    other: number;
    /** Ticks with nothing to do (Delete before any Add succeeded). */
    skipped: number;
}

export interface CompetitorSummary {
    readonly type: "summary";
    readonly rate: number;
    readonly seconds: number;
    readonly streams: Readonly<Record<StreamName, StreamCounts>>;
}

/** Calls due by `elapsedMs` on an even schedule of `rate` per second, the first at 0. */
export function callsDue(elapsedMs: number, rate: number): number {
    return elapsedMs < 0 ? 0 : Math.floor((elapsedMs * rate) / 1000) + 1;
}

export class Competitor {
    readonly #api: LiveRecordNotifyApi;
    readonly #rate: number;
    readonly #prefix: string;
    readonly #counts: Record<StreamName, StreamCounts> = {
        add: emptyCounts(),
        update: emptyCounts(),
        delete: emptyCounts(),
    };
    readonly #inFlight = new Set<Promise<void>>();
    readonly #updatable: string[] = [];
    readonly #deletable: string[] = [];
    #nextDomain = 0;
    #nextUpdate = 0;
    readonly #timers = new Map<StreamName, NodeJS.Timeout>();
    #startedAt = 0;
    #stoppedAt = 0;

    constructor(api: LiveRecordNotifyApi, rate: number, prefix: string) {
        if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number, got ${rate}`);
        this.#api = api;
        this.#rate = rate;
        this.#prefix = prefix;
    }

    start(): void {
        this.#startedAt = performance.now();
        this.#stream("add", () => this.#add());
        this.#stream("update", () => this.#update());
        this.#stream("delete", () => this.#delete());
    }

    async stop(): Promise<CompetitorSummary> {
        for (const timer of this.#timers.values()) clearTimeout(timer);
        this.#timers.clear();
        this.#stoppedAt = performance.now();
        const drained = Promise.allSettled([...this.#inFlight]);
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
        return {
            type: "summary",
            rate: this.#rate,
            seconds: (this.#stoppedAt - this.#startedAt) / 1000,
            streams: this.#counts,
        };
    }

    #stream(name: StreamName, fire: () => Promise<void> | undefined): void {
        let sent = 0;
        const tick = () => {
            const elapsed = performance.now() - this.#startedAt;
            for (const due = callsDue(elapsed, this.#rate); sent < due; sent++) {
                const call = fire();
                if (call === undefined) {
                    this.#counts[name].skipped++;
                    continue;
                }
                this.#counts[name].sent++;
                this.#track(name, call);
            }
            const nextAt = (sent * 1000) / this.#rate;
            this.#timers.set(name, setTimeout(tick, Math.max(1, nextAt - (performance.now() - this.#startedAt))));
        };
        tick();
    }

    #track(name: StreamName, call: Promise<void>): void {
        const counted = call.then(
            () => void this.#counts[name].ok++,
            (error: unknown) => {
                if (error instanceof LiveApiError && error.kind === "throttled") this.#counts[name].throttled++;
                else this.#counts[name].other++;
            },
        );
        this.#inFlight.add(counted);
        void counted.finally(() => this.#inFlight.delete(counted));
    }

    #add(): Promise<void> {
        const domainName = `c${this.#nextDomain++}.${this.#prefix}.competitor.example.com`;
        return this.#api.add(config(domainName, "v1")).then(() => {
            if (this.#updatable.length < UPDATE_POOL) this.#updatable.push(domainName);
            else this.#deletable.push(domainName);
        });
    }

    #update(): Promise<void> | undefined {
        if (this.#updatable.length === 0) return undefined;
        const domainName = this.#updatable[this.#nextUpdate++ % this.#updatable.length];
        return this.#api.update(config(domainName, `v${this.#nextUpdate}`)).then(() => undefined);
    }

    #delete(): Promise<void> | undefined {
        const domainName = this.#deletable.shift();
        if (domainName === undefined) return undefined;
        return this.#api.delete({ domainName }).then(() => undefined);
    }
}

function emptyCounts(): StreamCounts {
    return { sent: 0, ok: 0, throttled: 0, other: 0, skipped: 0 };
}

function config(domainName: string, version: string) {
    return { domainName, notifyUrl: `https://callbacks.example.com/competitor/${version}/${domainName}` };
}

function requiredEnv(name: string): string {
    const value = process.env[name];
    if (!value) throw new Error(`competitor: ${name} is not set`);
    return value;
}

async function main(): Promise<void> {
    const api = new LiveClient({
        endpoint: requiredEnv(COMPETITOR_ENV.endpoint),
        credentials: {
            accessKeyId: requiredEnv(COMPETITOR_ENV.accessKeyId),
            accessKeySecret: requiredEnv(COMPETITOR_ENV.accessKeySecret),
        },
    });
    const competitor = new Competitor(api, Number(requiredEnv(COMPETITOR_ENV.rate)), requiredEnv(COMPETITOR_ENV.prefix));
    competitor.start();
    process.stdout.write(`${JSON.stringify({ type: "started" })}\n`);

    let stopping = false;
    const stop = async () => {
        if (stopping) return;
        stopping = true;
        const summary = await competitor.stop();
        process.stdout.write(`${JSON.stringify(summary)}\n`, () => process.exit(0));
    };
    const lines = readline.createInterface({ input: process.stdin });
    lines.on("line", (line) => {
        if (line.trim() === "stop") void stop();
    });
    // The parent is gone (or closed our stdin): stop too.
    lines.on("close", () => void stop());
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`competitor: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
}
