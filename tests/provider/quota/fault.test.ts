/**
 * The store never fails a deployment: three "processes" (each its own Redis connection, shared
 * limiter and client, with its own key of one account) create and delete configs through the
 * emulator while redis-server is killed and restarted empty in the middle. Every operation must
 * succeed, and the password must not appear in anything they said.
 */
import { strict as assert } from "node:assert";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { LiveClient } from "../../../provider/api/client";
import { scheduleName } from "../../../provider/quota/quota-store";
import { RedisQuotaStore } from "../../../provider/quota/redis-quota-store";
import { SharedRateLimiter } from "../../../provider/quota/shared-rate-limiter";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";
import { RetryingLiveApi } from "../../../provider/retry/retrying-api";
import { startRedisServer, type RunningRedis } from "../../../tools/redis/server";

const ACCOUNT = "1888000000000001";
const PASSWORD = "fault-store-pw-Hh41";
const SECRET = "fault-test-secret-Lm3";
const PROCESSES = 3;
const PER_PROCESS = 40;
/** Operations each process runs at once. */
const WORKERS = 4;

describe("quota store faults: redis-server killed and restarted mid-run", function () {
    this.timeout(180_000);
    let emulator: RunningEmulator;
    let redis: RunningRedis;

    before(async () => {
        emulator = await startEmulator({
            accounts: Array.from({ length: PROCESSES }, (_, i) => ({ accessKeyId: `FAULT-KEY-${i}`, accessKeySecret: SECRET, accountId: ACCOUNT })),
        });
        redis = await startRedisServer({ password: PASSWORD });
    });
    after(async () => {
        await redis?.stop();
        await emulator?.stop();
    });

    it("fails no operation, and pacing goes on locally while Redis is gone", async () => {
        const url = parseQuotaStoreUrl(redis.url);
        const notices: string[] = [];
        const processes = Array.from({ length: PROCESSES }, (_, i) => {
            const store = new RedisQuotaStore({ url, onNotice: (m) => notices.push(m) });
            const limiters = new Map<string, SharedRateLimiter>();
            const limiterFor = (action: string) => {
                let limiter = limiters.get(action);
                if (!limiter) {
                    limiter = new SharedRateLimiter({
                        store,
                        schedule: scheduleName(ACCOUNT, action),
                        ceiling: action.startsWith("Describe") ? 50 : 30,
                    });
                    limiters.set(action, limiter);
                }
                return limiter;
            };
            const api = new RetryingLiveApi(
                new LiveClient({ endpoint: emulator.url, credentials: { accessKeyId: `FAULT-KEY-${i}`, accessKeySecret: SECRET } }),
                { limiters: limiterFor, operationTimeoutMs: 120_000 },
            );
            return { store, limiters, api };
        });
        await Promise.all(processes.map((p) => p.store.ready()));

        let failed = 0;
        let done = 0;
        const errors: string[] = [];
        // Each process works as Pulumi does, a few operations at a time, so reservations go on all run long.
        const run = (work: (p: (typeof processes)[number], name: string) => Promise<unknown>, onDone: () => void = () => undefined) =>
            Promise.all(
                processes.map(async (p, i) => {
                    let next = 0;
                    await Promise.all(
                        Array.from({ length: WORKERS }, async () => {
                            while (next < PER_PROCESS) {
                                const j = next++;
                                await work(p, `fault-${i}-${j}.example.com`).catch((error: Error) => {
                                    failed++;
                                    errors.push(error.message);
                                });
                                done++;
                                onDone();
                            }
                        }),
                    );
                }),
            );

        // Redis dies after the first 30 creates and comes back, empty, 30 creates later: the work in
        // between is paced locally.
        let killed: Promise<void> | undefined;
        let restarted: Promise<void> | undefined;
        await run(
            (p, domainName) => p.api.add({ domainName, notifyUrl: `https://cb.example.com/${domainName}` }),
            () => {
                if (done === 30) killed = redis.kill();
                if (done === 60) restarted = killed!.then(() => redis.restart());
            },
        );
        await restarted;
        await run((p, domainName) => p.api.delete({ domainName }));

        assert.equal(failed, 0, errors.slice(0, 3).join("\n"));
        const configs = await new EmulatorAdmin(emulator.url).configs();
        assert.equal(configs.length, 0, "every config created was deleted");
        const local = processes.reduce((n, p) => n + [...p.limiters.values()].reduce((m, l) => m + l.localReservations, 0), 0);
        assert.ok(local > 0, "some calls were paced locally while Redis was gone");
        assert.ok(
            notices.some((m) => /failed/.test(m)),
            notices.join("\n"),
        );
        assert.ok(
            notices.some((m) => /answers again;/.test(m)),
            `rejoined after the restart: ${notices.join("\n")}`,
        );
        for (const m of [...notices, ...errors]) assert.ok(!m.includes(PASSWORD) && !m.includes(SECRET), m);
        await Promise.all(processes.map((p) => p.store.close()));
    });
});
