/**
 * Every request the client sends takes a limiter slot. Under every emulator semantics profile, the
 * retry layer drives the real signed client through creates, reads, updates, deletes, a missing
 * config, throttles, a 503, a dropped connection and an ambiguous write (settled by a Describe),
 * one operation at a time. Counted on both sides:
 *
 * - each call of the inner client must find a slot taken since its action's previous call;
 * - the emulator must have received exactly one request per inner call, action by action.
 *
 * Together: no request without its own slot. (The client once sent a second, unpaced request when
 * a service refused its boolean form; that path is gone, and this test would count it.)
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { LiveClient } from "../../../provider/client/live-client";
import { ACTIONS, type LiveRecordNotifyApi } from "../../../provider/client/types";
import { AdaptiveRateLimiter, type RateLimiter } from "../../../provider/retry/rate-limiter";
import { RetryingLiveApi } from "../../../provider/client/retrying-live-api";
import { PROFILES } from "../../../tools/semantics-profiles";

const KEY = "Abcdefghij0123456789";

/** Slots taken and inner calls made, per action. */
class Ledger {
    readonly unspent = new Map<string, number>();
    readonly slots = new Map<string, number>();
    readonly calls = new Map<string, number>();
    readonly unpaced: string[] = [];

    limiter(action: string, inner: RateLimiter): RateLimiter {
        const taken = (wait: number, maxWaitMs: number | undefined): number => {
            // A wait beyond the caller's budget takes no slot (RateLimiter's contract).
            if (maxWaitMs === undefined || wait <= maxWaitMs) {
                this.unspent.set(action, (this.unspent.get(action) ?? 0) + 1);
                this.slots.set(action, (this.slots.get(action) ?? 0) + 1);
            }
            return wait;
        };
        return {
            get rate() {
                return inner.rate;
            },
            get epoch() {
                return inner.epoch;
            },
            reserve: (maxWaitMs) => {
                const wait = inner.reserve(maxWaitMs);
                return typeof wait === "number" ? taken(wait, maxWaitMs) : wait.then((w) => taken(w, maxWaitMs));
            },
            onThrottle: (epoch) => inner.onThrottle(epoch),
            onSuccess: () => inner.onSuccess(),
            restrict: (ceiling) => inner.restrict(ceiling),
        };
    }

    /** An inner call of `action` spends every slot taken since the last one (a voided slot was retaken). */
    spend(action: string): void {
        this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
        if ((this.unspent.get(action) ?? 0) < 1) this.unpaced.push(action);
        this.unspent.set(action, 0);
    }
}

/** The plain client, counting its calls into the ledger. */
function counted(client: LiveClient, ledger: Ledger): LiveRecordNotifyApi {
    return {
        add: (r) => (ledger.spend("AddLiveRecordNotifyConfig"), client.add(r)),
        update: (r) => (ledger.spend("UpdateLiveRecordNotifyConfig"), client.update(r)),
        describe: (r) => (ledger.spend("DescribeLiveRecordNotifyConfig"), client.describe(r)),
        delete: (r) => (ledger.spend("DeleteLiveRecordNotifyConfig"), client.delete(r)),
    };
}

describe("provider/retry: every request takes a limiter slot, under every emulator profile", function () {
    this.timeout(120_000);

    for (const profile of PROFILES) {
        it(profile.name, async () => {
            const emulator: RunningEmulator = await startEmulator({ ...profile.options, writeQps: 1_000, readQps: 1_000 });
            try {
                const admin = new EmulatorAdmin(emulator.url);
                const ledger = new Ledger();
                const api = new RetryingLiveApi(counted(new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT }), ledger), {
                    limiters: (action) => ledger.limiter(action, new AdaptiveRateLimiter({ ceiling: 50 })),
                    // Backoff and pacing waits pass at once: this test counts requests, not time.
                    sleep: () => Promise.resolve(),
                    random: () => 0.5,
                    operationTimeoutMs: 60_000,
                });
                const domain = "slots.example.com";
                const full = {
                    domainName: domain,
                    notifyUrl: "https://cb.example.com/a",
                    needStatusNotify: true,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY,
                };

                await admin.addFault({ action: "AddLiveRecordNotifyConfig", count: 2, error: { code: "Throttling.User" } });
                await api.add(full);
                await api.describe({ domainName: domain });
                await admin.addFault({ action: "UpdateLiveRecordNotifyConfig", count: 1, error: { code: "ServiceUnavailable", status: 503 } });
                await api.update({ ...full, notifyUrl: "https://cb.example.com/b", needStatusNotify: false });
                await admin.addFault({ action: "UpdateLiveRecordNotifyConfig", count: 1, ambiguous: true });
                await api.update({ ...full, notifyUrl: "https://cb.example.com/c" });
                await admin.addFault({ action: "DescribeLiveRecordNotifyConfig", count: 1, drop: true });
                await api.describe({ domainName: domain });
                await admin.addFault({ action: "DeleteLiveRecordNotifyConfig", count: 1, ambiguous: true });
                await api.delete({ domainName: domain });
                await assert.rejects(api.describe({ domainName: domain }), (e: { kind?: string }) => e.kind === "not-found");
                await admin.addFault({ action: "AddLiveRecordNotifyConfig", count: 1, ambiguous: true });
                await api.add({ ...full, domainName: "slots2.example.com" });

                const log = await admin.requests();
                assert.deepEqual(ledger.unpaced, [], "inner calls made without a slot taken since the last");
                for (const action of ACTIONS) {
                    const requests = log.filter((entry) => entry.action === action).length;
                    assert.equal(requests, ledger.calls.get(action) ?? 0, `${action}: requests received vs. client calls, each behind a slot`);
                    assert.ok(
                        (ledger.slots.get(action) ?? 0) >= requests,
                        `${action}: ${ledger.slots.get(action) ?? 0} slots for ${requests} requests`,
                    );
                }
                assert.ok(log.length >= 14, `the workload reached the emulator (${log.length} requests)`);
                assert.ok(
                    log.some((e) => e.outcome === "Throttling.User") && log.some((e) => e.fault !== undefined && e.outcome === "dropped"),
                    "throttles and drops were met",
                );
            } finally {
                await emulator.stop();
            }
        });
    }
});
