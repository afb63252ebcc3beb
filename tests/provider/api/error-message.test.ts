import { strict as assert } from "node:assert";
import type { ErrorKind } from "../../../provider/api/error-kind";
import { formatMessage, ramActionFor, refusedField } from "../../../provider/api/error-message";

describe("provider/api/error-message", () => {
    const base = { action: "AddLiveRecordNotifyConfig", serviceMessage: "The service said no." } as const;

    it("starts with the action, the code and HTTP status, and the service's words, and ends with the RequestId", () => {
        const message = formatMessage({ ...base, kind: "throttled", code: "Throttling.User", statusCode: 400, requestId: "REQ-9" });
        assert.match(message, /^AddLiveRecordNotifyConfig failed \(Throttling\.User, HTTP 400\): The service said no\. /);
        assert.match(message, / RequestId: REQ-9\.$/);
    });

    it("gives advice for every kind, and names the RAM action for forbidden", () => {
        const kinds: ErrorKind[] = [
            "throttled",
            "transient",
            "not-found",
            "already-exists",
            "invalid-input",
            "forbidden",
            "authentication",
            "unknown",
        ];
        const advice = new Map(
            kinds.map((kind) => [kind, formatMessage({ ...base, kind }).slice(`AddLiveRecordNotifyConfig failed: ${base.serviceMessage} `.length)]),
        );
        for (const [kind, text] of advice) assert.ok(text.length > 10, `no advice for ${kind}: "${text}"`);
        assert.equal(new Set(advice.values()).size, kinds.length, "each kind has its own advice");
        assert.equal(
            advice.get("forbidden"),
            `The access key lacks the RAM permission ${ramActionFor(base.action)}; grant it to the RAM user or role.`,
        );
        assert.equal(ramActionFor("DescribeLiveRecordNotifyConfig"), "live:DescribeLiveRecordNotifyConfig");
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
