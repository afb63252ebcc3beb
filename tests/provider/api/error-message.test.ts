import { strict as assert } from "node:assert";
import type { ErrorKind } from "../../../provider/api/error-kind";
import { adviceFor, formatMessage, RAM_POLICY_DOC, ramActionFor, refusedField } from "../../../provider/api/error-message";

describe("provider/api/error-message", () => {
    const base = { action: "AddLiveRecordNotifyConfig", serviceMessage: "The service said no." } as const;

    it("starts with the action, the code and HTTP status, and the service's words, and ends with the RequestId", () => {
        const message = formatMessage({ ...base, kind: "throttled", code: "Throttling.User", statusCode: 400, requestId: "REQ-9" });
        assert.match(message, /^AddLiveRecordNotifyConfig failed \(Throttling\.User, HTTP 400\): The service said no\. /);
        assert.match(message, / RequestId: REQ-9\.$/);
    });

    it("ends the service's words as a sentence, so ours does not run into them", () => {
        const message = formatMessage({
            ...base,
            kind: "unreachable",
            code: "ENOTFOUND",
            serviceMessage: "getaddrinfo ENOTFOUND h.invalid",
            host: "h.invalid",
        });
        assert.match(
            message,
            /^AddLiveRecordNotifyConfig failed \(ENOTFOUND\): getaddrinfo ENOTFOUND h\.invalid\. The host name h\.invalid does not resolve: /,
        );
    });

    it("gives advice for every kind, each its own, and never 'Unexpected error'", () => {
        const kinds: ErrorKind[] = [
            "throttled",
            "transient",
            "unreachable",
            "not-found",
            "already-exists",
            "invalid-input",
            "forbidden",
            "authentication",
            "no-credentials",
            "unknown",
        ];
        const advice = new Map(
            kinds.map((kind) => [kind, formatMessage({ ...base, kind }).slice(`AddLiveRecordNotifyConfig failed: ${base.serviceMessage} `.length)]),
        );
        for (const [kind, text] of advice) {
            assert.ok(text.length > 10, `no advice for ${kind}: "${text}"`);
            assert.ok(!/unexpected error/i.test(text), `${kind}: ${text}`);
        }
        assert.equal(new Set(advice.values()).size, kinds.length, "each kind has its own advice");
        assert.equal(ramActionFor("DescribeLiveRecordNotifyConfig"), "live:DescribeLiveRecordNotifyConfig");
    });

    for (const code of ["Forbidden", "Forbidden.RAM", "Forbidden.SubUser", "NoPermission"]) {
        it(`a RAM denial (${code}) names the action and points to the RAM policy in the docs`, () => {
            const message = formatMessage({
                ...base,
                kind: "forbidden",
                code,
                statusCode: 403,
                serviceMessage: "User not authorized to operate on the specified resource.",
            });
            assert.match(message, /lacks the RAM permission live:AddLiveRecordNotifyConfig; grant it to the RAM user or role/);
            assert.ok(message.includes(RAM_POLICY_DOC), message);
            assert.equal(RAM_POLICY_DOC, "docs/configuration.md#ram-permissions");
        });
    }

    it("clock skew (InvalidTimeStamp.Expired) says the machine's clock is off, by more than the service's 15 minutes", () => {
        const message = formatMessage({
            ...base,
            kind: "authentication",
            code: "InvalidTimeStamp.Expired",
            statusCode: 400,
            serviceMessage: "Specified time stamp or date value is expired.",
        });
        assert.match(
            message,
            /Specified time stamp or date value is expired\. This machine's clock is off: .*more than 15 minutes from its own time/,
        );
    });

    it("a domain not in the account (InvalidDomain.NotFound) names the domain", () => {
        const message = formatMessage({
            ...base,
            kind: "invalid-input",
            code: "InvalidDomain.NotFound",
            statusCode: 400,
            serviceMessage: "Specified Domain is invalid.",
            domainName: "live9.example.com",
        });
        assert.match(message, /The domain live9\.example\.com is not an ApsaraVideo Live domain of the account these keys belong to/);
    });

    it("refused keys say what to check, per code", () => {
        const said = (code: string) => adviceFor({ kind: "authentication", code, serviceMessage: "x" });
        assert.match(said("InvalidAccessKeyId.NotFound"), /knows no such AccessKey ID/);
        assert.match(said("SignatureDoesNotMatch"), /secret does not belong to the AccessKey ID/);
        assert.match(said("InvalidSecurityToken.Expired"), /token has expired/);
        assert.match(said("InvalidSecurityToken.MismatchWithAccessKey"), /does not belong to this AccessKey ID/);
        assert.match(said("InvalidAccessKeyId.Inactive"), /disabled/);
    });

    it("names the refused property of an invalid-input answer, from its code or else its message", () => {
        assert.equal(refusedField({ kind: "invalid-input", code: "InvalidNotifyAuthKey.Malformed" }), "notifyAuthKey");
        assert.equal(
            refusedField({ kind: "invalid-input", code: "InvalidParameter", serviceMessage: "Specified parameter NeedStatusNotify is not valid." }),
            "needStatusNotify",
        );
        assert.equal(refusedField({ kind: "invalid-input", code: "InvalidParameter", serviceMessage: "Something else." }), undefined);
        assert.equal(refusedField({ kind: "not-found", code: "InvalidDomainName.NotFound" }), undefined, "only invalid input refuses a property");
        assert.match(
            formatMessage({ ...base, kind: "invalid-input", code: "InvalidNotifyUrl.Malformed" }),
            /The service refused notifyUrl: change it/,
        );
    });
});
