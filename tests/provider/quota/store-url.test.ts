import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";

describe("quota/store-url", () => {
    const PASSWORD = "s3cr3t-Store-Pw";

    it("reads redis:// and rediss:// URLs, with the default port", () => {
        const plain = parseQuotaStoreUrl("redis://127.0.0.1");
        assert.deepEqual(
            { tls: plain.tls, host: plain.host, port: plain.port, hasPassword: plain.hasPassword },
            { tls: false, host: "127.0.0.1", port: 6379, hasPassword: false },
        );
        const tls = parseQuotaStoreUrl(` rediss://default:${PASSWORD}@r-bp1.redis.rds.aliyuncs.com:6380/3 `);
        assert.deepEqual(
            { tls: tls.tls, host: tls.host, port: tls.port, hasPassword: tls.hasPassword },
            { tls: true, host: "r-bp1.redis.rds.aliyuncs.com", port: 6380, hasPassword: true },
        );
        assert.equal(tls.url, `rediss://default:${PASSWORD}@r-bp1.redis.rds.aliyuncs.com:6380/3`);
        assert.equal(tls.redacted, "rediss://default:[secret]@r-bp1.redis.rds.aliyuncs.com:6380/3");
    });

    it("prints with the password hidden, however it is printed", () => {
        const url = parseQuotaStoreUrl(`redis://:${PASSWORD}@10.0.0.5:6379`);
        for (const printed of [JSON.stringify(url), JSON.stringify({ nested: url }), inspect(url), String(url), `${url}`]) {
            assert.ok(!printed.includes(PASSWORD), printed);
            assert.ok(printed.includes("10.0.0.5"), printed);
        }
    });

    it("reads the cluster form: seed nodes, no database", () => {
        const url = parseQuotaStoreUrl(`rediss-cluster://quota:${PASSWORD}@10.0.0.1:7000,10.0.0.2:7001,[fd00::3]:7002`);
        assert.deepEqual(
            { topology: url.topology, tls: url.tls, nodes: url.nodes, username: url.username, password: url.password, db: url.db },
            {
                topology: "cluster",
                tls: true,
                nodes: [
                    { host: "10.0.0.1", port: 7000 },
                    { host: "10.0.0.2", port: 7001 },
                    { host: "fd00::3", port: 7002 },
                ],
                username: "quota",
                password: PASSWORD,
                db: 0,
            },
        );
        assert.equal(url.redacted, "rediss-cluster://quota:[secret]@10.0.0.1:7000,10.0.0.2:7001,[fd00::3]:7002");
    });

    it("reads the sentinel form: sentinels (default port 26379), the master's name, a database", () => {
        const url = parseQuotaStoreUrl(`redis-sentinel://:${encodeURIComponent("p@ss/wörd")}@s1.example.com,s2.example.com:26380/mymaster/2`);
        assert.deepEqual(
            { topology: url.topology, nodes: url.nodes, masterName: url.masterName, db: url.db, password: url.password, username: url.username },
            {
                topology: "sentinel",
                nodes: [
                    { host: "s1.example.com", port: 26379 },
                    { host: "s2.example.com", port: 26380 },
                ],
                masterName: "mymaster",
                db: 2,
                password: "p@ss/wörd",
                username: undefined,
            },
        );
        assert.equal(url.redacted, "redis-sentinel://:[secret]@s1.example.com:26379,s2.example.com:26380/mymaster/2");
    });

    it("keeps the password out of every printed form of every topology", () => {
        for (const text of [`redis-cluster://u:${PASSWORD}@h1:1,h2:2`, `rediss-sentinel://u:${PASSWORD}@h1:1/m`, `rediss://u:${PASSWORD}@h1`]) {
            const url = parseQuotaStoreUrl(text);
            for (const printed of [JSON.stringify(url), inspect(url), String(url), url.redacted, Object.keys(url).join()]) {
                assert.ok(!printed.includes(PASSWORD), printed);
            }
            assert.equal(url.password, PASSWORD, "the client still gets it");
        }
    });

    for (const [text, rule] of [
        ["", /must be a URL redis:\/\//],
        ["127.0.0.1:6379", /must be a URL|not 127\.0\.0\.1:/],
        [`http://u:${PASSWORD}@host`, /not http:\/\//],
        [`redis://u:${PASSWORD}@host/path`, /database number/],
        [`redis://u:${PASSWORD}@host/0?tls=true`, /no query/],
        [`redis://u:${PASSWORD}@`, /not a valid URL|names no host/],
        [`redis://u:${PASSWORD}@h1:1,h2:2`, /several hosts need redis-cluster:\/\/ or redis-sentinel:\/\//],
        [`redis-cluster://u:${PASSWORD}@h1:1,,h2:2`, /names no host between two commas/],
        [`redis-cluster://u:${PASSWORD}@h1:1/0`, /a cluster has no database number/],
        [`redis-sentinel://u:${PASSWORD}@h1:26379`, /names the master after the hosts/],
        [`redis-sentinel://u:${PASSWORD}@h1:26379/my master`, /master's name is 1-64 letters/],
        [`redis-sentinel://u:${PASSWORD}@h1:26379/m/x`, /database number/],
        [`redis-cluster://u:${PASSWORD}@h1:99999`, /host is not a host\[:port\]/],
        // An unescaped @ or / in the password: the rest of it must not be quoted back.
        [`redis://u:${PASSWORD}@x@host`, /not a host\[:port\].*%-escaped/],
        [`redis://u:pa/${PASSWORD}@host`, /not a host\[:port\]|database number/],
        [`redis-cluster://${Array.from({ length: 17 }, (_, i) => `h${i}:1`).join(",")}`, /at most 16 hosts/],
    ] as const) {
        it(`refuses ${JSON.stringify(text.replace(PASSWORD, "…"))}, naming the rule, never the password`, () => {
            assert.throws(
                () => parseQuotaStoreUrl(text),
                (error: Error) => {
                    assert.match(error.message, rule);
                    assert.ok(!error.message.includes(PASSWORD), error.message);
                    return true;
                },
            );
        });
    }
});
