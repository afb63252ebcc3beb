import { strict as assert } from "node:assert";
import { describedBoolWire, encodeBooleans, otherBoolWire, refusesBooleanForm } from "../../../provider/api/bool-wire";

describe("provider/api/bool-wire", () => {
    it("encodes the two booleans as the SDK does, or as yes/no, touching nothing else", () => {
        const query = { DomainName: "a.example.com", NeedStatusNotify: true, NotifyReqAuth: false };
        assert.deepEqual(encodeBooleans(query, "bool"), query);
        assert.deepEqual(encodeBooleans(query, "yesno"), { DomainName: "a.example.com", NeedStatusNotify: "yes", NotifyReqAuth: "no" });
        assert.equal(otherBoolWire("bool"), "yesno");
        assert.equal(otherBoolWire("yesno"), "bool");
    });

    it("recognizes a refusal of a boolean parameter, and only that", () => {
        assert.equal(refusesBooleanForm({ code: "InvalidParameter", serviceMessage: "Specified parameter NotifyReqAuth is not valid." }), true);
        assert.equal(refusesBooleanForm({ code: "InvalidNeedStatusNotify.Malformed", serviceMessage: "" }), true);
        assert.equal(refusesBooleanForm({ code: "InvalidParameter", serviceMessage: "Specified parameter NotifyUrl is not valid." }), false);
        assert.equal(refusesBooleanForm({ code: "Throttling.User", serviceMessage: "NotifyReqAuth" }), false);
    });

    it("reads the form a Describe answer uses", () => {
        assert.equal(describedBoolWire(true), "bool");
        assert.equal(describedBoolWire("Yes"), "yesno");
        assert.equal(describedBoolWire("no"), "yesno");
        assert.equal(describedBoolWire("true"), undefined);
        assert.equal(describedBoolWire(undefined), undefined);
    });
});
