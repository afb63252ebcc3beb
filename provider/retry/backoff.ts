/**
 * Full-jitter exponential backoff: `U(0, min(cap, base * 2^retry))`. Of the variants Brooker
 * compared ("Exponential Backoff and Jitter", AWS Architecture Blog, 2015), full jitter makes the
 * fewest calls, and it spreads callers that failed together so they do not retry in lockstep. Pure.
 */

/**
 * @param retry - how many retries came before this one (0 for the first retry).
 * @param baseMs - the ceiling of the first retry's delay.
 * @param capMs - no delay exceeds this.
 * @param random - a number in [0, 1), e.g. `Math.random`.
 */
export function fullJitterDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
    if (!Number.isInteger(retry) || retry < 0) throw new RangeError(`retry must be an integer >= 0, got ${retry}`);
    if (!(baseMs >= 0) || !Number.isFinite(baseMs)) throw new RangeError(`baseMs must be a finite number >= 0, got ${baseMs}`);
    if (!(capMs >= 0) || !Number.isFinite(capMs)) throw new RangeError(`capMs must be a finite number >= 0, got ${capMs}`);
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);
    // 2 ** 1023 is the largest finite power of two: beyond it a zero base would give 0 * Infinity = NaN.
    return r * Math.min(capMs, baseMs * 2 ** Math.min(retry, 1023));
}
