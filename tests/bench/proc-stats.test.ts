import { strict as assert } from "node:assert";
import { cpuTicksFromStat, peakRssFromStatus, readProcStats } from "../../bench/proc-stats";

describe("bench/proc-stats", () => {
    it("reads utime + stime (fields 14 and 15), even when the command name holds spaces and parentheses", () => {
        const fields = ["S", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "250", "75", "0", "0"];
        assert.equal(cpuTicksFromStat(`1234 (node) ${fields.join(" ")}`), 325);
        assert.equal(cpuTicksFromStat(`1234 (a b) (c)) ${fields.join(" ")}`), 325);
        assert.throws(() => cpuTicksFromStat("garbage"), /no command name/);
        assert.throws(() => cpuTicksFromStat("1 (x) S 1 2"), /utime\/stime missing/);
    });

    it("reads VmHWM in bytes", () => {
        assert.equal(peakRssFromStatus("Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  153600 kB\nVmRSS:\t 1 kB\n"), 153600 * 1024);
        assert.throws(() => peakRssFromStatus("Name:\tnode\n"), /no VmHWM/);
    });

    it("reads this process: some CPU spent, a peak RSS at least the current heap", function () {
        if (process.platform !== "linux") this.skip();
        const before = readProcStats(process.pid);
        let x = 0;
        for (let i = 0; i < 3e7; i++) x += i % 7;
        assert.ok(x > 0);
        const after = readProcStats(process.pid);
        assert.ok(after.cpuSeconds >= before.cpuSeconds, `${before.cpuSeconds} -> ${after.cpuSeconds}`);
        assert.ok(after.cpuSeconds > 0);
        assert.ok(after.peakRssBytes >= process.memoryUsage().heapUsed, `${after.peakRssBytes} bytes`);
    });
});
