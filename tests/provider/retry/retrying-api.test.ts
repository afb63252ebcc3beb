import { strict as assert } from "node:assert";
import * as sinon from "sinon";
import { LiveApiError } from "../../../provider/api/errors";
import type { Action, LiveRecordNotifyApi, RecordNotifyConfig } from "../../../provider/client/types";
import {
    CUBIC_BETA,
    SETTLE_BUDGET_MS,
    THROTTLE_BACKOFF_BASE_MS,
    TRANSIENT_BACKOFF_BASE_MS,
    UNREACHABLE_BACKOFF_BASE_MS,
    UNREACHABLE_RETRY_BUDGET_MS,
} from "../../../provider/retry/constants";
import type { RetryEvent } from "../../../provider/retry/events";
import { LIMITER_STORE_KEY, limiterKey, type LimiterStore } from "../../../provider/retry/limiter-registry";
import { AdaptiveRateLimiter, type RateLimiter } from "../../../provider/retry/rate-limiter";
import { RetriedLiveApiError } from "../../../provider/retry/retried-error";
import { RetryingLiveApi } from "../../../provider/client/retrying-live-api";
import type { RetryingLiveApiOptions } from "../../../provider/retry/retrying-options";
import {
    alreadyExists,
    connectionRefused,
    connectionReset,
    forbidden,
    hostNotFound,
    notFound,
    serviceUnavailable,
    throttled,
} from "./support/live-errors";
import { VirtualTime } from "./support/virtual-time";

const ADD: Action = "AddLiveRecordNotifyConfig";
const UPDATE: Action = "UpdateLiveRecordNotifyConfig";
const DESCRIBE: Action = "DescribeLiveRecordNotifyConfig";
const DELETE: Action = "DeleteLiveRecordNotifyConfig";

const SECRET_KEY = "Sup3rSecretAuthKey0123";
const desired: RecordNotifyConfig = {
    domainName: "live.example.com",
    notifyUrl: "https://hooks.example.com/record",
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: SECRET_KEY,
};

interface StubApi {
    add: sinon.SinonStub;
    update: sinon.SinonStub;
    describe: sinon.SinonStub;
    delete: sinon.SinonStub;
}

function stubApi(): StubApi {
    return { add: sinon.stub(), update: sinon.stub(), describe: sinon.stub(), delete: sinon.stub() };
}

/** Runs virtual time until `promise` settles. */
async function drive<T>(time: VirtualTime, promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
    let outcome: { value?: T; error?: unknown } | undefined;
    promise.then(
        (value) => (outcome = { value }),
        (error) => (outcome = { error }),
    );
    await time.run(() => outcome !== undefined);
    assert.ok(outcome, "the operation never finished: it waits on something that is not virtual time");
    return outcome;
}

describe("retry/retrying-api: RetryingLiveApi", () => {
    let time: VirtualTime;
    let inner: StubApi;
    let events: RetryEvent[];
    let limiters: Map<string, AdaptiveRateLimiter>;

    /** A RetryingLiveApi on virtual time, with fresh limiters (30/s writes, 50/s Describe) and random fixed at 0.5. */
    function retrying(over: Partial<RetryingLiveApiOptions> = {}): RetryingLiveApi {
        return new RetryingLiveApi(inner, {
            limiters: (action) => {
                const limiter = new AdaptiveRateLimiter({ ceiling: action === DESCRIBE ? 50 : 30, clock: time });
                limiters.set(action, limiter);
                return limiter;
            },
            clock: time,
            sleep: time.sleep,
            random: () => 0.5,
            onEvent: (e) => events.push(e),
            ...over,
        });
    }

    const backoffs = () => events.filter((e) => e.type === "delay" && e.reason === "backoff").map((e) => (e as { delayMs: number }).delayMs);

    beforeEach(() => {
        time = new VirtualTime(10_000);
        inner = stubApi();
        events = [];
        limiters = new Map();
    });

    describe("retries", () => {
        it("retries throttles from the throttle base, then succeeds, cutting the limiter's rate", async () => {
            inner.add.onCall(0).rejects(throttled(ADD)).onCall(1).rejects(throttled(ADD)).onCall(2).resolves({ requestId: "OK-1" });
            const { value } = await drive(time, retrying().add(desired));
            assert.deepEqual(value, { requestId: "OK-1" });
            sinon.assert.callCount(inner.add, 3);
            assert.deepEqual(backoffs(), [0.5 * THROTTLE_BACKOFF_BASE_MS, 0.5 * 2 * THROTTLE_BACKOFF_BASE_MS]);
            assert.equal(time.now(), 10_000 + 1_500, "virtual time passed exactly the two backoffs");
            const limiter = limiters.get(ADD) as AdaptiveRateLimiter;
            assert.equal(limiter.epoch, 2, "each throttle came from a call reserved after the previous cut");
            const cuts = events.filter((e) => e.type === "throttle") as Array<{ rate: number; cut: boolean }>;
            assert.deepEqual(
                cuts.map((e) => e.cut),
                [true, true],
            );
            assert.ok(Math.abs(cuts[0].rate - 30 * CUBIC_BETA) < 1e-9, `rate after the first throttle: ${cuts[0].rate}`);
            assert.ok(Math.abs(cuts[1].rate - 30 * CUBIC_BETA * CUBIC_BETA) < 1e-9, `rate after the second: ${cuts[1].rate}`);
            assert.ok(limiter.rate > cuts[1].rate && limiter.rate < 30, `the success lets the rate climb back: ${limiter.rate}`);
            assert.deepEqual(events.at(-1), { type: "success", action: ADD, domainName: desired.domainName, attempts: 3, waitedMs: 1_500 });
        });

        it("retries transient failures from the transient base", async () => {
            inner.describe
                .onCall(0)
                .rejects(connectionReset(DESCRIBE))
                .onCall(1)
                .rejects(serviceUnavailable(DESCRIBE))
                .onCall(2)
                .resolves({ requestId: "D", config: desired });
            const { value } = await drive(time, retrying().describe({ domainName: desired.domainName }));
            assert.deepEqual(value, { requestId: "D", config: desired });
            assert.deepEqual(backoffs(), [0.5 * TRANSIENT_BACKOFF_BASE_MS, 0.5 * 2 * TRANSIENT_BACKOFF_BASE_MS]);
            assert.equal((limiters.get(DESCRIBE) as AdaptiveRateLimiter).epoch, 0, "transient failures do not cut the rate");
        });

        it("makes a fresh call to the inner API for every attempt (so each is signed anew)", async () => {
            const seen: unknown[] = [];
            let calls = 0;
            const fresh: LiveRecordNotifyApi = {
                ...(inner as unknown as LiveRecordNotifyApi),
                update: async (request) => {
                    seen.push(request);
                    calls += 1;
                    if (calls < 4) throw throttled(UPDATE);
                    return { requestId: `U-${calls}` };
                },
            };
            const api = new RetryingLiveApi(fresh, {
                limiters: () => new AdaptiveRateLimiter({ ceiling: 30, clock: time }),
                clock: time,
                sleep: time.sleep,
                random: () => 0.1,
            });
            const { value } = await drive(time, api.update(desired));
            assert.deepEqual(value, { requestId: "U-4" });
            assert.equal(seen.length, 4);
            for (const request of seen) assert.deepEqual(request, desired);
        });

        it("fails a non-retryable error at once, keeping its kind, code and request id", async () => {
            const original = forbidden(UPDATE);
            inner.update.rejects(original);
            const { error } = await drive(time, retrying().update(desired));
            assert.ok(error instanceof RetriedLiveApiError && error instanceof LiveApiError);
            assert.equal(error.attempts, 1);
            assert.equal(error.waitedMs, 0);
            assert.equal(error.stopReason, "not-retryable");
            assert.equal(error.kind, "forbidden");
            assert.equal(error.code, "Forbidden");
            assert.equal(error.requestId, original.requestId);
            assert.equal(error.lastError, original);
            assert.equal(error.name, "LiveApiError");
            assert.ok(error.message.startsWith(original.message), error.message);
            assert.ok(error.message.endsWith("(after 1 attempt, 0 s waited)"), error.message);
            assert.ok(error.stack?.includes("(after 1 attempt, 0 s waited)"), "the stack shows the final message");
            sinon.assert.calledOnce(inner.update);
            assert.equal(time.now(), 10_000, "no time passed");
        });

        it("honours the service's retry-after hint", async () => {
            inner.delete
                .onCall(0)
                .rejects(throttled(DELETE, { retryAfter: 3_000 }))
                .onCall(1)
                .resolves({ requestId: "X" });
            await drive(time, retrying({ random: () => 0 }).delete({ domainName: desired.domainName }));
            assert.deepEqual(backoffs(), [3_000]);
            assert.equal(time.now(), 13_000);
        });

        it("gives up at the deadline, never sleeping past it, and says how hard it tried", async () => {
            inner.add.callsFake(async () => {
                await time.sleep(20);
                throw throttled(ADD);
            });
            const { error } = await drive(time, retrying({ operationTimeoutMs: 30_000, random: () => 0.99 }).add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.stopReason, "deadline");
            assert.equal(error.kind, "throttled");
            assert.equal(error.code, "Throttling.User");
            assert.ok(error.attempts >= 5, `only ${error.attempts} attempts in 30 s`);
            assert.equal(error.attempts, inner.add.callCount);
            // The last attempt starts at the deadline at the latest; only its own 20 ms run past it.
            assert.ok(time.now() <= 10_000 + 30_000 + 20 + 1e-6, `finished at ${time.now() - 10_000} ms, past the 30 s deadline`);
            assert.ok(error.waitedMs <= 30_000 && error.waitedMs > 25_000, `waited ${error.waitedMs}`);
            assert.ok(time.sleeps.filter((ms) => ms !== 20).every((ms) => ms <= 30_000));
            const waited = Number((error.waitedMs / 1000).toFixed(1));
            const suffix = /\(after (\d+) attempts, ([\d.]+) s waited; operation timeout of 30 s reached\)$/.exec(error.message);
            assert.ok(suffix, error.message);
            assert.equal(Number(suffix[1]), error.attempts);
            assert.equal(Number(suffix[2]), waited);
            assert.equal(error.mayHaveApplied, false);
            assert.deepEqual(events.at(-1), {
                type: "give-up",
                action: ADD,
                domainName: desired.domainName,
                attempts: error.attempts,
                waitedMs: error.waitedMs,
                reason: "deadline",
                kind: "throttled",
            });
        });

        it("an unreachable endpoint (no such name) is retried a few times within UNREACHABLE_RETRY_BUDGET_MS, not the operation's deadline", async () => {
            inner.add.callsFake(async () => {
                await time.sleep(5);
                throw hostNotFound(ADD, "live.example.invalid");
            });
            const { error } = await drive(time, retrying().add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.kind, "unreachable");
            assert.equal(error.stopReason, "brief");
            assert.equal(error.host, "live.example.invalid", "the host is still named after the retries");
            assert.ok(error.attempts >= 3 && error.attempts <= 12, `${error.attempts} attempts`);
            const spent = time.now() - 10_000;
            assert.ok(spent <= UNREACHABLE_RETRY_BUDGET_MS + 5 + 1e-6, `spent ${spent} ms, past the ${UNREACHABLE_RETRY_BUDGET_MS} ms budget`);
            assert.ok(spent >= UNREACHABLE_RETRY_BUDGET_MS - 1e-6, `gave up after ${spent} ms, before the budget was spent`);
            assert.match(
                error.message,
                /The host name live\.example\.invalid does not resolve: .*\(after \d+ attempts, [\d.]+ s waited; an unreachable endpoint is retried only briefly\)$/,
            );
            assert.ok(!error.message.includes("operation timeout"), error.message);
        });

        it("a refused connection that clears within the budget succeeds", async () => {
            inner.describe
                .onCall(0)
                .rejects(connectionRefused(DESCRIBE))
                .onCall(1)
                .rejects(connectionRefused(DESCRIBE))
                .onCall(2)
                .resolves({ requestId: "D", config: desired });
            const { value } = await drive(time, retrying().describe({ domainName: desired.domainName }));
            assert.deepEqual(value, { requestId: "D", config: desired });
            assert.deepEqual(backoffs(), [0.5 * UNREACHABLE_BACKOFF_BASE_MS, 0.5 * 2 * UNREACHABLE_BACKOFF_BASE_MS]);
        });

        it("reports throttles (with the epoch read before reserving) and answers to the limiter, but not lost connections", async () => {
            const fake = {
                rate: 30,
                epoch: 7,
                reserve: sinon.stub().returns(0),
                onThrottle: sinon.stub().returns(true),
                onSuccess: sinon.stub(),
                restrict: sinon.stub(),
            } satisfies RateLimiter;
            inner.delete
                .onCall(0)
                .rejects(throttled(DELETE))
                .onCall(1)
                .rejects(connectionReset(DELETE))
                .onCall(2)
                .rejects(serviceUnavailable(DELETE))
                .onCall(3)
                .resolves({ requestId: "OK" });
            await drive(time, retrying({ limiters: () => fake }).delete({ domainName: desired.domainName }));
            sinon.assert.calledOnceWithExactly(fake.onThrottle, 7);
            sinon.assert.callCount(fake.onSuccess, 2); // the 503 answer and the success
            sinon.assert.callCount(fake.reserve, 4);
        });
    });

    describe("pacing", () => {
        it("waits for the limiter's slot before each attempt", async () => {
            inner.describe.resolves({ requestId: "D", config: desired });
            const api = retrying({ limiters: () => new AdaptiveRateLimiter({ ceiling: 2, clock: time }) });
            for (let i = 0; i < 3; i++) await drive(time, api.describe({ domainName: desired.domainName }));
            const pacing = events.filter((e) => e.type === "delay" && e.reason === "pacing").map((e) => (e as { delayMs: number }).delayMs);
            assert.deepEqual(pacing, [500, 500]);
            assert.equal(time.now(), 11_000);
        });

        it("takes a new slot when the rate was cut while it waited", async () => {
            const fake: RateLimiter = {
                rate: 30,
                get epoch() {
                    // A throttle elsewhere cuts the rate while this caller sleeps its first 400 ms.
                    return time.now() > 10_000 ? 1 : 0;
                },
                reserve: (() => {
                    const stub = sinon.stub().returns(50);
                    stub.onCall(0).returns(400);
                    return stub;
                })(),
                onThrottle: () => true,
                onSuccess: () => undefined,
                restrict: () => undefined,
            };
            inner.describe.resolves({ requestId: "D", config: desired });
            await drive(time, retrying({ limiters: () => fake }).describe({ domainName: desired.domainName }));
            sinon.assert.callCount(fake.reserve as sinon.SinonStub, 2);
            assert.equal(time.now(), 10_000 + 450);
            sinon.assert.calledOnce(inner.describe);
        });

        it("does not send when its slot comes after the deadline", async () => {
            const fake: RateLimiter = {
                rate: 0.5,
                epoch: 0,
                reserve: () => 600_000,
                onThrottle: () => true,
                onSuccess: () => undefined,
                restrict: () => undefined,
            };
            const { error } = await drive(time, retrying({ limiters: () => fake }).add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.attempts, 0);
            assert.equal(error.stopReason, "deadline");
            assert.equal(error.kind, "throttled");
            assert.match(error.message, /not sent/);
            sinon.assert.notCalled(inner.add);
            assert.equal(time.now(), 10_000);
        });
    });

    describe("ambiguous writes", () => {
        it("Add: reset, then ConfigAlreadyExists, then Describe shows our config: success", async () => {
            inner.add.onCall(0).rejects(connectionReset(ADD)).onCall(1).rejects(alreadyExists());
            inner.describe.resolves({ requestId: "D-1", config: { ...desired, onDemandUrl: "" } });
            const { value, error } = await drive(time, retrying().add(desired));
            assert.equal(error, undefined);
            assert.deepEqual(value, { requestId: "D-1" });
            sinon.assert.calledOnceWithExactly(inner.describe, { domainName: desired.domainName });
            assert.ok(events.some((e) => e.type === "settle" && e.outcome === "applied"));
        });

        it("Add: reset, then ConfigAlreadyExists, then Describe shows another config: the error stands", async () => {
            const exists = alreadyExists();
            inner.add.onCall(0).rejects(connectionReset(ADD)).onCall(1).rejects(exists);
            inner.describe.resolves({ requestId: "D-2", config: { ...desired, notifyUrl: "https://someone-else.example.com/" } });
            const { error } = await drive(time, retrying().add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.kind, "already-exists");
            assert.equal(error.code, "ConfigAlreadyExists");
            assert.equal(error.requestId, exists.requestId);
            assert.equal(error.attempts, 2);
            assert.equal(error.mayHaveApplied, false, "settled: the config there is not ours");
            sinon.assert.calledOnce(inner.describe);
        });

        it("Add: reset, then ConfigAlreadyExists, then Describe finds nothing: adds again", async () => {
            inner.add.onCall(0).rejects(connectionReset(ADD)).onCall(1).rejects(alreadyExists()).onCall(2).resolves({ requestId: "A-3" });
            inner.describe.rejects(notFound(DESCRIBE));
            const { value } = await drive(time, retrying().add(desired));
            assert.deepEqual(value, { requestId: "A-3" });
            sinon.assert.callCount(inner.add, 3);
        });

        it("Add: ConfigAlreadyExists with no ambiguous attempt before: fails at once, without Describe", async () => {
            inner.add.rejects(alreadyExists());
            const { error } = await drive(time, retrying().add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.code, "ConfigAlreadyExists");
            assert.equal(error.attempts, 1);
            sinon.assert.notCalled(inner.describe);
        });

        it("Add: a refused connection proves nothing was sent, so ConfigAlreadyExists after it stands", async () => {
            inner.add.onCall(0).rejects(connectionRefused(ADD)).onCall(1).rejects(alreadyExists());
            const { error } = await drive(time, retrying().add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.code, "ConfigAlreadyExists");
            assert.equal(error.attempts, 2);
            sinon.assert.notCalled(inner.describe);
        });

        it("Delete: reset, then NotFound: success (the first attempt deleted it)", async () => {
            const gone = notFound(DELETE);
            inner.delete.onCall(0).rejects(connectionReset(DELETE)).onCall(1).rejects(gone);
            const { value } = await drive(time, retrying().delete({ domainName: desired.domainName }));
            assert.deepEqual(value, { requestId: gone.requestId });
            sinon.assert.notCalled(inner.describe);
        });

        it("Delete: NotFound with no ambiguous attempt before: the error stands", async () => {
            inner.delete.rejects(notFound(DELETE));
            const { error } = await drive(time, retrying().delete({ domainName: desired.domainName }));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.kind, "not-found");
            assert.equal(error.attempts, 1);
        });

        it("Update: a reset is simply retried (full state is idempotent)", async () => {
            inner.update.onCall(0).rejects(connectionReset(UPDATE)).onCall(1).resolves({ requestId: "U" });
            const { value } = await drive(time, retrying().update(desired));
            assert.deepEqual(value, { requestId: "U" });
            sinon.assert.notCalled(inner.describe);
        });

        it("a write that may have applied and then runs out of time is checked before it is reported: applied -> success", async () => {
            inner.update.rejects(connectionReset(UPDATE));
            inner.describe.resolves({ requestId: "D-9", config: desired });
            const { value } = await drive(time, retrying({ operationTimeoutMs: 5_000 }).update(desired));
            assert.deepEqual(value, { requestId: "D-9" });
            assert.ok(inner.update.callCount > 1);
            sinon.assert.calledOnce(inner.describe);
        });

        it("... not applied -> the error, no longer marked as possibly applied", async () => {
            inner.add.rejects(serviceUnavailable(ADD));
            inner.describe.rejects(notFound(DESCRIBE));
            const { error } = await drive(time, retrying({ operationTimeoutMs: 5_000 }).add(desired));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.stopReason, "deadline");
            assert.equal(error.code, "ServiceUnavailable");
            assert.equal(error.mayHaveApplied, false);
            assert.doesNotMatch(error.message, /may have been applied/);
        });

        it("... and when the check itself fails, the error says the write may have been applied", async () => {
            inner.delete.rejects(connectionReset(DELETE));
            inner.describe.rejects(forbidden(DESCRIBE));
            const { error } = await drive(time, retrying({ operationTimeoutMs: 5_000 }).delete({ domainName: desired.domainName }));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.mayHaveApplied, true);
            assert.match(error.message, /an earlier attempt may have been applied and the check could not tell\)$/);
            assert.ok(events.some((e) => e.type === "settle" && e.outcome === "unknown"));
        });

        it("the final check gets SETTLE_BUDGET_MS even when the deadline has passed", async () => {
            inner.add.rejects(connectionReset(ADD));
            inner.describe.onCall(0).rejects(serviceUnavailable(DESCRIBE)).onCall(1).resolves({ requestId: "D", config: desired });
            const { value } = await drive(time, retrying({ operationTimeoutMs: 2_000 }).add(desired));
            assert.deepEqual(value, { requestId: "D" });
            assert.ok(time.now() - 10_000 <= 2_000 + SETTLE_BUDGET_MS);
        });
    });

    describe("observability and secrets", () => {
        it("events and errors carry no URL and no key", async () => {
            inner.add.onCall(0).rejects(throttled(ADD)).onCall(1).rejects(connectionReset(ADD)).onCall(2).rejects(forbidden(ADD));
            inner.describe.resolves({ requestId: "D", config: { ...desired, notifyAuthKey: "SomeoneElsesKey12345" } });
            const { error } = await drive(time, retrying().add(desired));
            assert.ok(error instanceof Error);
            const text = JSON.stringify(events) + error.message + String(error.stack);
            assert.ok(events.length > 5);
            for (const secret of [SECRET_KEY, "SomeoneElsesKey12345", desired.notifyUrl]) {
                assert.ok(!text.includes(secret), `leaked ${secret}`);
            }
        });

        it("a listener that throws does not break the operation", async () => {
            inner.describe.onCall(0).rejects(throttled(DESCRIBE)).onCall(1).resolves({ requestId: "D", config: desired });
            const api = retrying({
                onEvent: () => {
                    throw new Error("listener bug");
                },
            });
            const { value } = await drive(time, api.describe({ domainName: desired.domainName }));
            assert.deepEqual(value, { requestId: "D", config: desired });
        });
    });

    describe("a call's own budget and cancellation (CallOptions)", () => {
        it("a call's timeoutMs replaces the operation default: a throttle storm ends at it, naming it", async () => {
            inner.add.rejects(throttled(ADD));
            const { error } = await drive(time, retrying({ operationTimeoutMs: 300_000 }).add(desired, { timeoutMs: 5_000 }));
            assert.ok(error instanceof RetriedLiveApiError);
            assert.equal(error.stopReason, "deadline");
            assert.match(error.message, /operation timeout of 5 s reached/);
            assert.ok(time.now() - 10_000 <= 5_000, `gave up by the call's deadline (${time.now() - 10_000} ms)`);
        });

        it("an abort ends a backoff at once and makes no further attempt", async () => {
            inner.describe.rejects(serviceUnavailable(DESCRIBE));
            const controller = new AbortController();
            const api = retrying();
            const pending = api.describe({ domainName: desired.domainName }, { signal: controller.signal });
            let outcome: unknown;
            pending.then(
                () => (outcome = "resolved"),
                (e: unknown) => (outcome = e),
            );
            await time.run(() => inner.describe.callCount === 2);
            controller.abort();
            await time.run(() => outcome !== undefined, time.now());
            assert.ok(outcome instanceof RetriedLiveApiError, "ended without waiting out the backoff");
            assert.equal(outcome.stopReason, "cancelled");
            assert.match(outcome.message, /cancelled/);
            sinon.assert.callCount(inner.describe, 2);
        });

        it("refuses a budget that is not a positive number of milliseconds", () => {
            assert.throws(() => retrying().delete({ domainName: desired.domainName }, { timeoutMs: 0 }), /timeoutMs must be a positive number/);
        });
    });

    describe("construction", () => {
        it("shares the process-wide limiters between clients of the same account key", () => {
            const account = `acct-${process.pid}-${Date.now()}`;
            try {
                const a = new RetryingLiveApi(inner, { accountKey: account });
                const b = new RetryingLiveApi(inner, { accountKey: account, quotaHeadroom: 0.5 });
                const c = new RetryingLiveApi(inner, { accountKey: `${account}-other` });
                assert.equal(a.limiterFor(ADD), b.limiterFor(ADD));
                assert.notEqual(a.limiterFor(ADD), a.limiterFor(UPDATE));
                assert.notEqual(a.limiterFor(ADD), c.limiterFor(ADD));
                assert.equal(a.limiterFor(ADD).rate, 15, "the most careful caller's headroom applies to the shared limiter");
                assert.equal(a.limiterFor(DESCRIBE).rate, 25);
            } finally {
                const store = (globalThis as unknown as Record<symbol, LimiterStore>)[LIMITER_STORE_KEY];
                for (const key of [account, `${account}-other`]) {
                    for (const action of [ADD, UPDATE, DESCRIBE, DELETE]) store.delete(limiterKey(key, action));
                }
            }
        });

        it("rejects an inner API that lacks a method, naming it", () => {
            assert.throws(() => new RetryingLiveApi({ add: () => undefined } as unknown as LiveRecordNotifyApi, { accountKey: "a" }), {
                name: "TypeError",
                message: /inner must implement add, update, describe and delete \(missing: update, describe, delete\)/,
            });
            assert.throws(() => new RetryingLiveApi(undefined as never, { accountKey: "a" }), {
                name: "TypeError",
                message: /missing: add, update, describe, delete/,
            });
        });

        it("validates its options eagerly", () => {
            assert.throws(() => new RetryingLiveApi(inner, { accountKey: "a", operationTimeoutMs: -1 }), {
                name: "RangeError",
                message: /RetryingLiveApi: `operationTimeoutMs` must be a finite number of milliseconds > 0, got -1/,
            });
        });
    });
});
