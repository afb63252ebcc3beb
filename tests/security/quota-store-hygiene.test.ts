/**
 * The store password and the access key secret through the whole provider runtime (settings,
 * discovery, store, fallback): a store refusing the password and a store that works, each used by a
 * provider that creates and deletes a config. Neither password nor secret may appear in outputs,
 * warnings, errors or the store's keys; the operations must succeed either way.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import Redis from "ioredis";
import * as sinon from "sinon";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { closeQuotaStores } from "../../provider/quota/shared-limiters";
import { forgetDiscoveredAccounts } from "../../provider/resource/account";
import { createProvider } from "../../provider/dynamic/provider";
import { freePort, startRedisServer, type RunningRedis } from "../../tools/redis/server";
import { loopbackCertificateAuthority } from "../support/x509";
import { configureRequest as request } from "../support/configure-request";

const PASSWORD = "Store-Pw-hygiene-93Xq";
const WRONG = "Wrong-Pw-hygiene-71Lk";
const SECRET = "ak-secret-hygiene-55Tr";

/**
 * For each test of the enclosing suite: a fresh runtime (no discovered accounts, no open stores after it),
 * and every line the provider prints (console and stderr) recorded in the returned list.
 */
function recordWhatIsSaid(): string[] {
    const said: string[] = [];
    beforeEach(() => {
        said.length = 0;
        forgetDiscoveredAccounts();
        for (const stream of ["warn", "error", "log"] as const)
            sinon.stub(console, stream).callsFake((...args: unknown[]) => void said.push(args.map(String).join(" ")));
        sinon.stub(process.stderr, "write").callsFake((chunk: unknown) => (said.push(String(chunk)), true));
    });
    afterEach(async () => {
        sinon.restore();
        await closeQuotaStores();
    });
    return said;
}

describe("security: the quota store's password", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let redis: RunningRedis;

    before(async () => {
        emulator = await startEmulator({
            stsPort: 0,
            accounts: [{ accessKeyId: "HYG-STORE-KEY", accessKeySecret: SECRET, accountId: "1999000000000001" }],
        });
        redis = await startRedisServer({ password: PASSWORD });
    });
    const said = recordWhatIsSaid();
    after(async () => {
        await redis?.stop();
        await emulator?.stop();
    });

    for (const [name, password] of [
        ["refused", WRONG],
        ["accepted", PASSWORD],
    ] as const) {
        it(`a store that ${name === "refused" ? "refuses" : "accepts"} the password: operations succeed, nothing tells a secret`, async () => {
            const provider = createProvider({ env: {} });
            await provider.configure(
                request({
                    "alicloud-live:endpoint": emulator.url,
                    "alicloud-live:stsEndpoint": emulator.sts!.url,
                    "alicloud:accessKey": "HYG-STORE-KEY",
                    "alicloud:secretKey": SECRET,
                    "alicloud-live:quotaStore": `redis://:${password}@127.0.0.1:${redis.port}`,
                }),
            );
            const domainName = `hygiene-${name}.example.com`;
            const checked = await provider.check({}, { domainName, notifyUrl: "https://cb.example.com/record" });
            assert.deepEqual(checked.failures ?? [], []);
            const created = await provider.create(checked.inputs!);
            await provider.delete(created.id, created.outs!);
            const texts = [...said, JSON.stringify(created), inspect(created, { depth: 5 })];
            if (name === "refused")
                assert.match(said.join("\n"), /quota store redis:\/\/:\[secret\]@127\.0\.0\.1:\d+ failed \(authentication refused\)/);
            else assert.deepEqual(said, [], "a working store says nothing");
            for (const text of texts) {
                for (const secret of [PASSWORD, WRONG, SECRET]) assert.ok(!text.includes(secret), `a secret in: ${text}`);
            }
        });
    }

    it("the store holds no credential", async () => {
        const client = new Redis(redis.url);
        try {
            const keys = await client.keys("alicloud-live:*");
            assert.ok(keys.length > 0, "the accepted run wrote its schedules");
            for (const key of keys) {
                assert.match(key, /^alicloud-live:\{1999000000000001\}:[A-Za-z]+(:slots|:clients)?$/);
                const type = await client.type(key);
                const dump = type === "hash" ? JSON.stringify(await client.hgetall(key)) : JSON.stringify(await client.zrange(key, 0, -1));
                for (const secret of [PASSWORD, SECRET, "HYG-STORE-KEY"]) assert.ok(!dump.includes(secret), `${key} holds a credential`);
            }
        } finally {
            client.disconnect();
        }
    });
});

describe("security: the quota store's password on TLS, cluster and sentinel URLs", function () {
    this.timeout(60_000);
    const ACL_USER = "quota";
    let emulator: RunningEmulator;
    let tlsRedis: RunningRedis;
    let dir: string;
    let caFile: string;

    before(async () => {
        emulator = await startEmulator({
            stsPort: 0,
            accounts: [{ accessKeyId: "HYG-TOPO-KEY", accessKeySecret: SECRET, accountId: "1999000000000002" }],
        });
        const authority = loopbackCertificateAuthority();
        dir = mkdtempSync(path.join(tmpdir(), "hygiene-ca-"));
        caFile = path.join(dir, "ca.pem");
        writeFileSync(caFile, authority.ca.cert);
        tlsRedis = await startRedisServer({
            tls: { cert: authority.server.cert, key: authority.server.key, ca: authority.ca.cert },
            config: ["user default off", `user ${ACL_USER} on >${PASSWORD} ~alicloud-live:* +@all`],
        });
    });
    const said = recordWhatIsSaid();
    after(async () => {
        await tlsRedis?.stop();
        await emulator?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    const cases: ReadonlyArray<{ name: string; url: () => Promise<string>; shown: RegExp; ca?: boolean }> = [
        {
            name: "a TLS store refusing an ACL user's password",
            url: () => Promise.resolve(`rediss://${ACL_USER}:${WRONG}@127.0.0.1:${tlsRedis.port}`),
            shown: /quota store rediss:\/\/quota:\[secret\]@127\.0\.0\.1:\d+ failed \(authentication refused\)/,
            ca: true,
        },
        {
            name: "a TLS store accepting it",
            url: () => Promise.resolve(`rediss://${ACL_USER}:${PASSWORD}@127.0.0.1:${tlsRedis.port}`),
            shown: /^$/,
            ca: true,
        },
        {
            name: "a cluster whose seeds are all down",
            url: async () => `redis-cluster://${ACL_USER}:${PASSWORD}@127.0.0.1:${await freePort()},127.0.0.1:${await freePort()}`,
            shown: /quota store redis-cluster:\/\/quota:\[secret\]@127\.0\.0\.1:\d+,127\.0\.0\.1:\d+ failed \(/,
        },
        {
            name: "sentinels that are all down",
            url: async () => `redis-sentinel://${ACL_USER}:${PASSWORD}@127.0.0.1:${await freePort()}/quota`,
            shown: /quota store redis-sentinel:\/\/quota:\[secret\]@127\.0\.0\.1:\d+\/quota failed \(/,
        },
    ];
    for (const c of cases) {
        it(`${c.name}: operations succeed, the store is named with its password hidden, nothing tells a secret`, async () => {
            const provider = createProvider({ env: {} });
            await provider.configure(
                request({
                    "alicloud-live:endpoint": emulator.url,
                    "alicloud-live:stsEndpoint": emulator.sts!.url,
                    "alicloud:accessKey": "HYG-TOPO-KEY",
                    "alicloud:secretKey": SECRET,
                    "alicloud-live:quotaStore": await c.url(),
                    ...(c.ca ? { "alicloud-live:quotaStoreCa": caFile } : {}),
                }),
            );
            const domainName = `hygiene-topology-${cases.indexOf(c)}.example.com`;
            const checked = await provider.check({}, { domainName, notifyUrl: "https://cb.example.com/record" });
            assert.deepEqual(checked.failures ?? [], []);
            const created = await provider.create(checked.inputs!);
            await provider.delete(created.id, created.outs!);
            assert.match(said.join("\n"), c.shown);
            for (const text of [...said, JSON.stringify(created), inspect(created, { depth: 5 })]) {
                for (const secret of [PASSWORD, WRONG, SECRET]) assert.ok(!text.includes(secret), `a secret in: ${text}`);
            }
        });
    }
});
