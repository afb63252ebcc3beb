import { strict as assert } from "node:assert";
import { LiveClient } from "../../../provider/client/live-client";
import { accountKeyFor, buildApi } from "../../../provider/resource/runtime";
import { RetryingConfigApi } from "../../../provider/retry/retrying-api";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";
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
});
