import { strict as assert } from "node:assert";
import { RequestLog } from "../../../emulator/wire/request-log";

const entry = (action: string, outcome: string) => ({
    time: "2026-01-01T00:00:00.000Z",
    action,
    status: outcome === "OK" ? 200 : 400,
    outcome,
    requestId: "R",
});

describe("emulator/wire/request-log", () => {
    it("numbers entries and returns them oldest first, or after a given seq", () => {
        const log = new RequestLog(10);
        for (let i = 0; i < 3; i++) log.append(entry("A", "OK"));
        assert.deepEqual(
            log.entries().map((e) => e.seq),
            [1, 2, 3],
        );
        assert.deepEqual(
            log.entries(2).map((e) => e.seq),
            [3],
        );
    });

    it("keeps only the newest entries, while counters keep counting", () => {
        const log = new RequestLog(3);
        for (let i = 0; i < 5; i++) log.append(entry("A", i % 2 ? "Throttling.User" : "OK"));
        assert.deepEqual(
            log.entries().map((e) => e.seq),
            [3, 4, 5],
        );
        assert.deepEqual(log.stats(), { total: 5, actions: { A: { OK: 3, "Throttling.User": 2 } } });
    });

    it("clear starts over", () => {
        const log = new RequestLog(3);
        log.append(entry("A", "OK"));
        log.clear();
        assert.deepEqual(log.entries(), []);
        assert.deepEqual(log.stats(), { total: 0, actions: {} });
        assert.equal(log.append(entry("B", "OK")).seq, 1);
    });

    it("rejects a capacity that is not a positive integer", () => {
        assert.throws(() => new RequestLog(0), /positive integer/);
    });
});
