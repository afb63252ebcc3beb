import { strict as assert } from "node:assert";
import type { ErrorKind } from "../../../provider/api/error-kind";
import {
    MAX_BACKOFF_MS,
    RETRY_AFTER_MAX_EXTRA_MS,
    THROTTLE_BACKOFF_BASE_MS,
    TRANSIENT_BACKOFF_BASE_MS,
    UNREACHABLE_BACKOFF_BASE_MS,
    UNREACHABLE_RETRY_BUDGET_MS,
} from "../../../provider/retry/constants";
import { decideRetry, type RetryFacts } from "../../../provider/retry/retry-policy";

const facts = (over: Partial<RetryFacts>): RetryFacts => ({
    kind: "throttled",
    attempts: 1,
    elapsedMs: 0,
    deadlineMs: 300_000,
    random: () => 0.5,
    ...over,
});

describe("retry/retry-policy: decideRetry", () => {
    it("backs throttles off from the throttle base, doubling per attempt", () => {
        assert.deepEqual(decideRetry(facts({ attempts: 1 })), { retry: true, delayMs: 0.5 * THROTTLE_BACKOFF_BASE_MS });
        assert.deepEqual(decideRetry(facts({ attempts: 2 })), { retry: true, delayMs: 0.5 * 2 * THROTTLE_BACKOFF_BASE_MS });
        assert.deepEqual(decideRetry(facts({ attempts: 3 })), { retry: true, delayMs: 0.5 * 4 * THROTTLE_BACKOFF_BASE_MS });
    });

    it("backs transient failures off from the shorter transient base", () => {
        assert.deepEqual(decideRetry(facts({ kind: "transient", attempts: 1 })), { retry: true, delayMs: 0.5 * TRANSIENT_BACKOFF_BASE_MS });
        assert.deepEqual(decideRetry(facts({ kind: "transient", attempts: 4 })), { retry: true, delayMs: 0.5 * 8 * TRANSIENT_BACKOFF_BASE_MS });
        assert.ok(TRANSIENT_BACKOFF_BASE_MS < THROTTLE_BACKOFF_BASE_MS);
    });

    it("retries an unreachable endpoint from its own base, within its short budget only", () => {
        assert.deepEqual(decideRetry(facts({ kind: "unreachable", attempts: 1 })), { retry: true, delayMs: 0.5 * UNREACHABLE_BACKOFF_BASE_MS });
        assert.ok(UNREACHABLE_RETRY_BUDGET_MS <= 10_000 && UNREACHABLE_RETRY_BUDGET_MS < 300_000);
        // The last delay ends on the budget, not the deadline.
        assert.deepEqual(decideRetry(facts({ kind: "unreachable", attempts: 5, elapsedMs: UNREACHABLE_RETRY_BUDGET_MS - 300, random: () => 0.99 })), {
            retry: true,
            delayMs: 300,
        });
        assert.deepEqual(decideRetry(facts({ kind: "unreachable", attempts: 6, elapsedMs: UNREACHABLE_RETRY_BUDGET_MS })), {
            retry: false,
            reason: "brief",
        });
        // A deadline shorter than the budget is the deadline.
        assert.deepEqual(decideRetry(facts({ kind: "unreachable", elapsedMs: 3_000, deadlineMs: 3_000 })), { retry: false, reason: "deadline" });
        // Timeouts, resets and throttles keep the whole deadline.
        assert.equal(decideRetry(facts({ kind: "transient", elapsedMs: UNREACHABLE_RETRY_BUDGET_MS })).retry, true);
        assert.equal(decideRetry(facts({ kind: "throttled", elapsedMs: UNREACHABLE_RETRY_BUDGET_MS })).retry, true);
    });

    it("caps every delay", () => {
        const d = decideRetry(facts({ attempts: 40, random: () => 0.999 }));
        assert.ok(d.retry && d.delayMs <= MAX_BACKOFF_MS && d.delayMs > 0.99 * MAX_BACKOFF_MS, JSON.stringify(d));
    });

    for (const kind of ["not-found", "already-exists", "invalid-input", "forbidden", "authentication", "no-credentials", "unknown"] as ErrorKind[]) {
        it(`fails ${kind} at once, with time left`, () => {
            assert.deepEqual(decideRetry(facts({ kind, attempts: 1, elapsedMs: 0 })), { retry: false, reason: "not-retryable" });
        });
    }

    it("honours a longer retry-after hint", () => {
        assert.deepEqual(decideRetry(facts({ random: () => 0, retryAfterMs: 3_000 })), { retry: true, delayMs: 3_000 });
    });

    it("keeps the computed delay when the hint is shorter", () => {
        assert.deepEqual(decideRetry(facts({ attempts: 3, retryAfterMs: 10 })), { retry: true, delayMs: 2_000 });
    });

    it("honours a hint only up to RETRY_AFTER_MAX_EXTRA_MS beyond the computed delay", () => {
        const d = decideRetry(facts({ attempts: 1, retryAfterMs: 600_000 }));
        assert.deepEqual(d, { retry: true, delayMs: 0.5 * THROTTLE_BACKOFF_BASE_MS + RETRY_AFTER_MAX_EXTRA_MS });
    });

    it("stops at the deadline", () => {
        assert.deepEqual(decideRetry(facts({ elapsedMs: 300_000 })), { retry: false, reason: "deadline" });
        assert.deepEqual(decideRetry(facts({ elapsedMs: 310_000 })), { retry: false, reason: "deadline" });
    });

    it("never sleeps past the deadline: the last delay ends on it", () => {
        const d = decideRetry(facts({ attempts: 6, elapsedMs: 299_900, random: () => 0.99 }));
        assert.deepEqual(d, { retry: true, delayMs: 100 });
        const hinted = decideRetry(facts({ elapsedMs: 299_000, retryAfterMs: 4_000 }));
        assert.deepEqual(hinted, { retry: true, delayMs: 1_000 });
    });

    it("fails a non-retryable kind as not-retryable even past the deadline", () => {
        assert.deepEqual(decideRetry(facts({ kind: "forbidden", elapsedMs: 1e9 })), { retry: false, reason: "not-retryable" });
    });
});
