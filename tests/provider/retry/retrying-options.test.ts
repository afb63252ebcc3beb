import { strict as assert } from "node:assert";
import { ACTIONS } from "../../../provider/client/types";
import { DEFAULT_OPERATION_TIMEOUT_MS } from "../../../provider/retry/constants";
import { RECORD_NOTIFY_ACTIONS } from "../../../provider/client/retrying-live-api";
import { LimiterRegistry } from "../../../provider/retry/limiter-registry";
import { AdaptiveRateLimiter } from "../../../provider/retry/rate-limiter";
import { resolveRetryOptions, type RetryingLiveApiOptions } from "../../../provider/retry/retrying-options";

const resolve = (options: RetryingLiveApiOptions) => resolveRetryOptions(options, RECORD_NOTIFY_ACTIONS, new LimiterRegistry());

describe("retry/retrying-options", () => {
    describe("resolveRetryOptions", () => {
        it("builds one limiter per action from the account's quota and headroom", () => {
            const registry = new LimiterRegistry();
            const resolved = resolveRetryOptions(
                { accountKey: "acct", quota: { writeQps: 60, readQps: 80 }, quotaHeadroom: 0.5 },
                RECORD_NOTIFY_ACTIONS,
                registry,
            );
            assert.deepEqual([...resolved.limiters.keys()], [...ACTIONS]);
            assert.equal(resolved.limiters.get("AddLiveRecordNotifyConfig")?.rate, 30);
            assert.equal(resolved.limiters.get("DeleteLiveRecordNotifyConfig")?.rate, 30);
            assert.equal(resolved.limiters.get("DescribeLiveRecordNotifyConfig")?.rate, 40);
            assert.equal(resolved.operationTimeoutMs, DEFAULT_OPERATION_TIMEOUT_MS);
            assert.equal(registry.limiter("acct", "AddLiveRecordNotifyConfig", 30), resolved.limiters.get("AddLiveRecordNotifyConfig"));
        });

        it("asks `limiters` for each action once, at construction", () => {
            const asked: string[] = [];
            const resolved = resolve({ limiters: (action) => (asked.push(action), new AdaptiveRateLimiter({ ceiling: 5 })) });
            assert.deepEqual(asked, [...ACTIONS]);
            assert.equal(resolved.limiters.get("AddLiveRecordNotifyConfig")?.rate, 5);
        });

        const bad: ReadonlyArray<readonly [string, unknown, string, RegExp]> = [
            ["not an object", undefined, "TypeError", /options must be an object/],
            ["neither key nor limiters", {}, "TypeError", /`accountKey` .* or `limiters` is required/],
            ["both key and limiters", { accountKey: "a", limiters: () => undefined }, "TypeError", /give `accountKey` or `limiters`, not both/],
            ["an empty account key", { accountKey: " " }, "TypeError", /`accountKey` must be a non-empty string, got a string/],
            ["a numeric account key", { accountKey: 42 }, "TypeError", /`accountKey` must be a non-empty string, got 42/],
            ["limiters not a function", { limiters: {} }, "TypeError", /`limiters` must be a function/],
            ["limiters returning junk", { limiters: () => ({}) }, "TypeError", /`limiters\("AddLiveRecordNotifyConfig"\)` must return a RateLimiter/],
            [
                "a quota with limiters",
                { limiters: () => new AdaptiveRateLimiter({ ceiling: 1 }), quota: {} },
                "TypeError",
                /`quota` and `quotaHeadroom` apply only with `accountKey`/,
            ],
            ["a misspelt option", { accountKey: "a", operationTimeout: 5 }, "TypeError", /unknown option `operationTimeout`/],
            ["a misspelt quota", { accountKey: "a", quota: { writeQPS: 5 } }, "TypeError", /unknown option `quota.writeQPS`/],
            [
                "a zero quota",
                { accountKey: "a", quota: { writeQps: 0 } },
                "RangeError",
                /`quota.writeQps` must be a finite number of calls per second > 0, got 0/,
            ],
            ["a string quota", { accountKey: "a", quota: { readQps: "50" } }, "RangeError", /`quota.readQps` .* got a string/],
            [
                "too much headroom",
                { accountKey: "a", quotaHeadroom: 0.95 },
                "RangeError",
                /`quotaHeadroom` must be a fraction from 0 to 0.9, got 0.95/,
            ],
            ["negative headroom", { accountKey: "a", quotaHeadroom: -0.1 }, "RangeError", /`quotaHeadroom`/],
            ["headroom as text", { accountKey: "a", quotaHeadroom: "0.2" }, "TypeError", /`quotaHeadroom` must be a number/],
            [
                "a zero timeout",
                { accountKey: "a", operationTimeoutMs: 0 },
                "RangeError",
                /`operationTimeoutMs` must be a finite number of milliseconds > 0, got 0/,
            ],
            ["an infinite timeout", { accountKey: "a", operationTimeoutMs: Infinity }, "RangeError", /`operationTimeoutMs` .* got Infinity/],
            ["a timeout over a day", { accountKey: "a", operationTimeoutMs: 90_000_000 }, "RangeError", /at most 86400000/],
            ["a clock without now", { accountKey: "a", clock: {} }, "TypeError", /`clock` must be an object with a now\(\) method/],
            ["a sleep that is not a function", { accountKey: "a", sleep: 5 }, "TypeError", /`sleep` must be a function, got 5/],
            ["a random that is not a function", { accountKey: "a", random: 0.5 }, "TypeError", /`random` must be a function/],
            ["an onEvent that is not a function", { accountKey: "a", onEvent: "log" }, "TypeError", /`onEvent` must be a function, got a string/],
        ];
        for (const [what, options, name, message] of bad) {
            it(`rejects ${what}`, () => {
                assert.throws(() => resolve(options as RetryingLiveApiOptions), { name, message });
            });
        }

        it("never echoes a string option's value (it may be a secret pasted in the wrong place)", () => {
            assert.throws(
                () => resolve({ accountKey: "a", onEvent: "LTAI-secret-value" as never }),
                (e: Error) => !e.message.includes("LTAI"),
            );
        });
    });
});
