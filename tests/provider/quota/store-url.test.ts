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

    for (const [text, rule] of [
        ["", /must be a URL redis:\/\//],
        ["127.0.0.1:6379", /must be a URL|not 127\.0\.0\.1:/],
        [`http://u:${PASSWORD}@host`, /not http:\/\//],
        [`redis://u:${PASSWORD}@host/path`, /database number/],
        [`redis://u:${PASSWORD}@host/0?tls=true`, /no query/],
        [`redis://u:${PASSWORD}@`, /not a valid URL|names no host/],
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
