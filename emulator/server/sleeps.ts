/**
 * The delays fault rules inject (`latencyMs`), cut short when the emulator stops, so `stop()` never
 * waits for them and a request asleep then ends without applying anything.
 */
export class Sleeps {
    private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
    private isStopped = false;

    /** True once `stop()` was called: a request that wakes then must do nothing more. */
    get stopped(): boolean {
        return this.isStopped;
    }

    /** Resolves after `ms`, or at once when the emulator stops (then `stopped` is true). */
    sleep(ms: number): Promise<void> {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.sleepers.delete(timer);
                resolve();
            }, ms);
            this.sleepers.set(timer, resolve);
        });
    }

    /** Marks the emulator stopped and wakes every sleeper. */
    stop(): void {
        this.isStopped = true;
        for (const [timer, wake] of this.sleepers) {
            clearTimeout(timer);
            wake();
        }
        this.sleepers.clear();
    }
}
