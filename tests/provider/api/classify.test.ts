import { strict as assert } from "node:assert";
import { classify, errorFacts, mayHaveApplied } from "../../../provider/api/classify";
import type { ErrorKind } from "../../../provider/api/error-kind";

describe("provider/api/classify", () => {
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
        ["ECONNREFUSED", { code: "ECONNREFUSED" }, "unreachable"],
        ["ENOTFOUND", { code: "ENOTFOUND" }, "unreachable"],
        ["EAI_AGAIN (the resolver did not answer)", { code: "EAI_AGAIN" }, "transient"],
        ["EHOSTUNREACH", { code: "EHOSTUNREACH" }, "transient"],
        ["a connect timeout (no code)", { name: "RequestTimeoutError", message: "ConnectTimeout: Connect https://x/ failed." }, "transient"],
        ["no credentials anywhere", { name: "NoCredentialsError", message: "no credentials were found" }, "no-credentials"],
        ["the core's InvalidCredentials (no credential given)", { code: "InvalidCredentials" }, "no-credentials"],
        ["HTML gateway page", { name: "SyntaxError", message: "Unexpected token <" }, "transient"],
        ["read timeout message", { name: "Error", message: "ReadTimeout(10000). POST http://x/ failed." }, "transient"],
        ["InvalidConfig.NotFound", { code: "InvalidConfig.NotFound", statusCode: 404 }, "not-found"],
        ["ConfigAlreadyExists", { code: "ConfigAlreadyExists", statusCode: 400 }, "already-exists"],
        ["InvalidNotifyUrl.Malformed", { code: "InvalidNotifyUrl.Malformed", statusCode: 400 }, "invalid-input"],
        ["InvalidDomain.NotFound", { code: "InvalidDomain.NotFound", statusCode: 400 }, "invalid-input"],
        ["MissingDomainName", { code: "MissingDomainName", statusCode: 400 }, "invalid-input"],
        ["Forbidden", { code: "Forbidden", statusCode: 400 }, "forbidden"],
        ["Forbidden.RAM", { code: "Forbidden.RAM", statusCode: 400 }, "forbidden"],
        ["Forbidden.SubUser", { code: "Forbidden.SubUser", statusCode: 400 }, "forbidden"],
        ["NoPermission", { code: "NoPermission", statusCode: 400 }, "forbidden"],
        ["SignatureDoesNotMatch", { code: "SignatureDoesNotMatch", statusCode: 400 }, "authentication"],
        ["InvalidAccessKeyId.NotFound", { code: "InvalidAccessKeyId.NotFound", statusCode: 404 }, "authentication"],
        ["InvalidSecurityToken.Expired", { code: "InvalidSecurityToken.Expired", statusCode: 400 }, "authentication"],
        ["InvalidAccessKeyId.Inactive", { code: "InvalidAccessKeyId.Inactive", statusCode: 400 }, "authentication"],
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
        assert.equal(mayHaveApplied({ code: "ENOTFOUND" }), false, "never left the machine");
        assert.equal(mayHaveApplied({ code: "EAI_AGAIN" }), false, "never left the machine");
        assert.equal(mayHaveApplied({ code: "Throttling.User", statusCode: 400 }), false, "refused by the service");
        assert.equal(mayHaveApplied({ code: "ConfigAlreadyExists", statusCode: 400 }), false);
    });

    it("reads facts from anything thrown, ignoring the core's literal 'undefined' code", () => {
        assert.deepEqual(errorFacts("boom"), { message: "boom" });
        assert.equal(errorFacts({ code: "undefined", statusCode: 502 }).code, undefined);
    });
});
