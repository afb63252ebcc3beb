import { strict as assert } from "node:assert";
import { toLiveApiError } from "../../../provider/api/errors";
import { clearingRequest, fieldsToClear, refusedEmptyField, stillHeld } from "../../../provider/resource/write";
import { KEY } from "./fixtures";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const BASE = { domainName: "live.example.com", notifyUrl: "https://cb.example.com/live" };
const FULL = { ...BASE, onDemandUrl: "https://cb.example.com/od", notifyAuthKey: KEY };

describe("resource/write (decisions)", () => {
    it("clears the fields the declared config drops that the service may still hold", () => {
        assert.deepEqual(fieldsToClear(RN, BASE, { config: FULL }), ["onDemandUrl", "notifyAuthKey"]);
        assert.deepEqual(fieldsToClear(RN, FULL, { config: FULL }), []);
        assert.deepEqual(fieldsToClear(RN, BASE, { config: BASE }), [], "nothing held: nothing to clear, and no extra Describe");
        assert.deepEqual(fieldsToClear(RN, BASE, { config: BASE, authKeyView: { kind: "masked", mask: "ab****yz" } }), ["notifyAuthKey"]);
        assert.deepEqual(
            fieldsToClear(RN, BASE, { config: BASE, authKeyView: { kind: "absent" } }),
            ["notifyAuthKey"],
            "a key Describe hides may be there",
        );
        assert.deepEqual(clearingRequest(RN, BASE, ["onDemandUrl", "notifyAuthKey"]), { ...BASE, onDemandUrl: "", notifyAuthKey: "" });
    });

    it("recognizes a refusal of an empty value by the field it names", () => {
        const refusal = (code: string, message: string) =>
            toLiveApiError({ name: "ClientError", code, statusCode: 400, data: { Code: code, Message: message } }, "UpdateLiveRecordNotifyConfig");
        assert.equal(
            refusedEmptyField(RN, refusal("InvalidOnDemandUrl.Malformed", "Specified OnDemandUrl is invalid."), ["onDemandUrl", "notifyAuthKey"]),
            "onDemandUrl",
        );
        assert.equal(
            refusedEmptyField(RN, refusal("InvalidParameter", "Specified parameter NotifyAuthKey is not valid."), ["onDemandUrl", "notifyAuthKey"]),
            "notifyAuthKey",
        );
        assert.equal(refusedEmptyField(RN, refusal("InvalidNotifyUrl.Malformed", "Specified NotifyUrl is invalid."), ["onDemandUrl"]), undefined);
        assert.equal(refusedEmptyField(RN, refusal("InvalidOnDemandUrl.Malformed", ""), ["notifyAuthKey"]), undefined, "not a field being cleared");
        assert.equal(refusedEmptyField(RN, refusal("Forbidden", "OnDemandUrl"), ["onDemandUrl"]), undefined, "not an input refusal");
    });

    it("reads which cleared fields a Describe still shows (a hidden key counts as cleared)", () => {
        const described = (config: object, authKeyView?: object) =>
            ({ requestId: "D", config: { ...BASE, ...config }, ...(authKeyView ? { authKeyView } : {}) }) as never;
        assert.deepEqual(stillHeld(RN, described({}), ["onDemandUrl", "notifyAuthKey"]), []);
        assert.deepEqual(stillHeld(RN, described({ onDemandUrl: FULL.onDemandUrl }), ["onDemandUrl", "notifyAuthKey"]), ["onDemandUrl"]);
        assert.deepEqual(stillHeld(RN, described({ notifyAuthKey: KEY }, { kind: "clear", key: KEY }), ["notifyAuthKey"]), ["notifyAuthKey"]);
        assert.deepEqual(stillHeld(RN, described({}, { kind: "masked", mask: "ab****yz" }), ["notifyAuthKey"]), ["notifyAuthKey"]);
        assert.deepEqual(stillHeld(RN, described({}, { kind: "absent" }), ["notifyAuthKey"]), []);
    });
});
