/**
 * Signature nonces seen per access key, remembered while the signed timestamp could still be
 * accepted: replaying a captured request inside the clock-skew window must fail.
 */
export class NonceCache {
    /** `${accessKeyId}\n${nonce}` -> epoch ms after which the entry may be forgotten. */
    private readonly entries = new Map<string, number>();

    /** Forget entries already past their expiry (insertion order is close to expiry order). */
    private prune(now: number): void {
        for (const [key, expiresAt] of this.entries) {
            if (expiresAt > now) break;
            this.entries.delete(key);
        }
    }

    /** True if the nonce was already used by this key and is still remembered. */
    has(accessKeyId: string, nonce: string, now: number): boolean {
        const expiresAt = this.entries.get(`${accessKeyId}\n${nonce}`);
        return expiresAt !== undefined && expiresAt > now;
    }

    remember(accessKeyId: string, nonce: string, expiresAt: number, now: number): void {
        this.prune(now);
        const key = `${accessKeyId}\n${nonce}`;
        // Re-insert so the entry moves to the end of the insertion order.
        this.entries.delete(key);
        this.entries.set(key, expiresAt);
    }

    get size(): number {
        return this.entries.size;
    }

    clear(): void {
        this.entries.clear();
    }
}
