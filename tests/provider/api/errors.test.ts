import { strict as assert } from "node:assert";
import { LiveApiError, toLiveApiError } from "../../../provider/api/errors";

describe("provider/api/errors", () => {
    it("converts an openapi-core throttling error, keeping Code, RequestId and retry-after", () => {
        const core = Object.assign(new Error("code: 400, Request was denied due to user flow control. request id: REQ-1"), {
            name: "ThrottlingError",
            code: "Throttling.User",
            statusCode: 400,
            requestId: "REQ-1",
            retryAfter: 1200,
            data: { RequestId: "REQ-1", Code: "Throttling.User", Message: "Request was denied due to user flow control." },
        });
        const e = toLiveApiError(core, "AddLiveRecordNotifyConfig");
        assert.ok(e instanceof LiveApiError);
        assert.equal(e.kind, "throttled");
        assert.equal(e.code, "Throttling.User");
        assert.equal(e.requestId, "REQ-1");
        assert.equal(e.retryAfterMs, 1200);
        assert.equal(e.retryable, true);
        assert.equal(e.cause, undefined, "the core's error is not kept: its message may quote the request URL");
        assert.match(e.message, /^AddLiveRecordNotifyConfig failed \(Throttling.User, HTTP 400\): Request was denied due to user flow control\./);
        assert.match(e.message, /RequestId: REQ-1\.$/);
        assert.equal(toLiveApiError(e, "AddLiveRecordNotifyConfig"), e, "idempotent");
    });

    it("names the missing RAM action in permission errors", () => {
        const e = toLiveApiError(
            { code: "Forbidden", statusCode: 400, data: { Message: "Ram Permission is forbidden.", RequestId: "R" } },
            "DeleteLiveRecordNotifyConfig",
        );
        assert.equal(e.kind, "forbidden");
        assert.match(e.message, /lacks the RAM permission live:DeleteLiveRecordNotifyConfig/);
        assert.equal(e.retryable, false);
    });

    it("redacts the request URL's query, which carries NotifyAuthKey, from network error messages", () => {
        const core = Object.assign(
            new Error("socket hang upPOST http://127.0.0.1:9/?DomainName=a.example.com&NotifyAuthKey=abcdEFGH12345678 failed."),
            { code: "ECONNRESET" },
        );
        const e = toLiveApiError(core, "AddLiveRecordNotifyConfig");
        assert.ok(!e.message.includes("abcdEFGH12345678"), e.message);
        assert.ok(!e.message.includes("NotifyAuthKey"), e.message);
        // The HTTP layer's "<METHOD> <url> failed." suffix (glued on without a space) is not ours to show.
        assert.match(e.message, /^AddLiveRecordNotifyConfig failed \(ECONNRESET\): socket hang up\. The service or the network/);
        assert.ok(!e.message.includes("upPOST"), e.message);
    });

    it("still redacts a URL's query anywhere else in a message", () => {
        const e = toLiveApiError(
            Object.assign(new Error("ReadTimeout(10000). POST http://127.0.0.1:9/?NotifyAuthKey=abcdEFGH12345678 failed, it says"), {
                code: "ETIMEDOUT",
            }),
            "AddLiveRecordNotifyConfig",
        );
        assert.ok(!e.message.includes("abcdEFGH12345678"), e.message);
        assert.match(e.message, /<query redacted>/);
    });

    it("keeps where a call went and what it was about, and names the domain it was about", () => {
        const e = toLiveApiError(
            { code: "InvalidDomain.NotFound", statusCode: 400, data: { Message: "Specified Domain is invalid.", RequestId: "R" } },
            "DescribeLiveRecordNotifyConfig",
            { host: "live.aliyuncs.com", domainName: "live9.example.com" },
        );
        assert.equal(e.host, "live.aliyuncs.com");
        assert.equal(e.domainName, "live9.example.com");
        assert.match(e.message, /The domain live9\.example\.com is not an ApsaraVideo Live domain/);
    });

    it("keeps a network error's message and marks it possibly applied", () => {
        const e = toLiveApiError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "UpdateLiveRecordNotifyConfig");
        assert.equal(e.kind, "transient");
        assert.equal(e.mayHaveApplied, true);
        assert.match(e.message, /socket hang up/);
        assert.equal(e.requestId, undefined);
    });
});
