/**
 * A small typed client for the admin API, so tests, benchmarks and soak runs steer a library
 * emulator and a command-line one the same way. Uses the global `fetch` (Node >= 18).
 */
import type { FaultRule, FaultSpec } from "../api/faults";
import type { QuotaRates } from "../api/quota";
import type { RecordingRun } from "../callbacks/recording";
import type { RecordingSpec } from "../callbacks/recording-spec";
import type { RequestLogEntry, RequestStats } from "../wire/request-log";
import type { KindConfig, StoredConfig } from "../api/store";

export class EmulatorAdminError extends Error {
    override readonly name = "EmulatorAdminError";
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

/** `domainName`, `app` and `stream` are required; the rest default as `RecordingSpec` documents. */
export type RecordingRequest = Pick<RecordingSpec, "domainName" | "app" | "stream"> & Partial<Omit<RecordingSpec, "domainName" | "app" | "stream">>;

export class EmulatorAdmin {
    private readonly base: string;

    /** `url`: the emulator's base URL, e.g. `running.url` ("http://127.0.0.1:PORT"). */
    constructor(url: string) {
        this.base = `${url.replace(/\/+$/, "")}/_emulator/`;
    }

    private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
        const response = await fetch(this.base + route, {
            method,
            ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
        });
        const payload = await response.json();
        if (!response.ok) {
            const error = (payload as { error?: unknown } | null)?.error;
            throw new EmulatorAdminError(response.status, `${method} /_emulator/${route}: ${response.status} ${String(error)}`);
        }
        return payload as T;
    }

    /** Adds a rule; resolves to its id. */
    async addFault(spec: FaultSpec): Promise<string> {
        return (await this.call<{ id: string }>("POST", "faults", spec)).id;
    }

    faults(): Promise<FaultRule[]> {
        return this.call("GET", "faults");
    }

    async removeFault(id: string): Promise<void> {
        await this.call("DELETE", `faults/${encodeURIComponent(id)}`);
    }

    /** Resolves to the number of rules removed. */
    async clearFaults(): Promise<number> {
        return (await this.call<{ cleared: number }>("DELETE", "faults")).cleared;
    }

    /** The cloud's own state, NotifyAuthKey included. */
    configs(): Promise<StoredConfig[]> {
        return this.call("GET", "configs");
    }

    /** The cloud's configurations of another kind (`LiveSnapshotNotifyConfig`, ...), keys included. */
    configsOf(kind: string): Promise<KindConfig[]> {
        return this.call("GET", `configs/${encodeURIComponent(kind)}`);
    }

    /** The request log, oldest first; only entries after `since` (a `seq`) when given. */
    requests(since?: number): Promise<RequestLogEntry[]> {
        return this.call("GET", since === undefined ? "requests" : `requests?since=${since}`);
    }

    stats(): Promise<RequestStats> {
        return this.call("GET", "stats");
    }

    quota(): Promise<QuotaRates> {
        return this.call("GET", "quota");
    }

    /** Changes the limits at run time; resolves to the limits now in force. */
    setQuota(rates: Partial<QuotaRates>): Promise<QuotaRates> {
        return this.call("PUT", "quota", rates);
    }

    /**
     * Simulates a recording of a stream of a configured domain and resolves once every callback was
     * delivered or given up, with the run's deliveries and their attempts.
     */
    simulateRecording(spec: RecordingRequest): Promise<RecordingRun> {
        return this.call("POST", "recordings", spec);
    }

    /** The simulated recordings so far, oldest first. */
    recordings(): Promise<RecordingRun[]> {
        return this.call("GET", "recordings");
    }

    /** Clears configs, log, faults, quota buckets, nonces and recordings; restores the starting quota rates. */
    async reset(): Promise<void> {
        await this.call("POST", "reset");
    }
}
