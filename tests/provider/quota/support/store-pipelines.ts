/**
 * K "pipelines" of one account sharing a quota store, as the store's fault tests run them: each its own
 * store connection, shared limiters and API client with its own key, working a few operations at a time
 * as Pulumi does, so that reservations go on all run long. Failures are counted, never thrown: the
 * tests assert there were none.
 */
import type { QuotaStoreUrl } from "../../../../provider/quota/store-url";
import { LiveClient } from "../../../../provider/client/live-client";
import { scheduleName } from "../../../../provider/quota/quota-store";
import { RedisQuotaStore } from "../../../../provider/quota/redis-quota-store";
import { SharedRateLimiter } from "../../../../provider/quota/shared-rate-limiter";
import { RetryingLiveApi } from "../../../../provider/client/retrying-live-api";

/** The account's quota per action: Describe 50 calls/s, the writes 30. */
const ceilingOf = (action: string) => (action.startsWith("Describe") ? 50 : 30);

export interface StorePipelinesOptions {
    readonly url: QuotaStoreUrl;
    readonly endpoint: string;
    readonly account: string;
    /** Pipeline i signs with `${keyPrefix}-${i}` and this secret (the emulator must know the keys). */
    readonly keyPrefix: string;
    readonly secret: string;
    readonly count: number;
    /** Operations per pipeline, and how many each runs at once. */
    readonly perPipeline: number;
    readonly workers: number;
}

export interface StorePipeline {
    readonly store: RedisQuotaStore;
    readonly limiters: Map<string, SharedRateLimiter>;
    readonly api: RetryingLiveApi;
}

export class StorePipelines {
    readonly pipelines: readonly StorePipeline[];
    /** What the stores said (failures, rejoining). */
    readonly notices: string[] = [];
    /** The messages of failed operations. */
    readonly errors: string[] = [];
    /** Operations finished, failed or not. */
    done = 0;

    constructor(private readonly options: StorePipelinesOptions) {
        this.pipelines = Array.from({ length: options.count }, (_, i) => {
            const store = new RedisQuotaStore({ url: options.url, onNotice: (m) => this.notices.push(m) });
            const limiters = new Map<string, SharedRateLimiter>();
            const limiterFor = (action: string) => {
                let limiter = limiters.get(action);
                if (!limiter) {
                    limiter = new SharedRateLimiter({ store, schedule: scheduleName(options.account, action), ceiling: ceilingOf(action) });
                    limiters.set(action, limiter);
                }
                return limiter;
            };
            const api = new RetryingLiveApi(
                new LiveClient({
                    endpoint: options.endpoint,
                    credentials: { accessKeyId: `${options.keyPrefix}-${i}`, accessKeySecret: options.secret },
                }),
                { limiters: limiterFor, operationTimeoutMs: 120_000 },
            );
            return { store, limiters, api };
        });
    }

    /** Every pipeline's store is ready (within `timeoutMs`, when given). */
    ready(timeoutMs?: number): Promise<boolean[]> {
        return Promise.all(this.pipelines.map((p) => p.store.ready(timeoutMs)));
    }

    /** `work` on each pipeline's domains `${prefix}-<i>-<j>.example.com`; `onDone` after each operation. */
    async run(prefix: string, work: (p: StorePipeline, domainName: string) => Promise<unknown>, onDone: () => void = () => undefined): Promise<void> {
        await Promise.all(
            this.pipelines.map(async (p, i) => {
                let next = 0;
                await Promise.all(
                    Array.from({ length: this.options.workers }, async () => {
                        while (next < this.options.perPipeline) {
                            const j = next++;
                            await work(p, `${prefix}-${i}-${j}.example.com`).catch((error: Error) => this.errors.push(error.message));
                            this.done++;
                            onDone();
                        }
                    }),
                );
            }),
        );
    }

    /** Reservations the limiters paced locally (the store unreachable). */
    localReservations(): number {
        return this.pipelines.reduce((n, p) => n + [...p.limiters.values()].reduce((m, l) => m + l.localReservations, 0), 0);
    }

    async close(): Promise<void> {
        await Promise.all(this.pipelines.map((p) => p.store.close()));
    }
}
