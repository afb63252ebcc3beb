import { strict as assert } from "node:assert";
import { STORE_COMMAND_BACKSTOP_MS, STORE_RECONNECT_MAX_MS, clientOptions, reconnectDelay } from "../../../provider/quota/store-connection";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";

describe("quota/store-connection: the ioredis options of each topology", () => {
    const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    it("one node: host, port, db, credentials; commands fail at once while disconnected", () => {
        const plan = clientOptions(parseQuotaStoreUrl("redis://quota:pw@10.0.0.5:6380/3"));
        assert.equal(plan.kind, "redis");
        const o = plan.options as Record<string, unknown>;
        assert.deepEqual(
            { host: o.host, port: o.port, db: o.db, username: o.username, password: o.password, tls: o.tls },
            { host: "10.0.0.5", port: 6380, db: 3, username: "quota", password: "pw", tls: undefined },
        );
        assert.deepEqual(
            { queue: o.enableOfflineQueue, retries: o.maxRetriesPerRequest, backstop: o.commandTimeout },
            { queue: false, retries: 0, backstop: STORE_COMMAND_BACKSTOP_MS },
        );
    });

    it("a lost store is tried again within a fifth of a second, in every topology, so the processes come back together", () => {
        assert.ok(STORE_RECONNECT_MAX_MS <= 200, `at most ${STORE_RECONNECT_MAX_MS} ms between attempts`);
        assert.deepEqual([1, 2, 3, 10, 1000].map(reconnectDelay), [100, 200, 200, 200, 200]);
        const one = clientOptions(parseQuotaStoreUrl("redis://h")).options as { retryStrategy: unknown };
        const sentinel = clientOptions(parseQuotaStoreUrl("redis-sentinel://s1:26379/quota")).options as Record<string, unknown>;
        const cluster = clientOptions(parseQuotaStoreUrl("redis-cluster://a:7000")).options as Record<string, unknown>;
        for (const strategy of [one.retryStrategy, sentinel.retryStrategy, sentinel.sentinelRetryStrategy, cluster.clusterRetryStrategy]) {
            assert.equal(strategy, reconnectDelay);
        }
    });

    it("TLS: Node's CAs by default, the configured CA instead when given", () => {
        assert.deepEqual(clientOptions(parseQuotaStoreUrl("rediss://h")).options, {
            ...clientOptions(parseQuotaStoreUrl("rediss://h")).options,
            tls: {},
        });
        assert.deepEqual((clientOptions(parseQuotaStoreUrl("rediss://h"), { ca: CA }).options as { tls: unknown }).tls, { ca: [CA] });
        assert.equal(
            (clientOptions(parseQuotaStoreUrl("redis://h"), { ca: CA }).options as { tls?: unknown }).tls,
            undefined,
            "no TLS without rediss",
        );
    });

    it("cluster: the seeds, no offline queue, credentials and TLS for every node", () => {
        const plan = clientOptions(parseQuotaStoreUrl("rediss-cluster://u:pw@a:7000,b:7001"), { ca: CA });
        assert.equal(plan.kind, "cluster");
        if (plan.kind !== "cluster") return;
        assert.deepEqual(plan.nodes, [
            { host: "a", port: 7000 },
            { host: "b", port: 7001 },
        ]);
        assert.equal(plan.options.enableOfflineQueue, false);
        const node = plan.options.redisOptions as Record<string, unknown>;
        assert.deepEqual(
            { u: node.username, p: node.password, tls: node.tls, retries: node.maxRetriesPerRequest },
            { u: "u", p: "pw", tls: { ca: [CA] }, retries: 0 },
        );
    });

    it("sentinel: the sentinels, the master's name, the same credentials and TLS for sentinels and master", () => {
        const plan = clientOptions(parseQuotaStoreUrl("rediss-sentinel://u:pw@s1:26379,s2:26380/quota/1"), { ca: CA });
        assert.equal(plan.kind, "redis");
        const o = plan.options as Record<string, unknown>;
        assert.deepEqual(
            {
                sentinels: o.sentinels,
                name: o.name,
                db: o.db,
                password: o.password,
                sentinelPassword: o.sentinelPassword,
                sentinelUsername: o.sentinelUsername,
                tls: o.tls,
                sentinelTLS: o.sentinelTLS,
                forMaster: o.enableTLSForSentinelMode,
            },
            {
                sentinels: [
                    { host: "s1", port: 26379 },
                    { host: "s2", port: 26380 },
                ],
                name: "quota",
                db: 1,
                password: "pw",
                sentinelPassword: "pw",
                sentinelUsername: "u",
                tls: { ca: [CA] },
                sentinelTLS: { ca: [CA] },
                forMaster: true,
            },
        );
    });
});
