/**
 * A virtual clock and sleep for deterministic tests: time moves only when every pending promise
 * chain has settled and the earliest sleeper is woken. Nothing real waits.
 */
import type { Clock, Sleep } from "../../../../provider/retry/clock";

interface Sleeper {
    readonly at: number;
    readonly seq: number;
    readonly wake: () => void;
}

export class VirtualTime implements Clock {
    #now: number;
    #seq = 0;
    #heap: Sleeper[] = [];
    /** Every sleep asked for, in order. */
    readonly sleeps: number[] = [];

    constructor(start = 0) {
        this.#now = start;
    }

    now(): number {
        return this.#now;
    }

    readonly sleep: Sleep = (ms) => {
        this.sleeps.push(ms);
        return new Promise<void>((wake) => this.#push({ at: this.#now + Math.max(0, ms), seq: this.#seq++, wake }));
    };

    /** Sleepers not yet woken. */
    get pending(): number {
        return this.#heap.length;
    }

    /**
     * Runs until `done()` holds (checked whenever the system is quiet), nobody sleeps any more, or
     * virtual time would pass `until`. Returns the virtual time reached.
     */
    async run(done: () => boolean = () => false, until = Infinity): Promise<number> {
        for (;;) {
            await quiet();
            if (done()) return this.#now;
            const next = this.#pop();
            if (next === undefined) return this.#now;
            if (next.at > until) {
                this.#push(next);
                this.#now = until;
                return this.#now;
            }
            this.#now = next.at;
            next.wake();
        }
    }

    #push(s: Sleeper): void {
        const h = this.#heap;
        h.push(s);
        let i = h.length - 1;
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (!before(h[i], h[p])) break;
            [h[i], h[p]] = [h[p], h[i]];
            i = p;
        }
    }

    #pop(): Sleeper | undefined {
        const h = this.#heap;
        if (h.length === 0) return undefined;
        const top = h[0];
        const last = h.pop() as Sleeper;
        if (h.length > 0) {
            h[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < h.length && before(h[l], h[m])) m = l;
                if (r < h.length && before(h[r], h[m])) m = r;
                if (m === i) break;
                [h[i], h[m]] = [h[m], h[i]];
                i = m;
            }
        }
        return top;
    }
}

function before(a: Sleeper, b: Sleeper): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Resolves once every promise job queued so far (and those they queue) has run. */
function quiet(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** A seeded PRNG (mulberry32), values in [0, 1). */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
