import { strict as assert } from "node:assert";
import { signatureV2, stringToSignV2 } from "../../../emulator/wire/signature-v2";

/** Alibaba's published RPC HMAC-SHA1 example (DescribeRegions). */
const PUBLISHED: Array<[string, string]> = [
    ["Timestamp", "2016-02-23T12:46:24Z"],
    ["Format", "XML"],
    ["AccessKeyId", "testid"],
    ["Action", "DescribeRegions"],
    ["SignatureMethod", "HMAC-SHA1"],
    ["SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"],
    ["Version", "2014-05-26"],
    ["SignatureVersion", "1.0"],
];

describe("emulator/wire/signature-v2", () => {
    it("reproduces Alibaba's published DescribeRegions signature exactly", () => {
        assert.equal(signatureV2("testsecret", "GET", PUBLISHED), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    });

    it("builds the published string to sign", () => {
        assert.equal(
            stringToSignV2("GET", PUBLISHED),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
                "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
                "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
        );
    });

    it("ignores the Signature parameter itself and does not depend on parameter order", () => {
        const shuffled: Array<[string, string]> = [...PUBLISHED].reverse();
        assert.equal(signatureV2("testsecret", "GET", [...shuffled, ["Signature", "anything"]]), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    });

    it("signs the method: POST differs from GET", () => {
        assert.notEqual(signatureV2("testsecret", "POST", PUBLISHED), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    });
});
