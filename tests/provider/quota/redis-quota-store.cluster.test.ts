/**
 * The quota store on a real Redis Cluster (3 masters, 3 replicas, started here): every key of a
 * schedule in one slot, K store clients sharing one schedule, and the schedule's slot moved to
 * another master while they reserve, so the client must follow `ASK` and `MOVED`. No call may fail.
 */
import { strict as assert } from "node:assert";
import { scheduleName } from "../../../provider/quota/quota-store";
import { RedisQuotaStore } from "../../../provider/quota/redis-quota-store";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";
import { startRedisCluster, type RunningCluster } from "../../../tools/redis/cluster";

const PASSWORD = "cluster-store-pw-Rt52";
const K = 4;
/** Generous per-call budget for a loaded test machine: here a call that fails is a bug, not a slow store. */
const BUDGET_MS = 2_000;

describe("quota/RedisQuotaStore on a Redis Cluster (3 masters + 3 replicas)", function () {
    this.timeout(120_000);
    let cluster: RunningCluster;
    const stores: RedisQuotaStore[] = [];
    const notices: string[] = [];
    const open = () => {
        const store = new RedisQuotaStore({ url: parseQuotaStoreUrl(cluster.url), onNotice: (m) => notices.push(m), callBudgetMs: BUDGET_MS });
        stores.push(store);
        return store;
    };

    const slotOf = async (key: string): Promise<number> => {
        const admin = cluster.admin(cluster.nodes[0].port);
        try {
            return Number(await admin.call("CLUSTER", "KEYSLOT", key));
        } finally {
            admin.disconnect();
        }
    };

    before(async () => {
        cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1, password: PASSWORD });
    });
    afterEach(async () => {
        await Promise.all(stores.splice(0).map((s) => s.close()));
    });
    after(() => cluster?.stop());

    it("ready() connects to every master, so a fresh process's first calls wait for no connection", async () => {
        const masters = await Promise.all([0, 5461, 10923].map((slot) => cluster.masterOf(slot)));
        assert.equal(new Set(masters).size, 3, `three masters: ${masters.join(", ")}`);
        const store = open();
        assert.equal(await store.ready(10_000), true);
        for (const port of masters) {
            const admin = cluster.admin(port);
            try {
                const clients = String(await admin.call("CLIENT", "LIST"));
                assert.match(clients, /\bcmd=time\b/, `master ${port} was sent the warm-up TIME:\n${clients}`);
            } finally {
                admin.disconnect();
            }
        }
    });

    it("keeps every key of a schedule in one slot, on the master that serves it", async () => {
        const store = open();
        assert.equal(await store.ready(10_000), true);
        const schedule = scheduleName("1777000000000001", "AddLiveRecordNotifyConfig");
        await store.reserve(schedule, 30, Infinity);
        const keys = [schedule, `${schedule}:slots`, `${schedule}:clients`];
        const admin = cluster.admin(cluster.nodes[0].port);
        try {
            const slots = await Promise.all(keys.map((k) => admin.call("CLUSTER", "KEYSLOT", k)));
            assert.equal(new Set(slots).size, 1, `one slot: ${slots.join(", ")}`);
            const owner = cluster.admin(await cluster.masterOf(Number(slots[0])));
            try {
                assert.equal(await owner.exists(...keys), 3, "all three keys on the slot's master");
            } finally {
                owner.disconnect();
            }
        } finally {
            admin.disconnect();
        }
    });

    it(`K = ${K} clients share one schedule: a burst, then slots one interval apart, and K processes counted`, async () => {
        const clients = Array.from({ length: K }, open);
        assert.deepEqual(await Promise.all(clients.map((c) => c.ready(10_000))), Array(K).fill(true));
        const schedule = scheduleName("1777000000000002", "AddLiveRecordNotifyConfig");
        const waits: number[] = [];
        let processes = 0;
        for (let i = 0; i < 40; i++) {
            const grant = await clients[i % K].reserve(schedule, 30, Infinity);
            waits.push(grant.waitMs);
            processes = grant.processes;
        }
        assert.ok(
            waits.slice(0, 10).every((w) => w === 0),
            `burst: ${waits.slice(0, 15).map((w) => w.toFixed(0))}`,
        );
        // The send times the schedule handed out (server clock): once calls had to wait, exactly one
        // interval apart, whichever client asked.
        const owner = cluster.admin(await cluster.masterOf(await slotOf(schedule)));
        try {
            const sends = (await owner.zrange(`${schedule}:slots`, 0, -1, "WITHSCORES")).filter((_, i) => i % 2 === 1).map(Number);
            assert.equal(sends.length, 40);
            const paced = waits
                .map((w, i) => (i > 0 && w > 0 && waits[i - 1] > 0 ? sends[i] - sends[i - 1] : undefined))
                .filter((d): d is number => d !== undefined);
            assert.ok(paced.length >= 10, `${paced.length} paced slots`);
            for (const step of paced) assert.ok(Math.abs(step - 1000 / 30) < 0.01, `steps ${step.toFixed(3)} ms`);
        } finally {
            owner.disconnect();
        }
        assert.equal(processes, K);
    });

    it("the schedule's slot moves to another master mid-run (ASK, then MOVED): no call fails, the schedule goes on", async () => {
        const clients = Array.from({ length: K }, open);
        await Promise.all(clients.map((c) => c.ready(10_000)));
        const schedule = scheduleName("1777000000000003", "DeleteLiveRecordNotifyConfig");
        const keys = [schedule, `${schedule}:slots`, `${schedule}:clients`];
        await clients[0].reserve(schedule, 30, Infinity);
        const cut = await clients[0].throttled(schedule, 30, 0);
        assert.equal(cut.epoch, 1);

        const admin = cluster.admin(cluster.nodes[0].port);
        const slot = Number(await admin.call("CLUSTER", "KEYSLOT", schedule));
        admin.disconnect();
        const sourcePort = await cluster.masterOf(slot);
        // redis-cli gives the three masters the slots from 0, 5461 and 10923.
        const masters = await Promise.all([0, 5461, 10923].map((s) => cluster.masterOf(s)));
        const targetPort = masters.find((p) => p !== sourcePort)!;
        assert.notEqual(targetPort, sourcePort);

        let running = true;
        let calls = 0;
        const failures: string[] = [];
        const epochs = new Set<number>();
        const load = clients.map(async (c) => {
            while (running) {
                try {
                    const grant = await c.reserve(schedule, 30, Infinity);
                    epochs.add(grant.epoch);
                    calls++;
                } catch (error) {
                    failures.push((error as Error).message);
                }
                await new Promise((resolve) => setTimeout(resolve, 2));
            }
        });

        const source = cluster.admin(sourcePort);
        const target = cluster.admin(targetPort);
        try {
            await source.call("CONFIG", "RESETSTAT");
            const sourceId = (await source.call("CLUSTER", "MYID")) as string;
            const targetId = (await target.call("CLUSTER", "MYID")) as string;
            await new Promise((resolve) => setTimeout(resolve, 200));
            const before = calls;
            await target.call("CLUSTER", "SETSLOT", slot, "IMPORTING", sourceId);
            await source.call("CLUSTER", "SETSLOT", slot, "MIGRATING", targetId);
            // While migrating, the clients' calls still land on the source and are answered there.
            await new Promise((resolve) => setTimeout(resolve, 200));
            await source.call("MIGRATE", "127.0.0.1", targetPort, "", 0, 5_000, "AUTH", PASSWORD, "KEYS", ...keys);
            // Keys gone from the source: its answer is ASK, the client asks the target.
            await new Promise((resolve) => setTimeout(resolve, 200));
            for (const port of new Set(cluster.nodes.map((n) => n.port))) {
                const node = cluster.admin(port);
                try {
                    if (((await node.call("ROLE")) as string[])[0] === "master") await node.call("CLUSTER", "SETSLOT", slot, "NODE", targetId);
                } finally {
                    node.disconnect();
                }
            }
            // Slot owned by the target everywhere: the source answers MOVED.
            await new Promise((resolve) => setTimeout(resolve, 500));
            assert.ok(calls > before, "calls went on during the move");
            // The source really sent the client elsewhere, both ways (Redis counts its error replies).
            const errors = await source.info("errorstats");
            assert.match(errors, /errorstat_ASK:count=[1-9]/, errors);
            assert.match(errors, /errorstat_MOVED:count=[1-9]/, errors);
        } finally {
            running = false;
            await Promise.all(load);
            source.disconnect();
            target.disconnect();
        }
        assert.deepEqual(failures, [], `failed calls: ${failures.slice(0, 3).join("\n")}`);
        assert.ok(calls > 20, `${calls} calls`);
        assert.deepEqual([...epochs], [1], "the throttle's epoch carried over with the keys");
        assert.equal(await cluster.masterOf(slot), targetPort);
        const owner = cluster.admin(targetPort);
        try {
            assert.equal(await owner.exists(...keys), 3, "the schedule lives on the new master");
            assert.equal(await owner.hget(schedule, "epoch"), "1");
        } finally {
            owner.disconnect();
        }
        for (const m of [...notices, ...failures]) assert.ok(!m.includes(PASSWORD), m);
    });
});
