import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { fromStruct, SECRET_SIG, SIG_KEY, toStruct } from "../../../provider/plugin/properties";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("plugin/properties (Structs and secrets on the wire)", () => {
    it("unwraps secrets and remembers which properties arrived secret", () => {
        const { values, secrets } = fromStruct(Struct.fromJavaScript({ notifyUrl: secret("https://a.example.com/"), domainName: "d.example.com" }));
        assert.deepEqual(values, { notifyUrl: "https://a.example.com/", domainName: "d.example.com" });
        assert.deepEqual([...secrets], ["notifyUrl"]);
    });

    it("a secret nested in a list makes the top-level property secret", () => {
        const { values, secrets } = fromStruct(Struct.fromJavaScript({ list: ["a", secret("b")] }));
        assert.deepEqual(values, { list: ["a", "b"] });
        assert.ok(secrets.has("list"));
    });

    it("wraps notifyAuthKey always, and what arrived secret; leaves out undefined", () => {
        const struct = toStruct({ notifyAuthKey: "k", notifyUrl: "u", domainName: "d", onDemandUrl: undefined }, new Set(["notifyUrl"]));
        assert.deepEqual(struct.toJavaScript(), { notifyAuthKey: secret("k"), notifyUrl: secret("u"), domainName: "d" });
    });

    it("reads an absent Struct (an import's Read) as an empty bag", () => {
        assert.deepEqual(fromStruct(undefined), { values: {}, secrets: new Set() });
    });

    it("passes the engine's unknown sentinel through untouched (previews)", () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.deepEqual(fromStruct(Struct.fromJavaScript({ notifyUrl: unknown })).values, { notifyUrl: unknown });
    });
});
