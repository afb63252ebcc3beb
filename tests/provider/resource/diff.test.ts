import { strict as assert } from "node:assert";
import { changedFields, diffConfig } from "../../../provider/resource/diff";
import { UNKNOWN_VALUE } from "../../../provider/resource/unknown";
import { KEY } from "./fixtures";

/** Old outputs as create stored them, with the host's __provider. */
const OLDS = {
    domainName: "live.example.com",
    notifyUrl: "https://callbacks.example.com/live",
    onDemandUrl: "https://callbacks.example.com/od",
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: KEY,
    __provider: "old provider text",
};
const NEWS = { ...OLDS, __provider: "old provider text" };

describe("resource/diff", () => {
    it("no change when the checked inputs equal the outputs", () => {
        assert.deepEqual(diffConfig(OLDS, NEWS), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("a change of the provider's code alone is no change", () => {
        assert.equal(diffConfig(OLDS, { ...NEWS, __provider: "new provider text" }).changes, false);
    });

    it("adoptExisting alone is no change", () => {
        assert.equal(diffConfig(OLDS, { ...NEWS, adoptExisting: true }).changes, false);
        assert.equal(diffConfig({ ...OLDS, adoptExisting: true }, { ...NEWS, adoptExisting: false }).changes, false);
    });

    it("ignores key order, blank versus absent, an omitted false and domain case", () => {
        const olds = { domainName: "live.example.com", notifyUrl: "https://a.example.com", needStatusNotify: false, notifyReqAuth: false };
        const news = { notifyReqAuth: undefined, notifyUrl: "https://a.example.com", onDemandUrl: "", domainName: "LIVE.example.com" };
        assert.deepEqual(changedFields(olds, news), []);
    });

    it("a new domain replaces", () => {
        assert.deepEqual(diffConfig(OLDS, { ...NEWS, domainName: "other.example.com" }), {
            changes: true,
            replaces: ["domainName"],
            deleteBeforeReplace: false,
        });
    });

    const updates: ReadonlyArray<readonly [string, unknown]> = [
        ["notifyUrl", "https://callbacks.example.com/v2"],
        ["onDemandUrl", undefined],
        ["onDemandUrl", "https://callbacks.example.com/od2"],
        ["needStatusNotify", false],
        ["notifyReqAuth", false],
        ["notifyAuthKey", "Zyxwvutsrq9876543210"],
        ["notifyAuthKey", undefined],
    ];
    for (const [field, value] of updates) {
        it(`${field} -> ${String(value)} updates in place`, () => {
            const news: Record<string, unknown> = { ...NEWS, [field]: value };
            assert.deepEqual(diffConfig(OLDS, news), { changes: true, replaces: [], deleteBeforeReplace: false });
            assert.deepEqual(changedFields(OLDS, news), [field]);
        });
    }

    it("an optional property set where there was none is a change", () => {
        const olds = { domainName: "live.example.com", notifyUrl: "https://a.example.com", needStatusNotify: false, notifyReqAuth: false };
        assert.deepEqual(changedFields(olds, { ...olds, onDemandUrl: "https://b.example.com" }), ["onDemandUrl"]);
    });

    it("lists every changed field", () => {
        assert.deepEqual(changedFields(OLDS, { ...NEWS, notifyUrl: "https://x.example.com", needStatusNotify: false, domainName: "y.example.com" }), [
            "domainName",
            "notifyUrl",
            "needStatusNotify",
        ]);
    });

    it("unknown values count as changes; an unknown domain replaces", () => {
        assert.deepEqual(diffConfig(OLDS, { ...NEWS, notifyUrl: UNKNOWN_VALUE }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(diffConfig(OLDS, { ...NEWS, domainName: UNKNOWN_VALUE }).replaces, ["domainName"]);
        // Even when the old value happens to be the sentinel text.
        assert.equal(diffConfig({ ...OLDS, notifyUrl: UNKNOWN_VALUE }, { ...NEWS, notifyUrl: UNKNOWN_VALUE }).changes, true);
    });
});
