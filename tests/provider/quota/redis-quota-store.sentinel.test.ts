/**
 * The quota store behind Sentinel (a master, a replica and three sentinels with quorum 2, started
 * here): K "processes" (each its own store connection, shared limiters and client, with its own key
 * of one account) create and delete configs through the emulator while the master is killed in the
 * middle. The sentinels promote the replica; meanwhile the processes pace locally, then rejoin the
 * schedule on the new master. Every operation must succeed.
 */
import { strict as assert } from "node:assert";
import Redis from "ioredis";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { scheduleName } from "../../../provider/quota/quota-store";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";
import { startSentinelGroup, type RunningSentinelGroup } from "../../../tools/redis/sentinel";
import { StorePipelines } from "./support/store-pipelines";

const ACCOUNT = "1888000000000002";
const PASSWORD = "sentinel-store-pw-Wq63";
const SECRET = "sentinel-test-secret-Jd8";
const PROCESSES = 4;
const PER_PROCESS = 40;
const WORKERS = 4;
/** The master dies after this many creates. */
const KILL_AFTER = 40;
const FAILOVER_TIMEOUT_MS = 30_000;

describe("quota store behind Sentinel: the master killed mid-run", function () {
    this.timeout(180_000);
    let emulator: RunningEmulator;
    let group: RunningSentinelGroup;

    before(async () => {
        emulator = await startEmulator({
            accounts: Array.from({ length: PROCESSES }, (_, i) => ({ accessKeyId: `SENT-KEY-${i}`, accessKeySecret: SECRET, accountId: ACCOUNT })),
        });
        group = await startSentinelGroup({ password: PASSWORD, sentinels: 3, quorum: 2 });
    });
    after(async () => {
        await group?.stop();
        await emulator?.stop();
    });

    it(`K = ${PROCESSES}: fails no operation, paces locally during the failover, then shares the promoted replica's schedule`, async () => {
        const url = parseQuotaStoreUrl(group.url);
        assert.equal(url.topology, "sentinel");
        const work = new StorePipelines({
            url,
            endpoint: emulator.url,
            account: ACCOUNT,
            keyPrefix: "SENT-KEY",
            secret: SECRET,
            count: PROCESSES,
            perPipeline: PER_PROCESS,
            workers: WORKERS,
        });
        assert.deepEqual(await work.ready(10_000), Array(PROCESSES).fill(true));
        const oldMaster = group.master.port;
        assert.equal(await group.currentMasterPort(), oldMaster);

        let killedAt = 0;
        let failover: Promise<number> | undefined;
        await work.run(
            "sentinel",
            (p, domainName) => p.api.add({ domainName, notifyUrl: `https://cb.example.com/${domainName}` }),
            () => {
                if (work.done !== KILL_AFTER) return;
                killedAt = Date.now();
                failover = group.master.kill().then(() => group.waitForFailover(oldMaster, FAILOVER_TIMEOUT_MS));
            },
        );
        const newMaster = await failover!;
        const failoverMs = Date.now() - killedAt;
        assert.equal(newMaster, group.replica.port, "the replica was promoted");
        const localBefore = work.localReservations();
        await work.run("sentinel", (p, domainName) => p.api.delete({ domainName }));

        assert.deepEqual(work.errors.slice(0, 3), [], "no operation failed");
        assert.equal((await new EmulatorAdmin(emulator.url).configs()).length, 0, "every config created was deleted");
        assert.ok(work.localReservations() > 0, "some calls were paced locally while there was no master");
        assert.ok(
            work.notices.some((m) => /failed/.test(m)),
            work.notices.join("\n"),
        );
        assert.ok(
            work.notices.some((m) => /answers again;/.test(m)),
            `rejoined after the failover: ${work.notices.join("\n")}`,
        );
        // The deletes ran on the new master's schedule: its state is there.
        const promoted = new Redis({ host: "127.0.0.1", port: newMaster, password: PASSWORD });
        try {
            assert.equal(await promoted.exists(scheduleName(ACCOUNT, "DeleteLiveRecordNotifyConfig")), 1);
        } finally {
            promoted.disconnect();
        }
        for (const m of [...work.notices, ...work.errors]) assert.ok(!m.includes(PASSWORD) && !m.includes(SECRET), m);
        console.log(
            `      failover: sentinels named the new master ${failoverMs} ms after the kill; ` +
                `${localBefore} reservations paced locally until the creates ended, ${work.localReservations()} in all`,
        );
        await work.close();
    });
});
