/**
 * A simulated Live service in virtual time, for convergence tests of the retry layer: per-action
 * token buckets counted as the service counts them (capacity one second's worth, refilled
 * continuously, a throttled call consumes nothing), network latency both ways, and the
 * configs it stores. Another client of the same account can spend from the same buckets.
 */
import type { Action, ApiResult, DescribeResult, DomainRequest, LiveRecordNotifyApi, RecordNotifyConfig } from "../../../../provider/client/types";
import { alreadyExists, notFound, throttled } from "./live-errors";
import type { VirtualTime } from "./virtual-time";

export class SimulatedBucket {
    #tokens: number;
    #at: number;
    granted = 0;
    refused = 0;

    constructor(
        private readonly time: VirtualTime,
        private readonly rate: number,
        private readonly capacity = rate,
    ) {
        this.#tokens = capacity;
        this.#at = time.now();
    }

    take(): boolean {
        const now = this.time.now();
        this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#at) * this.rate) / 1000);
        this.#at = now;
        if (this.#tokens >= 1) {
            this.#tokens -= 1;
            this.granted++;
            return true;
        }
        this.refused++;
        return false;
    }
}

export interface SimulatedLiveOptions {
    readonly time: VirtualTime;
    readonly random: () => number;
    readonly writeQps?: number;
    readonly readQps?: number;
    /** One-way latency range in ms. */
    readonly latencyMs?: readonly [number, number];
}

export class SimulatedLive implements LiveRecordNotifyApi {
    readonly buckets: ReadonlyMap<Action, SimulatedBucket>;
    readonly configs = new Map<string, RecordNotifyConfig>();
    /** Server-side outcome counts of calls from this client. */
    readonly served = { ok: 0, throttled: 0 };
    #counter = 0;

    constructor(private readonly options: SimulatedLiveOptions) {
        const { time, writeQps = 30, readQps = 50 } = options;
        this.buckets = new Map<Action, SimulatedBucket>([
            ["AddLiveRecordNotifyConfig", new SimulatedBucket(time, writeQps)],
            ["UpdateLiveRecordNotifyConfig", new SimulatedBucket(time, writeQps)],
            ["DeleteLiveRecordNotifyConfig", new SimulatedBucket(time, writeQps)],
            ["DescribeLiveRecordNotifyConfig", new SimulatedBucket(time, readQps)],
        ]);
    }

    add(request: RecordNotifyConfig): Promise<ApiResult> {
        return this.#serve("AddLiveRecordNotifyConfig", () => {
            if (this.configs.has(request.domainName)) throw alreadyExists();
            this.configs.set(request.domainName, { ...request });
        });
    }

    update(request: RecordNotifyConfig): Promise<ApiResult> {
        return this.#serve("UpdateLiveRecordNotifyConfig", () => {
            if (!this.configs.has(request.domainName)) throw notFound("UpdateLiveRecordNotifyConfig");
            this.configs.set(request.domainName, { ...request });
        });
    }

    delete(request: DomainRequest): Promise<ApiResult> {
        return this.#serve("DeleteLiveRecordNotifyConfig", () => {
            if (!this.configs.delete(request.domainName)) throw notFound("DeleteLiveRecordNotifyConfig");
        });
    }

    async describe(request: DomainRequest): Promise<DescribeResult> {
        let config: RecordNotifyConfig | undefined;
        const { requestId } = await this.#serve("DescribeLiveRecordNotifyConfig", () => {
            config = this.configs.get(request.domainName);
            if (!config) throw notFound("DescribeLiveRecordNotifyConfig");
        });
        return { requestId, config: config as RecordNotifyConfig };
    }

    async #serve(action: Action, apply: () => void): Promise<ApiResult> {
        const { time } = this.options;
        await time.sleep(this.#latency());
        let failure: unknown;
        if (!(this.buckets.get(action) as SimulatedBucket).take()) {
            this.served.throttled++;
            failure = throttled(action);
        } else {
            this.served.ok++;
            try {
                apply();
            } catch (error) {
                failure = error;
            }
        }
        await time.sleep(this.#latency());
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the action threw, unchanged
        if (failure !== undefined) throw failure;
        return { requestId: `SIM-${++this.#counter}` };
    }

    #latency(): number {
        const [min, max] = this.options.latencyMs ?? [5, 40];
        return min + this.options.random() * (max - min);
    }
}

/** Another client of the same account, spending `qps` calls/s from `bucket`, evenly, until stopped. */
export function spendEvenly(time: VirtualTime, bucket: SimulatedBucket, qps: number): { stop(): void } {
    let stopped = false;
    void (async () => {
        while (!stopped) {
            bucket.take();
            await time.sleep(1000 / qps);
        }
    })();
    return { stop: () => void (stopped = true) };
}

/** Runs `count` Adds of distinct domains (`d<i>.<zone>`) through `api` with `concurrency` workers; resolves with the failures. */
export async function addMany(api: LiveRecordNotifyApi, count: number, concurrency: number, zone = "example.com"): Promise<unknown[]> {
    const failures: unknown[] = [];
    let next = 0;
    const worker = async () => {
        while (next < count) {
            const i = next++;
            try {
                await api.add({ domainName: `d${i}.${zone}`, notifyUrl: `https://hooks.example.com/record/${i}` });
            } catch (error) {
                failures.push(error);
            }
        }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return failures;
}
