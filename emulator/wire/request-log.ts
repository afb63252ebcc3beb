/**
 * What the emulator answered, request by request, for tests to assert on (rates, outcomes, fault
 * hits). It never holds a secret: no signatures, no tokens, no parameter values except DomainName.
 * Bounded: the oldest entries are forgotten; the counters in `stats` are not.
 */
import type { SignatureVersion } from "./authenticate";

/** Entries kept for `GET /_emulator/requests`. */
export const REQUEST_LOG_CAPACITY = 100_000;

export interface RequestLogEntry {
    /** 1, 2, 3, … since the last reset; `?since=N` returns the entries after N. */
    readonly seq: number;
    /** ISO 8601, from the emulator's clock, when the request arrived. */
    readonly time: string;
    /** The action asked for (as claimed, if authentication failed); "" if none. */
    readonly action: string;
    readonly accountId?: string;
    readonly accessKeyId?: string;
    readonly signatureVersion?: SignatureVersion;
    readonly domainName?: string;
    /** HTTP status sent; 0 when the connection was dropped without an answer. */
    readonly status: number;
    /** "OK", the error Code, or "dropped". */
    readonly outcome: string;
    readonly requestId: string;
    /** Id of the fault rule that affected the request. */
    readonly fault?: string;
    /** For an ambiguous fault: what the request really did ("OK" or a Code) before the drop. */
    readonly hiddenOutcome?: string;
}

export interface RequestStats {
    readonly total: number;
    /** action -> outcome -> count. */
    readonly actions: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export class RequestLog {
    private readonly ring: (RequestLogEntry | undefined)[];
    private next = 0;
    private seq = 0;
    private counts = new Map<string, Map<string, number>>();

    constructor(private readonly capacity: number = REQUEST_LOG_CAPACITY) {
        if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer (got ${capacity})`);
        this.ring = new Array<RequestLogEntry | undefined>(capacity);
    }

    append(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
        const full: RequestLogEntry = { seq: ++this.seq, ...entry };
        this.ring[this.next] = full;
        this.next = (this.next + 1) % this.capacity;
        const byOutcome = this.counts.get(full.action) ?? new Map<string, number>();
        byOutcome.set(full.outcome, (byOutcome.get(full.outcome) ?? 0) + 1);
        this.counts.set(full.action, byOutcome);
        return full;
    }

    /** Oldest first; only those with `seq > since` when given. */
    entries(since = 0): RequestLogEntry[] {
        const ordered = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
        return ordered.filter((e): e is RequestLogEntry => e !== undefined && e.seq > since);
    }

    stats(): RequestStats {
        const actions: Record<string, Record<string, number>> = {};
        for (const [action, byOutcome] of this.counts) actions[action] = Object.fromEntries(byOutcome);
        return { total: this.seq, actions };
    }

    clear(): void {
        this.ring.fill(undefined);
        this.next = 0;
        this.seq = 0;
        this.counts = new Map();
    }
}
