/**
 * Real time, against the emulator (library, 127.0.0.1): the retrying client, configured for four
 * times the rate the account is granted, converges to the account's quota. The virtual-time tests
 * (retrying-api.convergence.test.ts) prove the numbers; this one proves that the real clock, real
 * timers, real HTTP and the emulator's quota make the same loop converge. The bounds are loose on
 * purpose (a loaded 2-core machine must pass): exact speed is the benchmark's job (`npm run bench`).
 */
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { EmulatorAdmin } from "../../../emulator/admin/client";
import type { RequestLogEntry } from "../../../emulator/wire/request-log";
import { startEmulator, type RunningEmulator } from "../../../emulator/server/start-emulator";
import { LiveClient } from "../../../provider/client/live-client";
import { RetryingLiveApi } from "../../../provider/client/retrying-live-api";

/** The emulator's quota for each write action, lowered from 30 to keep the test short. */
const QUOTA = 10;
/** What the client is (wrongly) told the quota is. */
const CONFIGURED_QPS = 4 * QUOTA;
const ADDS = 80;
const KEY = { accessKeyId: "CONVERGENCE-TEST-KEY", accessKeySecret: "convergence-test-secret-not-real" };

const isThrottle = (e: RequestLogEntry) => e.outcome.startsWith("Throttling");
const at = (e: RequestLogEntry) => Date.parse(e.time);

describe("retry: convergence to the emulator's quota in real time", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator | undefined;

    before(async () => {
        emulator = await startEmulator({ host: "127.0.0.1", writeQps: QUOTA, accounts: [KEY] });
    });

    after(async () => {
        await emulator?.stop();
    });

    it(`${ADDS} concurrent Adds paced for ${CONFIGURED_QPS}/s against a ${QUOTA}/s quota: all succeed, at about the quota, and throttles stop`, async () => {
        const running = emulator!;
        const api = new RetryingLiveApi(new LiveClient({ endpoint: running.url, credentials: KEY }), {
            // Its own limiters: nothing learned by another test in this process carries over.
            accountKey: `convergence-${randomUUID()}`,
            quota: { writeQps: CONFIGURED_QPS },
        });
        const results = await Promise.allSettled(
            Array.from({ length: ADDS }, (_, i) =>
                api.add({ domainName: `c${i}.convergence.example.com`, notifyUrl: `https://callbacks.example.com/convergence/${i}` }),
            ),
        );
        const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        assert.deepEqual(
            failures.map((f) => String(f.reason)),
            [],
            "every Add succeeds",
        );

        const adds = (await new EmulatorAdmin(running.url).requests()).filter((e) => e.action === "AddLiveRecordNotifyConfig");
        const ok = adds.filter((e) => e.outcome === "OK");
        const throttled = adds.filter(isThrottle);
        assert.equal(ok.length, ADDS, "the service applied each Add exactly once");
        assert.equal(ok.length + throttled.length, adds.length, "no answer other than OK or a throttle");

        // The rate the service granted once the first second (the bucket's initial burst) is over,
        // up to the last Add: quota-bound from above by the emulator, from below by convergence.
        const start = at(adds[0]);
        const end = at(ok.at(-1)!);
        const steady = ok.filter((e) => at(e) > start + 1000);
        const seconds = (end - (start + 1000)) / 1000;
        assert.ok(seconds > 2, `the run lasted ${seconds + 1} s; too short to measure a rate`);
        const rate = steady.length / seconds;
        assert.ok(rate >= 0.5 * QUOTA && rate <= 1.5 * QUOTA, `achieved ${rate.toFixed(2)} Adds/s after the first second; quota ${QUOTA}/s`);

        // Throttles are how the limiter learns the real quota; once it has, they must not dominate.
        const half = start + (end - start) / 2;
        const lateOk = ok.filter((e) => at(e) >= half).length;
        const lateThrottled = throttled.filter((e) => at(e) >= half).length;
        assert.ok(lateThrottled < lateOk, `second half of the run: ${lateThrottled} throttled vs ${lateOk} OK`);
        assert.ok(throttled.length < ADDS, `${throttled.length} throttles for ${ADDS} Adds`);
    });
});
