import { strict as assert } from "node:assert";
import {
    canonicalQueryString,
    canonicalRequestV3,
    EMPTY_BODY_SHA256,
    normalizeSignedHeaderNames,
    parseAuthorizationV3,
    percentEncode,
    sha256Hex,
    signatureV3,
    stringToSignV3,
} from "../../../emulator/wire/signature-v3";

/** Alibaba's published ACS3-HMAC-SHA256 example (RunInstances on ECS). */
const PUBLISHED = {
    method: "POST",
    path: "/",
    query: [
        ["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"],
        ["RegionId", "cn-shanghai"],
    ] as const,
    headers: {
        host: "ecs.cn-shanghai.aliyuncs.com",
        "x-acs-action": "RunInstances",
        "x-acs-version": "2014-05-26",
        "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-content-sha256": EMPTY_BODY_SHA256,
    },
    signedHeaders: ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
    payloadHash: EMPTY_BODY_SHA256,
};

describe("emulator/wire/signature-v3", () => {
    it("reproduces Alibaba's published RunInstances signature exactly", () => {
        assert.equal(signatureV3("YourAccessKeySecret", PUBLISHED), "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    });

    it("gives a different signature for a different secret, header or query value", () => {
        const base = signatureV3("YourAccessKeySecret", PUBLISHED);
        assert.notEqual(signatureV3("YourAccessKeySecreT", PUBLISHED), base);
        assert.notEqual(
            signatureV3("YourAccessKeySecret", { ...PUBLISHED, headers: { ...PUBLISHED.headers, "x-acs-date": "2023-10-26T10:22:33Z" } }),
            base,
        );
        assert.notEqual(signatureV3("YourAccessKeySecret", { ...PUBLISHED, query: [["RegionId", "cn-shanghai"]] }), base);
    });

    it("builds the canonical request with a blank line before SignedHeaders", () => {
        const canonical = canonicalRequestV3(PUBLISHED);
        const lines = canonical.split("\n");
        assert.equal(lines[0], "POST");
        assert.equal(lines[1], "/");
        assert.equal(lines[2], "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
        assert.equal(lines[3], "host:ecs.cn-shanghai.aliyuncs.com");
        assert.equal(lines.at(-3), "");
        assert.equal(lines.at(-2), PUBLISHED.signedHeaders.join(";"));
        assert.equal(lines.at(-1), EMPTY_BODY_SHA256);
        assert.match(stringToSignV3(canonical), /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    });

    it("percent-encodes the five characters encodeURIComponent leaves alone", () => {
        assert.equal(percentEncode("a(b)*c!d'e"), "a%28b%29%2Ac%21d%27e");
        assert.equal(percentEncode("a b~c"), "a%20b~c");
        assert.equal(percentEncode("http://x.com/?q=1&r"), "http%3A%2F%2Fx.com%2F%3Fq%3D1%26r");
    });

    it("sorts query pairs by name in code-unit order and signs empty values as name=", () => {
        assert.equal(
            canonicalQueryString([
                ["b", "2"],
                ["B", "1"],
                ["a", ""],
            ]),
            "B=1&a=&b=2",
        );
    });

    it("normalises signed header names: lower case, unique, sorted", () => {
        assert.deepEqual(normalizeSignedHeaderNames(["X-Acs-Date", "host", "x-acs-date"]), ["host", "x-acs-date"]);
    });

    it("parses a well-formed Authorization header and rejects garbled ones", () => {
        const parsed = parseAuthorizationV3("ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;x-acs-date,Signature=ab12");
        assert.deepEqual(parsed, { accessKeyId: "AK1", signedHeaders: ["host", "x-acs-date"], signature: "ab12" });
        for (const bad of [
            "",
            "ACS3-HMAC-SHA256",
            "ACS3-HMAC-SM3 Credential=AK1,SignedHeaders=host,Signature=ab12",
            "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=XYZ",
            "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;;x,Signature=ab12",
            "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=ab12",
        ]) {
            assert.equal(parseAuthorizationV3(bad), undefined, bad);
        }
    });

    it("hashes an empty body to the constant every call of these actions carries", () => {
        assert.equal(sha256Hex(Buffer.alloc(0)), EMPTY_BODY_SHA256);
    });
});
