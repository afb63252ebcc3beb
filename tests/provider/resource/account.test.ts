/**
 * Account discovery against the emulator's STS listener: keys of one account share one limiter
 * without `accountId` being set; a configured id wins; a failed discovery falls back to the per-key
 * limiter and says so once.
 */
import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { StsClient } from "../../../provider/api/sts";
import { forgetDiscoveredAccounts, perKeyAccountKey, resolveAccount } from "../../../provider/resource/account";
import { limitersFor } from "../../../provider/resource/runtime";
import { RECORD_NOTIFY_ACTIONS } from "../../../provider/client/retrying-live-api";
import { resolveSettings } from "../../../provider/resource/settings";
import { freePort } from "../../../tools/redis/server";

const ACCOUNT = "1777000000000001";
const OTHER = "1777000000000002";
const SECRET = "account-test-secret-Vq7";

describe("resource/account: which account pays", function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    const keys = [
        { accessKeyId: "ACCT-KEY-A1", accessKeySecret: SECRET, accountId: ACCOUNT },
        { accessKeyId: "ACCT-KEY-A2", accessKeySecret: SECRET, accountId: ACCOUNT },
        { accessKeyId: "ACCT-KEY-B1", accessKeySecret: SECRET, accountId: OTHER },
        { accessKeyId: "ACCT-KEY-STS", accessKeySecret: SECRET, accountId: ACCOUNT, securityToken: "sts-token-1" },
    ];
    const settingsFor = (accessKeyId: string, extra: Record<string, string> = {}) =>
        resolveSettings(
            (key) =>
                (
                    ({
                        "alicloud-live:endpoint": emulator.url,
                        "alicloud-live:stsEndpoint": emulator.sts!.url,
                        "alicloud:accessKey": accessKeyId,
                        "alicloud:secretKey": SECRET,
                        ...extra,
                    }) as Record<string, string>
                )[key],
            {},
        );

    before(async () => {
        emulator = await startEmulator({ stsPort: 0, accounts: keys });
    });
    after(() => emulator?.stop());
    beforeEach(() => forgetDiscoveredAccounts());

    it("the emulator's STS answers GetCallerIdentity as STS documents it, for RAM users and role sessions", async () => {
        const user = await new StsClient({
            endpoint: emulator.sts!.url,
            credentials: { accessKeyId: "ACCT-KEY-A1", accessKeySecret: SECRET },
        }).getCallerIdentity();
        assert.equal(user.accountId, ACCOUNT);
        assert.equal(user.identityType, "RAMUser");
        assert.match(user.arn ?? "", new RegExp(`^acs:ram::${ACCOUNT}:user/`));
        const role = await new StsClient({
            endpoint: emulator.sts!.url,
            credentials: { accessKeyId: "ACCT-KEY-STS", accessKeySecret: SECRET, securityToken: "sts-token-1" },
            signatureVersion: "v2",
        }).getCallerIdentity();
        assert.deepEqual({ accountId: role.accountId, identityType: role.identityType }, { accountId: ACCOUNT, identityType: "AssumedRoleUser" });
        assert.match(role.arn ?? "", new RegExp(`^acs:ram::${ACCOUNT}:assumed-role/`));
    });

    it("GetCallerIdentity is signed like every call: a wrong secret is refused, by code, without the secret", async () => {
        const error = await new StsClient({
            endpoint: emulator.sts!.url,
            credentials: { accessKeyId: "ACCT-KEY-A1", accessKeySecret: "wrong-secret-Pp2" },
        })
            .getCallerIdentity()
            .then(
                () => undefined,
                (e: Error) => e,
            );
        assert.ok(error);
        assert.match(error.message, /SignatureDoesNotMatch/);
        assert.ok(!error.message.includes("wrong-secret-Pp2") && !error.message.includes(SECRET));
    });

    it("each listener answers only its own service", async () => {
        // The Live port does not know GetCallerIdentity.
        const error = await new StsClient({ endpoint: emulator.url, credentials: { accessKeyId: "ACCT-KEY-A1", accessKeySecret: SECRET } })
            .getCallerIdentity()
            .then(
                () => undefined,
                (e: Error) => e,
            );
        assert.match(error?.message ?? "", /InvalidAction\.NotFound|InvalidVersion/);
    });

    it("keys of one account resolve to its id; another account's key to its own", async () => {
        const notices: string[] = [];
        const [a1, a2, b1] = await Promise.all(
            ["ACCT-KEY-A1", "ACCT-KEY-A2", "ACCT-KEY-B1"].map((id) => resolveAccount(settingsFor(id), { notice: (m) => notices.push(m) })),
        );
        assert.deepEqual(a1, { key: ACCOUNT, accountId: ACCOUNT });
        assert.deepEqual(a2, { key: ACCOUNT, accountId: ACCOUNT });
        assert.deepEqual(b1, { key: OTHER, accountId: OTHER });
        assert.deepEqual(notices, []);
    });

    it("asks STS once per process and key, however many stacks and resources ask", async () => {
        let calls = 0;
        const stsFor = () => ({ getCallerIdentity: async () => (calls++, { accountId: ACCOUNT }) });
        const settings = settingsFor("ACCT-KEY-A1");
        await Promise.all(Array.from({ length: 5 }, () => resolveAccount(settings, { notice: () => undefined, stsFor })));
        assert.equal(calls, 1);
    });

    it("a configured account id wins, and STS is not asked", async () => {
        const stsFor = () => ({ getCallerIdentity: async () => assert.fail("STS must not be asked") });
        assert.deepEqual(await resolveAccount(settingsFor("ACCT-KEY-A1", { "alicloud-live:accountId": "42" }), { notice: () => undefined, stsFor }), {
            key: "42",
            accountId: "42",
        });
    });

    it("a local emulator's keys are not sent to the public STS: no STS endpoint set, no discovery, no warning", async () => {
        const settings = resolveSettings(
            (key) =>
                (
                    ({
                        "alicloud-live:endpoint": emulator.url,
                        "alicloud:accessKey": "ACCT-KEY-A1",
                        "alicloud:secretKey": SECRET,
                    }) as Record<string, string>
                )[key],
            {},
        );
        const stsFor = () => ({ getCallerIdentity: async () => assert.fail("STS must not be asked") });
        const notices: string[] = [];
        assert.deepEqual(await resolveAccount(settings, { notice: (m) => notices.push(m), stsFor }), { key: perKeyAccountKey(settings) });
        assert.deepEqual(notices, []);
    });

    it("a failed discovery paces by key, as before, and says so once", async () => {
        const closed = await freePort();
        const settings = settingsFor("ACCT-KEY-A1", { "alicloud-live:stsEndpoint": `http://127.0.0.1:${closed}` });
        const notices: string[] = [];
        const first = await resolveAccount(settings, { notice: (m) => notices.push(m) });
        const second = await resolveAccount(settings, { notice: (m) => notices.push(m) });
        assert.deepEqual(first, { key: perKeyAccountKey(settings) });
        assert.deepEqual(second, first);
        assert.equal(notices.length, 1);
        assert.match(notices[0], /could not learn the Alibaba Cloud account.*alicloud-live:accountId/);
        assert.ok(!notices[0].includes(SECRET));
    });

    it("two keys of one account share one limiter: a cut through one is seen by the other", async () => {
        const notice = () => undefined;
        const one = limitersFor(settingsFor("ACCT-KEY-A1", { "alicloud-live:writeQps": "29" }), RECORD_NOTIFY_ACTIONS, { notice })(
            "UpdateLiveRecordNotifyConfig",
        );
        const two = limitersFor(settingsFor("ACCT-KEY-A2", { "alicloud-live:writeQps": "29" }), RECORD_NOTIFY_ACTIONS, { notice })(
            "UpdateLiveRecordNotifyConfig",
        );
        const other = limitersFor(settingsFor("ACCT-KEY-B1", { "alicloud-live:writeQps": "29" }), RECORD_NOTIFY_ACTIONS, { notice })(
            "UpdateLiveRecordNotifyConfig",
        );
        await Promise.all([one.reserve(), two.reserve(), other.reserve()]);
        const before = { two: two.epoch, other: other.epoch };
        assert.equal(one.onThrottle(one.epoch), true);
        assert.equal(two.epoch, before.two + 1, "the other key of the account sees the cut");
        assert.equal(two.rate, one.rate);
        assert.equal(other.epoch, before.other, "another account's limiter is untouched");
    });
});
