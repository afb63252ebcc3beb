import { strict as assert } from "node:assert";
import { seededRandom } from "../../../tools/soak/random";

describe("tools/soak/random", () => {
    const draw = (seed: number, n = 20) => Array.from({ length: n }, seededRandom(seed).next);

    it("is reproducible from its seed, and different seeds give different sequences", () => {
        assert.deepEqual(draw(42), draw(42));
        assert.notDeepEqual(draw(42), draw(43));
    });

    it("stays in range", () => {
        const r = seededRandom(7);
        for (let i = 0; i < 2000; i++) {
            const x = r.next();
            assert.ok(x >= 0 && x < 1);
            const n = r.int(-3, 3);
            assert.ok(Number.isInteger(n) && n >= -3 && n <= 3);
        }
        assert.match(r.alphanumeric(32), /^[A-Za-z0-9]{32}$/);
    });

    it("weighted picks follow the weights and never pick a zero weight", () => {
        const r = seededRandom(1);
        const counts = { a: 0, b: 0, c: 0 };
        for (let i = 0; i < 4000; i++)
            counts[
                r.weighted<"a" | "b" | "c">([
                    ["a", 3],
                    ["b", 1],
                    ["c", 0],
                ])
            ]++;
        assert.equal(counts.c, 0);
        assert.ok(counts.a > 2 * counts.b, JSON.stringify(counts));
    });

    it("forks are reproducible and independent of how much the parent was used", () => {
        const a = seededRandom(5);
        const b = seededRandom(5);
        b.next();
        b.next();
        assert.deepEqual(Array.from({ length: 5 }, a.fork(3).next), Array.from({ length: 5 }, b.fork(3).next));
        assert.notDeepEqual(Array.from({ length: 5 }, a.fork(3).next), Array.from({ length: 5 }, a.fork(4).next));
    });

    it("rejects what it cannot do", () => {
        assert.throws(() => seededRandom(1.5), /seed must be an integer/);
        assert.throws(() => seededRandom(1).int(3, 1), /bad range/);
        assert.throws(() => seededRandom(1).pick([]), /empty/);
        assert.throws(() => seededRandom(1).weighted([["x", 0]]), /not all be 0/);
    });
});
