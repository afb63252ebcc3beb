/**
 * A small seeded pseudo-random generator (mulberry32), so a soak's step sequences are reproducible
 * from its seed. Not for cryptography. Pure: the state lives in the returned object.
 */

export interface Random {
    /** A number in [0, 1). */
    next(): number;
    /** An integer in [min, max]. */
    int(min: number, max: number): number;
    /** True with probability `p`. */
    chance(p: number): boolean;
    pick<T>(items: readonly T[]): T;
    /** One of `items`, chosen with the given weights (all >= 0, not all 0). */
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
    /** `n` letters and digits. */
    alphanumeric(n: number): string;
    /** A new generator whose sequence depends only on this one's seed and `label`. */
    fork(label: number): Random;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function seededRandom(seed: number): Random {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    let state = seed >>> 0;
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const random: Random = {
        next,
        int(min, max) {
            if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range [${min}, ${max}]`);
            return min + Math.floor(next() * (max - min + 1));
        },
        chance: (p) => next() < p,
        pick(items) {
            if (items.length === 0) throw new RangeError("pick from an empty list");
            return items[Math.floor(next() * items.length)];
        },
        weighted(items) {
            const total = items.reduce((sum, [, w]) => sum + w, 0);
            if (!(total > 0)) throw new RangeError("weighted: the weights must not all be 0");
            let roll = next() * total;
            for (const [item, weight] of items) {
                roll -= weight;
                if (roll < 0) return item;
            }
            return items[items.length - 1][0];
        },
        alphanumeric(n) {
            let out = "";
            for (let i = 0; i < n; i++) out += ALPHANUMERIC[Math.floor(next() * ALPHANUMERIC.length)];
            return out;
        },
        fork: (label) => seededRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(label + 1, 0x85ebca6b)) | 0),
    };
    return random;
}
