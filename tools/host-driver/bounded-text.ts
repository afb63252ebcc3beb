/**
 * A child process's output, captured with a cap: a host that prints without end (a provider logging in a
 * loop) must not fill this process's memory, and the newest bytes are the ones that explain a failure.
 */

/**
 * Collects text, keeping at most `max` bytes (the newest). It drops whole chunks, oldest first, and never
 * the last one, so a single chunk larger than `max` is kept whole rather than cut mid-character.
 */
export class BoundedText {
    private chunks: Buffer[] = [];
    private size = 0;
    constructor(private readonly max: number) {}
    push(chunk: Buffer): void {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size > this.max && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    }
    text(): string {
        return Buffer.concat(this.chunks).toString("utf8");
    }
}
