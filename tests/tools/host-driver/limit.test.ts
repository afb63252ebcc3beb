import { strict as assert } from "node:assert";
import { createLimit } from "../../../tools/host-driver/limit";

/** A task that waits until released, recording how many run at once. */
function gate() {
    let running = 0;
    let max = 0;
    const releases: (() => void)[] = [];
    const task = (label: string, order: string[]) => () =>
        new Promise<string>((resolve) => {
            running++;
            max = Math.max(max, running);
            order.push(label);
            releases.push(() => {
                running--;
                resolve(label);
            });
        });
    return { task, releases, max: () => max, running: () => running };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("tools/host-driver/limit", () => {
    it("runs at most `concurrency` tasks at once, starting waiting ones in FIFO order", async () => {
        const limit = createLimit(2);
        const g = gate();
        const order: string[] = [];
        const results = ["a", "b", "c", "d"].map((l) => limit(g.task(l, order)));
        await tick();
        assert.deepEqual(order, ["a", "b"]);
        g.releases.shift()!();
        await tick();
        assert.deepEqual(order, ["a", "b", "c"]);
        while (g.releases.length > 0) {
            g.releases.shift()!();
            await tick();
        }
        assert.deepEqual(await Promise.all(results), ["a", "b", "c", "d"]);
        assert.equal(g.max(), 2);
    });

    it("releases the slot when a task throws, synchronously or not", async () => {
        const limit = createLimit(1);
        await assert.rejects(
            limit(() => {
                throw new Error("sync");
            }),
            /sync/,
        );
        await assert.rejects(
            limit(async () => {
                throw new Error("async");
            }),
            /async/,
        );
        assert.equal(await limit(async () => "after"), "after");
    });

    it("rejects a concurrency that is not a positive integer, naming the value", () => {
        for (const bad of [0, -1, 1.5, Number.NaN]) {
            assert.throws(
                () => createLimit(bad),
                (e: Error) => e instanceof RangeError && e.message.includes(String(bad)),
            );
        }
    });
});
