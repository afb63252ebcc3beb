/**
 * A concurrency limit: at most `concurrency` tasks run at once, the rest wait in FIFO order.
 * The engine stand-in runs resource steps through one of these, as the real engine runs steps on
 * `--parallel` workers.
 */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimit(concurrency: number): Limit {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`concurrency must be an integer >= 1, got ${String(concurrency)}`);
    }
    let running = 0;
    const waiting: (() => void)[] = [];
    const next = () => {
        running--;
        waiting.shift()?.();
    };
    return <T>(task: () => Promise<T>): Promise<T> =>
        new Promise<T>((resolve, reject) => {
            const run = () => {
                running++;
                // A task that throws synchronously still releases its slot.
                Promise.resolve().then(task).then(resolve, reject).finally(next);
            };
            if (running < concurrency) run();
            else waiting.push(run);
        });
}
