import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, EmulatorAdminError } from "../../../emulator";
import { handleAdmin, isLoopbackAddress } from "../../../emulator/admin/routes";
import { resolveOptions } from "../../../emulator/instance/options";
import { EmulatorState } from "../../../emulator/instance/state";
import { coreCall, outcomeOf } from "../support/core-client";
import { ADD, DELETE, DESCRIBE, emulatorFixture } from "../support/fixtures";
import { captureRequest, sendRaw } from "../support/raw-http";

const URL_A = "http://cb.example.com/x";

describe("emulator/admin/routes", () => {
    describe("loopback only", () => {
        it("recognises loopback peers", () => {
            for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) assert.equal(isLoopbackAddress(a), true, a);
            for (const a of [undefined, "", "10.0.0.5", "192.168.1.2", "::ffff:10.0.0.5", "fe80::1", "128.0.0.1", "::2"])
                assert.equal(isLoopbackAddress(a), false, String(a));
        });

        it("answers 403 to any other peer, before touching state", () => {
            const state = new EmulatorState(resolveOptions());
            state.faults.add({ drop: true });
            for (const [method, path] of [
                ["GET", "/_emulator/configs"],
                ["POST", "/_emulator/reset"],
                ["DELETE", "/_emulator/faults"],
            ]) {
                const answer = handleAdmin(
                    { method: method, path: path, search: new URLSearchParams(), peer: "10.0.0.5", body: Buffer.alloc(0) },
                    state,
                );
                assert.equal(answer.status, 403);
            }
            assert.equal(state.faults.list().length, 1, "the rejected DELETE removed nothing");
        });
    });

    describe("over HTTP", () => {
        const start = emulatorFixture();
        let emu: Awaited<ReturnType<typeof start>>;
        let admin: EmulatorAdmin;
        const add = (domain = "live.example.com") => coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: domain, NotifyUrl: URL_A });

        beforeEach(async () => {
            emu = await start();
            admin = new EmulatorAdmin(emu.url);
        });

        describe("fault rules", () => {
            it("error: answers that error with a RequestId, without touching state", async () => {
                const id = await admin.addFault({
                    action: ADD,
                    error: { code: "ServiceUnavailable", status: 503, message: "The request has failed due to a temporary failure of the server." },
                });
                const r = await add();
                assert.ok(!r.ok);
                assert.equal(r.name, "ServerError");
                assert.equal(r.code, "ServiceUnavailable");
                assert.equal(r.statusCode, 503);
                assert.match(r.requestId ?? "", /^[0-9A-F-]{36}$/);
                assert.deepEqual(await admin.configs(), []);
                const [entry] = await admin.requests();
                assert.equal(entry.fault, id);
                assert.equal(entry.outcome, "ServiceUnavailable");
                assert.equal(entry.status, 503);
            });

            it("error with a catalogued code needs no status", async () => {
                await admin.addFault({ error: { code: "Throttling.User" } });
                const r = await add();
                assert.ok(!r.ok);
                assert.equal(r.name, "ThrottlingError");
                assert.equal(r.statusCode, 400);
            });

            it("latency: delays the answer, then handles the request normally", async () => {
                await admin.addFault({ action: ADD, latencyMs: 300 });
                const began = Date.now();
                assert.equal(outcomeOf(await add()), "OK");
                assert.ok(Date.now() - began >= 280, `took ${Date.now() - began} ms`);
                assert.equal((await admin.configs()).length, 1);
            });

            it("drop: closes the connection without answering and without applying", async () => {
                const id = await admin.addFault({ action: ADD, drop: true });
                const r = await add();
                assert.ok(!r.ok);
                assert.equal(r.statusCode, undefined, "no HTTP answer");
                assert.match(`${r.code} ${r.message}`, /ECONNRESET|socket hang up/);
                assert.deepEqual(await admin.configs(), []);
                const [entry] = await admin.requests();
                assert.deepEqual([entry.status, entry.outcome, entry.fault, entry.hiddenOutcome], [0, "dropped", id, undefined]);
            });

            it("ambiguous: applies the write, then closes the connection without answering", async () => {
                const id = await admin.addFault({ action: ADD, ambiguous: true, count: 1 });
                const r = await add();
                assert.ok(!r.ok);
                assert.equal(r.statusCode, undefined);
                assert.equal((await admin.configs()).length, 1, "the write happened");
                const [entry] = await admin.requests();
                assert.deepEqual([entry.status, entry.outcome, entry.fault, entry.hiddenOutcome], [0, "dropped", id, "OK"]);
                assert.equal(outcomeOf(await add()), "ConfigAlreadyExists", "a retry finds the config");
            });

            it("ambiguous on a failing request records the hidden error", async () => {
                await admin.addFault({ action: DELETE, ambiguous: true });
                const r = await coreCall(emu.endpoint, DEMO_ACCOUNT, DELETE, { DomainName: "missing.example.com" });
                assert.ok(!r.ok && r.statusCode === undefined);
                assert.equal((await admin.requests())[0].hiddenOutcome, "InvalidConfig.NotFound");
            });

            it("count: affects that many matching requests, then disappears", async () => {
                await admin.addFault({ action: ADD, count: 2, error: { code: "InternalError" } });
                assert.equal((await admin.faults())[0].remaining, 2);
                assert.equal(outcomeOf(await add("a.example.com")), "InternalError");
                assert.equal((await admin.faults())[0].remaining, 1);
                assert.equal(outcomeOf(await add("a.example.com")), "InternalError");
                assert.equal(outcomeOf(await add("a.example.com")), "OK");
                assert.deepEqual(await admin.faults(), []);
            });

            it("action: a rule for one action leaves the others alone", async () => {
                await admin.addFault({ action: DESCRIBE, error: { code: "InternalError" } });
                assert.equal(outcomeOf(await add()), "OK");
                assert.equal(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "live.example.com" })), "InternalError");
            });

            it("probability: applies to about that share of requests (seeded dice)", async () => {
                const rolls = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7];
                const seeded = await start({ random: () => rolls.shift() ?? 0.99 });
                const seededAdmin = new EmulatorAdmin(seeded.url);
                await seededAdmin.addFault({ probability: 0.5, error: { code: "InternalError" } });
                const outcomes: string[] = [];
                for (let i = 0; i < 6; i++) {
                    outcomes.push(outcomeOf(await coreCall(seeded.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" })));
                }
                assert.deepEqual(outcomes, [
                    "InternalError",
                    "InvalidConfig.NotFound",
                    "InternalError",
                    "InvalidConfig.NotFound",
                    "InternalError",
                    "InvalidConfig.NotFound",
                ]);
                assert.equal((await seededAdmin.faults())[0].matched, 3);
            });

            it("faults come after authentication and quota: neither a bad signature nor a throttled call uses a count", async () => {
                await admin.setQuota({ writeQps: 1 });
                await admin.addFault({ action: ADD, count: 1, error: { code: "InternalError" } });
                const forged = await coreCall(emu.endpoint, { ...DEMO_ACCOUNT, accessKeySecret: "wrong" }, ADD, {
                    DomainName: "a.example.com",
                    NotifyUrl: URL_A,
                });
                assert.equal(outcomeOf(forged), "SignatureDoesNotMatch");
                assert.equal(outcomeOf(await add("a.example.com")), "InternalError", "uses the only token and the rule");
                assert.equal(outcomeOf(await add("b.example.com")), "Throttling.User");
                assert.deepEqual(await admin.faults(), [], "the rule was used exactly once");
            });

            it("lists, removes one, and clears rules", async () => {
                const a = await admin.addFault({ drop: true });
                const b = await admin.addFault({ latencyMs: 5 });
                assert.deepEqual(
                    (await admin.faults()).map((f) => f.id),
                    [a, b],
                );
                await admin.removeFault(a);
                assert.deepEqual(
                    (await admin.faults()).map((f) => f.id),
                    [b],
                );
                await assert.rejects(admin.removeFault(a), (e: unknown) => e instanceof EmulatorAdminError && e.status === 404);
                assert.equal(await admin.clearFaults(), 1);
                assert.deepEqual(await admin.faults(), []);
            });

            it("rejects an invalid rule with 400 and a message naming the field", async () => {
                await assert.rejects(
                    admin.addFault({ probability: 2, drop: true }),
                    (e: unknown) =>
                        e instanceof EmulatorAdminError && e.status === 400 && /"probability" must be a number from 0 to 1/.test(e.message),
                );
                const raw = await fetch(`${emu.url}/_emulator/faults`, { method: "POST", body: "{not json" });
                assert.equal(raw.status, 400);
                assert.match(((await raw.json()) as { error: string }).error, /not valid JSON/);
            });
        });

        describe("inspection", () => {
            it("configs: the cloud's own state, NotifyAuthKey included", async () => {
                await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, {
                    DomainName: "live.example.com",
                    NotifyUrl: URL_A,
                    NotifyReqAuth: true,
                    NotifyAuthKey: "abcdefghijklmnop",
                });
                const [c] = await admin.configs();
                assert.equal(c.notifyAuthKey, "abcdefghijklmnop");
                assert.match(c.accountId, /^1\d{15}$/);
            });

            it("requests: every API call with time, action, account, key, status, outcome and RequestId; `since` pages", async () => {
                const ok = await add();
                await add();
                const log = await admin.requests();
                assert.equal(log.length, 2);
                assert.ok(ok.ok);
                assert.equal(log[0].requestId, ok.body["RequestId"]);
                assert.deepEqual(
                    log.map((e) => [e.action, e.accessKeyId, e.status, e.outcome, e.domainName]),
                    [
                        [ADD, DEMO_ACCOUNT.accessKeyId, 200, "OK", "live.example.com"],
                        [ADD, DEMO_ACCOUNT.accessKeyId, 400, "ConfigAlreadyExists", "live.example.com"],
                    ],
                );
                assert.ok(Math.abs(Date.parse(log[0].time) - Date.now()) < 60_000);
                assert.deepEqual(
                    (await admin.requests(log[0].seq)).map((e) => e.seq),
                    [log[1].seq],
                );
            });

            it("requests log failed authentication with the claimed key and no account", async () => {
                await coreCall(emu.endpoint, { accessKeyId: "UNKNOWN", accessKeySecret: "x" }, DESCRIBE, { DomainName: "x.example.com" });
                const [entry] = await admin.requests();
                assert.equal(entry.accessKeyId, "UNKNOWN");
                assert.equal(entry.accountId, undefined);
                assert.equal(entry.outcome, "InvalidAccessKeyId.NotFound");
                assert.equal(entry.status, 404);
            });

            it("stats: counts per action and outcome", async () => {
                await add();
                await add();
                await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "live.example.com" });
                assert.deepEqual(await admin.stats(), { total: 3, actions: { [ADD]: { OK: 1, ConfigAlreadyExists: 1 }, [DESCRIBE]: { OK: 1 } } });
            });

            it("admin calls are not API calls: they are not logged", async () => {
                await admin.configs();
                await admin.faults();
                assert.deepEqual(await admin.requests(), []);
            });
        });

        describe("quota and reset", () => {
            it("PUT quota validates its body", async () => {
                await assert.rejects(
                    admin.setQuota({ writeQps: 0 }),
                    (e: unknown) =>
                        e instanceof EmulatorAdminError && e.status === 400 && /"writeQps" must be a positive finite number/.test(e.message),
                );
                await assert.rejects(admin.setQuota({ speed: 1 } as never), /unknown field "speed"/);
                assert.deepEqual(await admin.quota(), { writeQps: 30, readQps: 50 });
            });

            it("reset clears configs, log, faults, quota buckets and nonces", async () => {
                await admin.setQuota({ writeQps: 1 });
                await add("a.example.com");
                assert.equal(outcomeOf(await add("b.example.com")), "Throttling.User");
                const captured = await captureRequest((endpoint) => coreCall(endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "a.example.com" }));
                assert.equal((await sendRaw(emu.port, captured)).status, 200);
                await admin.addFault({ action: DELETE, drop: true });
                await admin.reset();
                assert.deepEqual(await admin.configs(), []);
                assert.deepEqual(await admin.requests(), []);
                assert.deepEqual(await admin.stats(), { total: 0, actions: {} });
                assert.deepEqual(await admin.faults(), []);
                const replay = await sendRaw(emu.port, captured);
                assert.equal(replay.json.Code, "InvalidConfig.NotFound", "the nonce was forgotten and the config is gone");
                for (let i = 0; i < 30; i++) assert.equal(outcomeOf(await add(`r${i}.example.com`)), "OK", "full buckets at the starting rate");
            });
        });

        describe("routing", () => {
            it("unknown routes -> 404, wrong methods -> 405, both with a JSON error", async () => {
                const missing = await fetch(`${emu.url}/_emulator/nothing`);
                assert.equal(missing.status, 404);
                assert.match(((await missing.json()) as { error: string }).error, /no admin route/);
                const wrong = await fetch(`${emu.url}/_emulator/configs`, { method: "DELETE" });
                assert.equal(wrong.status, 405);
                assert.match(((await wrong.json()) as { error: string }).error, /allowed: GET/);
            });
        });
    });
});
