/**
 * The store never fails a deployment: three "processes" (each its own Redis connection, shared
 * limiter and client, with its own key of one account) create and delete configs through the
 * emulator while redis-server is killed and restarted empty in the middle. Every operation must
 * succeed, and the password must not appear in anything they said.
 */
import { strict as assert } from "node:assert";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";
import { startRedisServer, type RunningRedis } from "../../../tools/redis/server";
import { StorePipelines } from "./support/store-pipelines";

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
        const work = new StorePipelines({
            url: parseQuotaStoreUrl(redis.url),
            endpoint: emulator.url,
            account: ACCOUNT,
            keyPrefix: "FAULT-KEY",
            secret: SECRET,
            count: PROCESSES,
            perPipeline: PER_PROCESS,
            workers: WORKERS,
        });
        // Connected before the run, so that the kill below takes a store in use away (not one never reached).
        assert.deepEqual(await work.ready(10_000), Array(PROCESSES).fill(true), "every process is connected to the store before the run");

        // Redis dies after the first 30 creates and comes back, empty, 30 creates later: the work in
        // between is paced locally.
        let killed: Promise<void> | undefined;
        let restarted: Promise<void> | undefined;
        await work.run(
            "fault",
            (p, domainName) => p.api.add({ domainName, notifyUrl: `https://cb.example.com/${domainName}` }),
            () => {
                if (work.done === 30) killed = redis.kill();
                if (work.done === 60) restarted = killed!.then(() => redis.restart());
            },
        );
        await restarted;
        await work.run("fault", (p, domainName) => p.api.delete({ domainName }));

        assert.deepEqual(work.errors.slice(0, 3), [], "no operation failed");
        const configs = await new EmulatorAdmin(emulator.url).configs();
        assert.equal(configs.length, 0, "every config created was deleted");
        assert.ok(work.localReservations() > 0, "some calls were paced locally while Redis was gone");
        assert.ok(
            work.notices.some((m) => /failed/.test(m)),
            work.notices.join("\n"),
        );
        assert.ok(
            work.notices.some((m) => /answers again;/.test(m)),
            `rejoined after the restart: ${work.notices.join("\n")}`,
        );
        for (const m of [...work.notices, ...work.errors]) assert.ok(!m.includes(PASSWORD) && !m.includes(SECRET), m);
        await work.close();
    });
});
