import { strict as assert } from "node:assert";
import {
    FULL_JITTER_BASE_MS,
    FULL_JITTER_CAP_MS,
    fullJitterSchedule,
    TERRAFORM_STYLE,
    terraformStyleDelay,
} from "../../../bench/baselines/schedules";

describe("bench/baselines/schedules", () => {
    it("terraform-style: 3 s, then 5 s for ever, the same for every caller (no jitter)", () => {
        assert.deepEqual([0, 1, 2, 10, 100].map(terraformStyleDelay), [3000, 5000, 5000, 5000, 5000]);
        assert.equal(TERRAFORM_STYLE.deadlineMs, 300_000);
        assert.throws(() => terraformStyleDelay(-1), RangeError);
        assert.throws(() => terraformStyleDelay(0.5), RangeError);
    });

    it("full-jitter: U(0, min(20 s, 1 s x 2^retry)), from the random source", () => {
        const top = fullJitterSchedule(() => 0.999999);
        const expected = [1000, 2000, 4000, 8000, 16000, 20000, 20000];
        expected.forEach((ceiling, retry) => {
            const d = top.delayMs(retry);
            assert.ok(d < ceiling && d > ceiling * 0.999, `retry ${retry}: ${d} vs ceiling ${ceiling}`);
        });
        assert.equal(fullJitterSchedule(() => 0).delayMs(5), 0);
        assert.equal(fullJitterSchedule(() => 0.5).delayMs(1), FULL_JITTER_BASE_MS);
        assert.equal(fullJitterSchedule(() => 0.5).delayMs(30), FULL_JITTER_CAP_MS / 2);
        assert.equal(fullJitterSchedule().deadlineMs, 300_000);
    });
});
