import { strict as assert } from "node:assert";
import { LiveClient } from "../../../provider/client/live-client";
import { RECORD_NOTIFY_ACTIONS } from "../../../provider/client/retrying-live-api";
import { closeQuotaStores } from "../../../provider/quota/shared-limiters";
import { accountKeyFor, buildApi, limitersFor } from "../../../provider/resource/runtime";
import { forgetSaid } from "../../../provider/resource/said-once";
import { RetryingConfigApi } from "../../../provider/retry/retrying-api";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";
import { freePort } from "../../../tools/redis/server";
import { resolveSettings } from "../../../provider/resource/settings";

const settingsOf = (config: Record<string, string>, env: Record<string, string> = {}) => resolveSettings((key) => config[key], env);

describe("resource/runtime", () => {
    describe("accountKeyFor", () => {
        it("a configured account id is the key", () => {
            assert.equal(
                accountKeyFor(settingsOf({ "alicloud-live:accountId": "1234", "alicloud:accessKey": "AK", "alicloud:secretKey": "SK" })),
                "1234",
            );
        });

        it("static keys: the endpoint's host and the AccessKey ID, never the secret", () => {
            const key = accountKeyFor(
                settingsOf({
                    "alicloud-live:endpoint": "https://Live.Example.com:8443",
                    "alicloud:accessKey": "AK1",
                    "alicloud:secretKey": "SK-secret",
                }),
            );
            assert.equal(key, "live.example.com:8443/AK1");
        });

        it("the default chain: the endpoint and default-chain", () => {
            assert.equal(accountKeyFor(settingsOf({})), "live.aliyuncs.com/default-chain");
            assert.equal(accountKeyFor(settingsOf({}, { ALICLOUD_LIVE_ENDPOINT: "http://127.0.0.1:9999" })), "127.0.0.1:9999/default-chain");
        });
    });

    describe("buildApi", () => {
        it("wraps the signed client in the retrying layer (static keys)", () => {
            const api = buildApi(
                settingsOf({
                    "alicloud-live:endpoint": "http://127.0.0.1:9",
                    "alicloud:accessKey": `RUNTIMETEST${process.pid}`,
                    "alicloud:secretKey": "SK",
                }),
                RN,
            );
            assert.ok(api instanceof RetryingConfigApi);
        });

        it("builds with the default credential chain when no static keys are set, calling nothing", () => {
            // Its own endpoint: limiters are shared process-wide per account key, and a headroom lowers them.
            const api = buildApi(
                settingsOf({
                    "alicloud-live:endpoint": `runtime-test-${process.pid}.invalid`,
                    "alicloud-live:signatureVersion": "v2",
                    "alicloud-live:quotaHeadroom": "0.5",
                }),
                RN,
            );
            assert.ok(api instanceof RetryingConfigApi);
        });

        it("passes the quota and headroom to the limiters", () => {
            // A key of its own: limiters are shared process-wide per account key.
            const accountId = `runtime-test-${process.pid}-${Date.now()}`;
            const api = buildApi(
                settingsOf({ "alicloud-live:accountId": accountId, "alicloud-live:writeQps": "40", "alicloud-live:quotaHeadroom": "0.25" }),
                RN,
            );
            assert.ok(api instanceof RetryingConfigApi);
            const ceiling = (action: string) => (api.limiterFor(action) as unknown as { ceiling: number }).ceiling;
            // 40/s and the documented 50/s, less a quarter left to others.
            assert.equal(ceiling("AddLiveRecordNotifyConfig"), 30);
            assert.equal(ceiling("DeleteLiveRecordNotifyConfig"), 30);
            assert.equal(ceiling("DescribeLiveRecordNotifyConfig"), 37.5);
        });

        it("the plain client accepts the settings' options", () => {
            assert.doesNotThrow(
                () =>
                    new LiveClient({
                        endpoint: "http://127.0.0.1:1",
                        credentials: { accessKeyId: "A", accessKeySecret: "B" },
                        signatureVersion: "v2",
                        regionId: "cn-shanghai",
                    }),
            );
        });
    });

    describe("account discovery's start", () => {
        const counting = () => {
            const asked = { count: 0 };
            const stsFor = () => ({ getCallerIdentity: async () => (asked.count++, { accountId: "1999000000000001" }) });
            return { asked, stsFor };
        };
        const keys = (tag: string) => ({
            "alicloud-live:endpoint": "https://live.example.com",
            "alicloud:accessKey": `RUNTIME-DISCOVERY-${tag}-${process.pid}-${Date.now()}`,
            "alicloud:secretKey": "SK",
        });

        it("starts when the provider is configured, so the first call rarely waits", async () => {
            const { asked, stsFor } = counting();
            limitersFor(settingsOf(keys("eager")), RECORD_NOTIFY_ACTIONS, { notice: () => undefined, stsFor });
            await new Promise((resolve) => setTimeout(resolve, 20));
            assert.equal(asked.count, 1);
        });

        it("with the configure-time check off (an offline preview), waits for the first call: configuring calls nothing", async () => {
            const { asked, stsFor } = counting();
            const limiter = limitersFor(settingsOf({ ...keys("lazy"), "alicloud-live:skipCredentialsValidation": "true" }), RECORD_NOTIFY_ACTIONS, {
                notice: () => undefined,
                stsFor,
            })("DescribeLiveRecordNotifyConfig");
            await new Promise((resolve) => setTimeout(resolve, 20));
            assert.equal(asked.count, 0, "asked at configure");
            await limiter.reserve();
            assert.equal(asked.count, 1);
        });
    });

    describe("warnings", () => {
        after(() => closeQuotaStores());

        it("a quota store with an account it cannot know is said to be unused once per process, however many times the provider is configured", async function () {
            this.timeout(30_000);
            forgetSaid();
            const closed = await freePort();
            const notices: string[] = [];
            // A local emulator's endpoint and no STS endpoint: the account is not asked, so it stays unknown.
            const settings = settingsOf({
                "alicloud-live:endpoint": "http://127.0.0.1:9",
                "alicloud:accessKey": `RUNTIME-WARN-${process.pid}`,
                "alicloud:secretKey": "SK",
                "alicloud-live:quotaStore": `redis://127.0.0.1:${closed}`,
            });
            for (let i = 0; i < 3; i++)
                await limitersFor(settings, RECORD_NOTIFY_ACTIONS, { notice: (m) => notices.push(m) })("DescribeLiveRecordNotifyConfig").reserve();
            assert.equal(notices.filter((m) => m.includes("the quota store is not used")).length, 1, notices.join("\n"));
            assert.ok(notices.filter((m) => m.includes("quota store redis://")).length <= 1, notices.join("\n"));
        });
    });
});
