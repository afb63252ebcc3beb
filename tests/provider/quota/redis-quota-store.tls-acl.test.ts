/**
 * The quota store over TLS to a real redis-server (TLS only, a certificate for 127.0.0.1 signed by a
 * CA made here), as an ACL user allowed only the store's key prefix and commands. The CA comes from
 * the `quotaStoreCa` setting (a file path here); without it Node's CAs refuse the server. A wrong
 * password and an untrusted certificate are refused with clear reasons that quote no secret.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Redis from "ioredis";
import { scheduleName } from "../../../provider/quota/quota-store";
import { RedisQuotaStore } from "../../../provider/quota/redis-quota-store";
import { STORE_COMMANDS, STORE_KEY_PATTERN, type StoreTls } from "../../../provider/quota/store-connection";
import { parseQuotaStoreUrl } from "../../../provider/quota/store-url";
import { resolveSettings } from "../../../provider/resource/settings";
import { startRedisServer, type RunningRedis } from "../../../tools/redis/server";
import { loopbackCertificateAuthority } from "../../support/x509";

const USER = "quota";
const PASSWORD = "tls-acl-store-pw-Nv27";
const WRONG = "tls-acl-wrong-pw-Bx90";
const ADMIN_PASSWORD = "tls-acl-admin-pw-Pk14";
const BUDGET_MS = 2_000;

describe("quota/RedisQuotaStore over TLS, as an ACL user", function () {
    this.timeout(60_000);
    let redis: RunningRedis;
    let dir: string;
    let caFile: string;
    let ca: string;
    const stores: RedisQuotaStore[] = [];
    const open = (url: string, tls: StoreTls, notices: string[] = []) => {
        const store = new RedisQuotaStore({ url: parseQuotaStoreUrl(url), tls, onNotice: (m) => notices.push(m), callBudgetMs: BUDGET_MS });
        stores.push(store);
        return store;
    };
    const storeUrl = (password: string) => `rediss://${USER}:${password}@127.0.0.1:${redis.port}`;
    const adminClient = () => new Redis({ host: "127.0.0.1", port: redis.port, username: "admin", password: ADMIN_PASSWORD, tls: { ca: [ca] } });

    before(async () => {
        const authority = loopbackCertificateAuthority();
        ca = authority.ca.cert;
        dir = mkdtempSync(path.join(tmpdir(), "quota-store-ca-"));
        caFile = path.join(dir, "ca.pem");
        writeFileSync(caFile, ca);
        redis = await startRedisServer({
            tls: { cert: authority.server.cert, key: authority.server.key, ca },
            config: [
                "user default off",
                `user admin on >${ADMIN_PASSWORD} ~* &* +@all`,
                `user ${USER} on >${PASSWORD} ~${STORE_KEY_PATTERN} resetchannels -@all ${STORE_COMMANDS.map((c) => `+${c}`).join(" ")}`,
            ],
        });
    });
    afterEach(async () => {
        await Promise.all(stores.splice(0).map((s) => s.close()));
    });
    after(async () => {
        await redis?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it("works over rediss:// with the CA of the quotaStoreCa setting, within the user's ACL", async () => {
        const settings = resolveSettings(
            (key) => ({ "alicloud-live:quotaStore": storeUrl(PASSWORD), "alicloud-live:quotaStoreCa": caFile })[key],
            {},
        );
        assert.equal(settings.quotaStoreCa, ca);
        const store = open(storeUrl(PASSWORD), { ca: settings.quotaStoreCa });
        assert.equal(await store.ready(10_000), true);
        const schedule = scheduleName("1666000000000001", "AddLiveRecordNotifyConfig");
        const grant = await store.reserve(schedule, 30, Infinity);
        assert.deepEqual({ taken: grant.taken, epoch: grant.epoch }, { taken: true, epoch: 0 });
        assert.equal((await store.throttled(schedule, 30, 0)).cut, true);
        assert.ok((await store.answered(schedule, 30)).rate > 0);
        const admin = adminClient();
        try {
            // The server lost its scripts: the store loads them again with EVAL, which the ACL grants.
            await admin.call("SCRIPT", "FLUSH");
            assert.equal((await store.reserve(schedule, 30, Infinity)).epoch, 1);
            const log = (await admin.call("ACL", "LOG")) as unknown[];
            assert.deepEqual(log, [], "the store never ran into its ACL");
        } finally {
            admin.disconnect();
        }
    });

    it("the ACL user can do nothing else: other keys, other commands, other keys from a script", async () => {
        const raw = new Redis({
            host: "127.0.0.1",
            port: redis.port,
            username: USER,
            password: PASSWORD,
            tls: { ca: [ca] },
            maxRetriesPerRequest: 0,
        });
        try {
            await assert.rejects(raw.call("GET", "alicloud-live:x"), /NOPERM/);
            await assert.rejects(raw.call("HSET", "other:x", "a", "1"), /NOPERM/);
            await assert.rejects(raw.call("FLUSHALL"), /NOPERM/);
            await assert.rejects(raw.call("KEYS", "*"), /NOPERM/);
            await assert.rejects(raw.call("EVAL", "return redis.call('HSET', KEYS[1], 'a', 1)", 1, "other:x"), /NOPERM/);
        } finally {
            raw.disconnect();
        }
    });

    it("a wrong password: not ready, refused with a clear reason, no secret in any message", async () => {
        const notices: string[] = [];
        const store = open(storeUrl(WRONG), { ca }, notices);
        assert.equal(await store.ready(5_000), false);
        const error = await store.reserve(scheduleName("1666000000000002", "AddLiveRecordNotifyConfig"), 30, Infinity).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.ok(error instanceof Error);
        assert.match(
            notices.join("\n"),
            new RegExp(`quota store rediss://${USER}:\\[secret\\]@127\\.0\\.0\\.1:\\d+ failed \\(authentication refused\\)`),
        );
        for (const m of [...notices, error.message, JSON.stringify(parseQuotaStoreUrl(storeUrl(WRONG)))]) {
            assert.ok(!m.includes(WRONG) && !m.includes(PASSWORD), m);
        }
    });

    it("without the CA (Node's default CAs) the server's certificate is not trusted, and the store says so", async () => {
        const notices: string[] = [];
        const store = open(storeUrl(PASSWORD), {}, notices);
        assert.equal(await store.ready(5_000), false);
        assert.match(notices.join("\n"), /failed \(TLS certificate not trusted \([A-Z_]+\)\)/);
        for (const m of notices) assert.ok(!m.includes(PASSWORD), m);
    });

    it("the quotaStoreCa setting: refused for a plain redis:// store, and for a file without a certificate", () => {
        assert.throws(
            () => resolveSettings((key) => ({ "alicloud-live:quotaStore": "redis://127.0.0.1:6379", "alicloud-live:quotaStoreCa": caFile })[key], {}),
            /Invalid setting alicloud-live:quotaStoreCa: applies only to a TLS quota store/,
        );
        const empty = path.join(dir, "empty.pem");
        writeFileSync(empty, "not a certificate\n");
        assert.throws(
            () => resolveSettings((key) => ({ "alicloud-live:quotaStore": storeUrl(PASSWORD), "alicloud-live:quotaStoreCa": empty })[key], {}),
            (e: Error) => /holds no PEM certificate/.test(e.message) && !e.message.includes(PASSWORD),
        );
        assert.throws(
            () =>
                resolveSettings(
                    (key) => ({ "alicloud-live:quotaStore": storeUrl(PASSWORD), "alicloud-live:quotaStoreCa": path.join(dir, "missing.pem") })[key],
                    {},
                ),
            /cannot be read \(ENOENT\)/,
        );
    });
});
