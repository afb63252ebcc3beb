import { strict as assert } from "node:assert";
import { classify, errorFacts, LiveApiError, mayHaveApplied, toLiveApiError, type ErrorKind } from "../../../provider/api/errors";

describe("provider/api/errors", () => {
    const cases: Array<[string, Parameters<typeof classify>[0], ErrorKind]> = [
        ["Throttling.User", { code: "Throttling.User", statusCode: 400 }, "throttled"],
        ["Throttling", { code: "Throttling", statusCode: 400 }, "throttled"],
        ["Throttling.Api", { code: "Throttling.Api", statusCode: 400 }, "throttled"],
        ["HTTP 429 Throttling", { code: "Throttling", statusCode: 429 }, "throttled"],
        ["HTTP 429 without a code", { statusCode: 429 }, "throttled"],
        ["Rejected.Throttling", { code: "Rejected.Throttling", statusCode: 400 }, "throttled"],
        ["HTTP 429 without code", { statusCode: 429 }, "throttled"],
        ["ServiceUnavailable", { code: "ServiceUnavailable", statusCode: 503 }, "transient"],
        ["InternalError", { code: "InternalError", statusCode: 500 }, "transient"],
        ["any 5xx", { code: "SomethingNew", statusCode: 502 }, "transient"],
        ["ECONNRESET", { code: "ECONNRESET" }, "transient"],
        ["ETIMEDOUT", { code: "ETIMEDOUT" }, "transient"],
        ["ECONNREFUSED", { code: "ECONNREFUSED" }, "transient"],
        ["HTML gateway page", { name: "SyntaxError", message: "Unexpected token <" }, "transient"],
        ["read timeout message", { name: "Error", message: "ReadTimeout(10000). POST http://x/ failed." }, "transient"],
        ["InvalidConfig.NotFound", { code: "InvalidConfig.NotFound", statusCode: 404 }, "not-found"],
        ["ConfigAlreadyExists", { code: "ConfigAlreadyExists", statusCode: 400 }, "already-exists"],
        ["InvalidNotifyUrl.Malformed", { code: "InvalidNotifyUrl.Malformed", statusCode: 400 }, "invalid-input"],
        ["InvalidDomain.NotFound", { code: "InvalidDomain.NotFound", statusCode: 400 }, "invalid-input"],
        ["MissingDomainName", { code: "MissingDomainName", statusCode: 400 }, "invalid-input"],
        ["Forbidden", { code: "Forbidden", statusCode: 400 }, "forbidden"],
        ["SignatureDoesNotMatch", { code: "SignatureDoesNotMatch", statusCode: 400 }, "authentication"],
        ["InvalidAccessKeyId.NotFound", { code: "InvalidAccessKeyId.NotFound", statusCode: 404 }, "authentication"],
        ["InvalidSecurityToken.Expired", { code: "InvalidSecurityToken.Expired", statusCode: 400 }, "authentication"],
        ["InvalidTimeStamp.Expired", { code: "InvalidTimeStamp.Expired", statusCode: 400 }, "authentication"],
        ["SignatureNonceUsed", { code: "SignatureNonceUsed", statusCode: 400 }, "authentication"],
        ["unknown 4xx", { code: "Odd", statusCode: 400 }, "unknown"],
    ];
    for (const [name, facts, kind] of cases) {
        it(`classifies ${name} as ${kind}`, () => assert.equal(classify(facts), kind));
    }

    it("says which failed writes may have been applied", () => {
        assert.equal(mayHaveApplied({ code: "ECONNRESET" }), true);
        assert.equal(mayHaveApplied({ code: "ServiceUnavailable", statusCode: 503 }), true);
        assert.equal(mayHaveApplied({ code: "ECONNREFUSED" }), false, "never reached the service");
        assert.equal(mayHaveApplied({ code: "Throttling.User", statusCode: 400 }), false, "refused by the service");
        assert.equal(mayHaveApplied({ code: "ConfigAlreadyExists", statusCode: 400 }), false);
    });

    it("reads facts from anything thrown, ignoring the core's literal 'undefined' code", () => {
        assert.deepEqual(errorFacts("boom"), { message: "boom" });
        assert.equal(errorFacts({ code: "undefined", statusCode: 502 }).code, undefined);
    });

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
        assert.match(e.message, /socket hang upPOST http:\/\/127\.0\.0\.1:9\/\?<query redacted> failed\./);
    });

    it("keeps a network error's message and marks it possibly applied", () => {
        const e = toLiveApiError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "UpdateLiveRecordNotifyConfig");
        assert.equal(e.kind, "transient");
        assert.equal(e.mayHaveApplied, true);
        assert.match(e.message, /socket hang up/);
        assert.equal(e.requestId, undefined);
    });
});
