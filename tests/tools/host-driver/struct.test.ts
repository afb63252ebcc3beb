import { strict as assert } from "node:assert";
import { loadSdk } from "../../../tools/host-driver/sdk";
import { fromStruct, toStruct, unencodablePath } from "../../../tools/host-driver/struct";

describe("tools/host-driver/struct", () => {
    const sdk = loadSdk();

    it("round-trips nested values through google.protobuf.Struct", () => {
        const value = { s: "x", n: 1.5, b: true, nil: null, list: [1, "a", { k: false }], obj: { deep: { er: "y" } } };
        assert.deepEqual(fromStruct(toStruct(sdk, value)), value);
        assert.deepEqual(fromStruct(undefined), {});
    });

    it("names the path of a value a Struct cannot carry, as the host would fail on it", () => {
        assert.deepEqual(unencodablePath({ a: { b: [1, undefined] } }, ""), { path: "a.b[1]", reason: "undefined" });
        assert.equal(unencodablePath({ big: 1n }, "")?.path, "big");
        assert.equal(unencodablePath({ when: new Date(0) }, "")?.reason, "a Date object");
        assert.throws(() => toStruct(sdk, { outs: { x: undefined } }), /property outs\.x cannot be sent over gRPC: undefined/);
    });
});
