import { strict as assert } from "node:assert";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { apiResult } from "../../../provider/api/response";
import type { DescribeResult } from "../../../provider/client/types";
import { canonicalConfig, differingFields, sameConfig } from "../../../provider/client/normalize";
import { describedConfig, identityParams, isEmptyDescribe as isEmpty, writeParams } from "../../../provider/resource/wire";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

/** LiveRecordNotifyConfig's wire mapping, under the names the 0.1 client gave it. */
const configParams = (config: Record<string, unknown>) => writeParams(RN, config);
const domainParams = (request: { domainName: string }) => identityParams(RN, request);
const describeResult = (body: Record<string, unknown> | undefined, domainName: string) =>
    ({ ...apiResult(body), ...describedConfig(RN, body, { domainName }) }) as DescribeResult;
const isEmptyDescribe = (body: Record<string, unknown>) => isEmpty(RN, body);

describe("resource/wire (LiveRecordNotifyConfig's request and Describe answer)", () => {
    it("builds PascalCase parameters of set fields only, booleans as the SDK sends them", () => {
        const query = configParams({
            domainName: "a.example.com",
            notifyUrl: "https://cb.example.com/x",
            needStatusNotify: true,
            notifyReqAuth: false,
        });
        assert.deepEqual(query, { DomainName: "a.example.com", NotifyUrl: "https://cb.example.com/x", NeedStatusNotify: true, NotifyReqAuth: false });
        assert.deepEqual(OpenApiUtil.query(query), {
            DomainName: "a.example.com",
            NotifyUrl: "https://cb.example.com/x",
            NeedStatusNotify: "true",
            NotifyReqAuth: "false",
        });
        assert.deepEqual(domainParams({ domainName: "a.example.com" }), { DomainName: "a.example.com" });
    });

    it("reads Describe answers, tolerating string booleans and empty strings", () => {
        const r = describeResult(
            {
                RequestId: "R1",
                LiveRecordNotifyConfig: {
                    DomainName: "a.example.com",
                    NotifyUrl: "https://x/y",
                    OnDemandUrl: "",
                    NeedStatusNotify: "false",
                    NotifyReqAuth: "yes",
                    NotifyAuthKey: "abcdefABCDEF1234",
                },
            },
            "a.example.com",
        );
        assert.deepEqual(r, {
            requestId: "R1",
            config: {
                domainName: "a.example.com",
                notifyUrl: "https://x/y",
                needStatusNotify: false,
                notifyReqAuth: true,
                notifyAuthKey: "abcdefABCDEF1234",
            },
            authKeyView: { kind: "clear", key: "abcdefABCDEF1234" },
        });
        assert.deepEqual(apiResult(undefined), { requestId: "" });
    });

    it("reads a masked key as a mask and a missing one as absent, never as the key", () => {
        const body = (extra: Record<string, unknown>) => ({
            RequestId: "R",
            LiveRecordNotifyConfig: { DomainName: "a.example.com", NotifyUrl: "https://x/y", NotifyReqAuth: true, ...extra },
        });
        const masked = describeResult(body({ NotifyAuthKey: "ab****yz" }), "a.example.com");
        assert.deepEqual(masked.authKeyView, { kind: "masked", mask: "ab****yz" });
        assert.equal(masked.config.notifyAuthKey, undefined);
        const absent = describeResult(body({}), "a.example.com");
        assert.deepEqual(absent.authKeyView, { kind: "absent" });
        assert.equal(absent.config.notifyAuthKey, undefined);
    });

    it("an empty or URL-less LiveRecordNotifyConfig is no config", () => {
        assert.equal(isEmptyDescribe({ RequestId: "R", LiveRecordNotifyConfig: {} }), true);
        assert.equal(isEmptyDescribe({ RequestId: "R" }), true);
        assert.equal(isEmptyDescribe({ RequestId: "R", LiveRecordNotifyConfig: { DomainName: "a.example.com", NotifyUrl: "" } }), true);
        assert.equal(isEmptyDescribe({ RequestId: "R", LiveRecordNotifyConfig: { DomainName: "a.example.com", NotifyUrl: "https://x/y" } }), false);
    });

    it("compares configs on their canonical forms", () => {
        const a = { domainName: "d", notifyUrl: "https://x" };
        assert.deepEqual(canonicalConfig(a), { domainName: "d", notifyUrl: "https://x", needStatusNotify: false, notifyReqAuth: false });
        assert.equal(sameConfig(a, { ...a, needStatusNotify: false, onDemandUrl: "" }), true);
        assert.deepEqual(differingFields(a, { ...a, onDemandUrl: "https://o", notifyReqAuth: true }), ["onDemandUrl", "notifyReqAuth"]);
    });
});
