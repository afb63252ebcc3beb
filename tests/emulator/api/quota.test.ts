import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, type EmulatorAccount } from "../../../emulator";
import { QuotaBook, TokenBucket } from "../../../emulator/api/quota";
import { coreCall, outcomeOf } from "../support/core-client";
import { ADD, DESCRIBE, emulatorFixture, UPDATE } from "../support/fixtures";
import { signedV3 } from "../support/official-signer";
import { sendRaw } from "../support/raw-http";

describe("emulator/api/quota", () => {
    describe("TokenBucket", () => {
        it("starts with one second's worth and refuses the next call", () => {
            const bucket = new TokenBucket(30, 0);
            let taken = 0;
            while (bucket.tryTake(0)) taken++;
            assert.equal(taken, 30);
        });

        it("refills continuously at the rate", () => {
            const bucket = new TokenBucket(30, 0);
            while (bucket.tryTake(0));
            assert.equal(bucket.tryTake(33), false, "33 ms is less than one token at 30/s");
            assert.equal(bucket.tryTake(34), true, "34 ms is a whole token");
            assert.equal(bucket.tryTake(34), false);
            let taken = 0;
            while (bucket.tryTake(10_000)) taken++;
            assert.equal(taken, 30, "never more than capacity");
        });

        it("takes nothing from a refused call", () => {
            const bucket = new TokenBucket(10, 0);
            while (bucket.tryTake(0));
            for (let i = 0; i < 50; i++) assert.equal(bucket.tryTake(50), false);
            assert.equal(bucket.tryTake(100), true, "100 ms at 10/s is one token, untouched by the refusals");
        });

        it("reports the wait until the next token", () => {
            const bucket = new TokenBucket(30, 0);
            while (bucket.tryTake(0));
            assert.equal(bucket.msUntilToken(0), 34);
            assert.equal(bucket.msUntilToken(20), 14);
            assert.equal(bucket.msUntilToken(40), 0);
        });

        it("lets fractional rates through one call at a time", () => {
            const bucket = new TokenBucket(0.5, 0);
            assert.equal(bucket.tryTake(0), true);
            assert.equal(bucket.tryTake(1_999), false);
            assert.equal(bucket.tryTake(2_000), true);
        });

        it("keeps earned tokens across a rate change, capped at the new capacity", () => {
            const bucket = new TokenBucket(30, 0);
            bucket.setRate(5, 0);
            assert.equal(bucket.available, 5);
            bucket.setRate(50, 0);
            assert.equal(bucket.available, 5, "raising the rate does not grant tokens");
        });

        it("refills within a millisecond at thousands of calls/s (a raised quota, a fast client)", () => {
            const bucket = new TokenBucket(0.01, 0);
            assert.equal(bucket.tryTake(0), true);
            bucket.setRate(10_000, 0.05);
            assert.equal(bucket.tryTake(0.1), false, "0.05 ms at 10,000/s earns half a call");
            assert.equal(bucket.tryTake(0.2), true);
        });

        it("does not lose tokens when the clock steps back", () => {
            const bucket = new TokenBucket(10, 1_000);
            bucket.tryTake(1_000);
            assert.equal(bucket.tryTake(0), true);
            assert.equal(bucket.available, 8);
        });
    });

    describe("QuotaBook", () => {
        const drain = (book: QuotaBook, account: string, action: string, isWrite: boolean, now = 0): number => {
            let n = 0;
            while (book.take(account, action, isWrite, now).allowed) n++;
            return n;
        };

        it("gives each (account, action) its own bucket, sized by write or read rate", () => {
            const book = new QuotaBook({ writeQps: 30, readQps: 50 });
            assert.equal(drain(book, "A", "AddLiveRecordNotifyConfig", true), 30);
            assert.equal(drain(book, "A", "UpdateLiveRecordNotifyConfig", true), 30, "each write action has its own 30/s");
            assert.equal(drain(book, "A", "DescribeLiveRecordNotifyConfig", false), 50);
            assert.equal(drain(book, "B", "AddLiveRecordNotifyConfig", true), 30, "another account is not affected");
        });

        it("returns the wait with a refusal", () => {
            const book = new QuotaBook({ writeQps: 10, readQps: 50 });
            drain(book, "A", "x", true);
            const decision = book.take("A", "x", true, 0);
            assert.deepEqual(decision, { allowed: false, retryAfterMs: 100 });
        });

        it("changes the rates of existing and future buckets at run time", () => {
            const book = new QuotaBook({ writeQps: 30, readQps: 50 });
            book.take("A", "w", true, 0);
            assert.deepEqual(book.setRates({ writeQps: 2 }, 0), { writeQps: 2, readQps: 50 });
            assert.equal(drain(book, "A", "w", true), 2);
            assert.equal(drain(book, "B", "w", true), 2);
            assert.equal(drain(book, "B", "r", false), 50);
        });

        it("clear forgets the buckets and can restore rates", () => {
            const book = new QuotaBook({ writeQps: 3, readQps: 50 });
            drain(book, "A", "w", true);
            book.setRates({ writeQps: 1 }, 0);
            book.clear({ writeQps: 3, readQps: 50 });
            assert.equal(drain(book, "A", "w", true), 3);
        });
    });
});

describe("emulator quota (over HTTP)", () => {
    const start = emulatorFixture();
    const URL_A = "http://cb.example.com/x";
    const keyA1: EmulatorAccount = { accessKeyId: "A1", accessKeySecret: "a1-secret", accountId: "1000000000000001" };
    const keyA2: EmulatorAccount = { accessKeyId: "A2", accessKeySecret: "a2-secret", accountId: "1000000000000001" };
    const keyB: EmulatorAccount = { accessKeyId: "B1", accessKeySecret: "b1-secret", accountId: "2000000000000002" };

    /** A clock that moves only when told to, starting at real time so signatures stay in the window. */
    const frozenClock = () => {
        let t = Date.now();
        return { now: () => t, advance: (ms: number) => (t += ms) };
    };

    const countOutcomes = (outcomes: string[]): Record<string, number> =>
        outcomes.reduce<Record<string, number>>((acc, o) => ((acc[o] = (acc[o] ?? 0) + 1), acc), {});

    it("a burst of 90 Adds within one second: about 30 succeed, the rest get 400 Throttling.User", async () => {
        const emu = await start();
        const began = Date.now();
        const results = await Promise.all(
            Array.from({ length: 90 }, (_, i) => coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: `d${i}.example.com`, NotifyUrl: URL_A })),
        );
        const elapsedSeconds = (Date.now() - began) / 1000;
        const counts = countOutcomes(results.map(outcomeOf));
        const ok = counts["OK"] ?? 0;
        // 30 at once, plus what refills while the burst is in flight (generous on a loaded machine).
        assert.ok(ok >= 25 && ok <= 30 + Math.ceil(30 * elapsedSeconds) + 2, `OK=${ok} in ${elapsedSeconds}s`);
        if (elapsedSeconds < 0.3) assert.ok(ok <= 40, `OK=${ok}`);
        assert.equal(ok + (counts["Throttling.User"] ?? 0), 90, JSON.stringify(counts));
        const throttled = results.find((r) => !r.ok);
        assert.ok(throttled && !throttled.ok);
        assert.equal(throttled.statusCode, 400);
        assert.equal(throttled.name, "ThrottlingError");
        assert.equal(throttled.data?.["Message"], "Request was denied due to user flow control.");
        assert.equal((await new EmulatorAdmin(emu.url).configs()).length, ok, "throttled calls stored nothing");
    });

    it("with a frozen clock exactly 30 Adds pass; time refills one call per 1/30 s", async () => {
        const clock = frozenClock();
        const emu = await start({ now: clock.now });
        const outcomes: string[] = [];
        for (let i = 0; i < 35; i++)
            outcomes.push(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: `d${i}.example.com`, NotifyUrl: URL_A })));
        assert.deepEqual(countOutcomes(outcomes), { OK: 30, "Throttling.User": 5 });
        assert.deepEqual(outcomes.slice(30), Array(5).fill("Throttling.User"), "the first 30 pass, then all are refused");
        clock.advance(34);
        assert.equal(
            outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "late1.example.com", NotifyUrl: URL_A })),
            "OK",
            "a throttled call took nothing",
        );
        assert.equal(
            outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "late2.example.com", NotifyUrl: URL_A })),
            "Throttling.User",
        );
    });

    it("two keys of one account share the bucket; another account has its own", async () => {
        const clock = frozenClock();
        const emu = await start({ accounts: [keyA1, keyA2, keyB], now: clock.now });
        const burst = async (key: EmulatorAccount, n: number, prefix: string) => {
            const out: string[] = [];
            for (let i = 0; i < n; i++)
                out.push(outcomeOf(await coreCall(emu.endpoint, key, ADD, { DomainName: `${prefix}${i}.example.com`, NotifyUrl: URL_A })));
            return countOutcomes(out);
        };
        assert.deepEqual(await burst(keyA1, 20, "a"), { OK: 20 });
        assert.deepEqual(await burst(keyA2, 15, "b"), { OK: 10, "Throttling.User": 5 });
        assert.deepEqual(await burst(keyB, 30, "c"), { OK: 30 });
    });

    it("each write action has its own 30/s and Describe has 50/s", async () => {
        const clock = frozenClock();
        const emu = await start({ now: clock.now });
        const run = async (action: string, n: number) => {
            const out: string[] = [];
            for (let i = 0; i < n; i++)
                out.push(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, action, { DomainName: `x${i}.example.com`, NotifyUrl: URL_A })));
            return countOutcomes(out);
        };
        assert.deepEqual(await run(ADD, 31), { OK: 30, "Throttling.User": 1 });
        assert.deepEqual(await run(UPDATE, 31), { OK: 30, "Throttling.User": 1 }, "Update is not slowed by Add's bucket");
        assert.deepEqual(await run(DESCRIBE, 51), { OK: 30, "InvalidConfig.NotFound": 20, "Throttling.User": 1 });
    });

    it("requests failing authentication are not counted", async () => {
        const clock = frozenClock();
        const emu = await start({ now: clock.now });
        for (let i = 0; i < 40; i++) {
            const r = await coreCall(emu.endpoint, { ...DEMO_ACCOUNT, accessKeySecret: "wrong" }, DESCRIBE, { DomainName: "x.example.com" });
            assert.equal(outcomeOf(r), "SignatureDoesNotMatch");
        }
        const out: string[] = [];
        for (let i = 0; i < 50; i++) out.push(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" })));
        assert.deepEqual(countOutcomes(out), { "InvalidConfig.NotFound": 50 });
    });

    it("retryAfterHeader sends x-acs-retry-after in ms, which the core exposes as retryAfter", async () => {
        const clock = frozenClock();
        const withHeader = await start({ now: clock.now, retryAfterHeader: true, writeQps: 10 });
        const without = await start({ now: clock.now, writeQps: 10 });
        for (const [emu, expected] of [
            [withHeader, 100],
            [without, undefined],
        ] as const) {
            for (let i = 0; i < 10; i++) await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: `d${i}.example.com`, NotifyUrl: URL_A });
            const r = await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "over.example.com", NotifyUrl: URL_A });
            assert.ok(!r.ok);
            assert.equal(r.code, "Throttling.User");
            assert.equal(r.retryAfter, expected);
        }
    });

    it("quota changes at run time through the admin API", async () => {
        const clock = frozenClock();
        const emu = await start({ now: clock.now });
        const admin = new EmulatorAdmin(emu.url);
        assert.deepEqual(await admin.setQuota({ writeQps: 3 }), { writeQps: 3, readQps: 50 });
        const out: string[] = [];
        for (let i = 0; i < 5; i++)
            out.push(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: `d${i}.example.com`, NotifyUrl: URL_A })));
        assert.deepEqual(countOutcomes(out), { OK: 3, "Throttling.User": 2 });
        await admin.reset();
        assert.deepEqual(await admin.quota(), { writeQps: 30, readQps: 50 }, "reset restores the starting rates");
    });

    it("throttles V2 and hand-signed requests the same way", async () => {
        const clock = frozenClock();
        const emu = await start({ now: clock.now, readQps: 2 });
        const v2 = await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" }, { signatureAlgorithm: "v2" });
        assert.equal(outcomeOf(v2), "InvalidConfig.NotFound");
        const raw = await sendRaw(
            emu.port,
            signedV3({ endpoint: emu.endpoint, ...DEMO_ACCOUNT, action: DESCRIBE, query: { DomainName: "x.example.com" } }),
        );
        assert.equal(raw.json.Code, "InvalidConfig.NotFound");
        const over = await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" });
        assert.equal(outcomeOf(over), "Throttling.User");
    });
});
