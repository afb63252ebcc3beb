import { strict as assert } from "node:assert";
import { isUnknown, UNKNOWN_VALUE } from "../../../provider/resource/unknown";

describe("resource/unknown", () => {
    it("recognizes the engine's sentinel, alone or inside a value", () => {
        assert.equal(UNKNOWN_VALUE, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        for (const value of [UNKNOWN_VALUE, `https://${UNKNOWN_VALUE}/x`, [1, UNKNOWN_VALUE], { a: { b: UNKNOWN_VALUE } }]) {
            assert.equal(isUnknown(value), true, JSON.stringify(value));
        }
    });

    it("known values are not unknown", () => {
        for (const value of ["", "04da6b54", 0, false, null, undefined, [], {}, { a: "x" }]) {
            assert.equal(isUnknown(value), false, JSON.stringify(value));
        }
    });
});
