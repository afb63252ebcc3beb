/**
 * The store password and the access key secret through the whole provider runtime (settings,
 * discovery, store, fallback): a store refusing the password and a store that works, each used by a
 * provider that creates and deletes a config. Neither password nor secret may appear in outputs,
 * warnings, errors or the store's keys; the operations must succeed either way.
 */
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import Redis from "ioredis";
import * as sinon from "sinon";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { closeQuotaStores } from "../../provider/quota/shared-limiters";
import { forgetDiscoveredAccounts } from "../../provider/resource/account";
import { createProvider } from "../../provider/dynamic/provider";
import { startRedisServer, type RunningRedis } from "../support/redis-server";
import { configureRequest as request } from "../support/configure-request";

const PASSWORD = "Store-Pw-hygiene-93Xq";
const WRONG = "Wrong-Pw-hygiene-71Lk";
const SECRET = "ak-secret-hygiene-55Tr";

describe("security: the quota store's password", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let redis: RunningRedis;
    let said: string[];

    before(async () => {
        emulator = await startEmulator({
            stsPort: 0,
            accounts: [{ accessKeyId: "HYG-STORE-KEY", accessKeySecret: SECRET, accountId: "1999000000000001" }],
        });
        redis = await startRedisServer({ password: PASSWORD });
    });
    beforeEach(() => {
        said = [];
        forgetDiscoveredAccounts();
        for (const stream of ["warn", "error", "log"] as const)
            sinon.stub(console, stream).callsFake((...args: unknown[]) => void said.push(args.map(String).join(" ")));
        sinon.stub(process.stderr, "write").callsFake((chunk: unknown) => (said.push(String(chunk)), true));
    });
    afterEach(async () => {
        sinon.restore();
        await closeQuotaStores();
    });
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
