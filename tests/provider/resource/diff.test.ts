import { strict as assert } from "node:assert";
import { changedFields, diffConfig } from "../../../provider/resource/diff";
import { UNKNOWN_VALUE } from "../../../provider/resource/unknown";
import { KEY } from "./fixtures";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

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
        assert.deepEqual(diffConfig(RN, OLDS, NEWS), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("a change of the provider's code alone is no change", () => {
        assert.equal(diffConfig(RN, OLDS, { ...NEWS, __provider: "new provider text" }).changes, false);
    });

    it("adoptExisting alone is no change", () => {
        assert.equal(diffConfig(RN, OLDS, { ...NEWS, adoptExisting: true }).changes, false);
        assert.equal(diffConfig(RN, { ...OLDS, adoptExisting: true }, { ...NEWS, adoptExisting: false }).changes, false);
    });

    it("ignores key order, blank versus absent, an omitted false and domain case", () => {
        const olds = { domainName: "live.example.com", notifyUrl: "https://a.example.com", needStatusNotify: false, notifyReqAuth: false };
        const news = { notifyReqAuth: undefined, notifyUrl: "https://a.example.com", onDemandUrl: "", domainName: "LIVE.example.com" };
        assert.deepEqual(changedFields(RN, olds, news), []);
    });

    it("a new domain replaces", () => {
        assert.deepEqual(diffConfig(RN, OLDS, { ...NEWS, domainName: "other.example.com" }), {
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
            assert.deepEqual(diffConfig(RN, OLDS, news), { changes: true, replaces: [], deleteBeforeReplace: false });
            assert.deepEqual(changedFields(RN, OLDS, news), [field]);
        });
    }

    it("an optional property set where there was none is a change", () => {
        const olds = { domainName: "live.example.com", notifyUrl: "https://a.example.com", needStatusNotify: false, notifyReqAuth: false };
        assert.deepEqual(changedFields(RN, olds, { ...olds, onDemandUrl: "https://b.example.com" }), ["onDemandUrl"]);
    });

    it("lists every changed field", () => {
        assert.deepEqual(
            changedFields(RN, OLDS, { ...NEWS, notifyUrl: "https://x.example.com", needStatusNotify: false, domainName: "y.example.com" }),
            ["domainName", "notifyUrl", "needStatusNotify"],
        );
    });

    it("unknown values count as changes; an unknown domain replaces", () => {
        assert.deepEqual(diffConfig(RN, OLDS, { ...NEWS, notifyUrl: UNKNOWN_VALUE }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(diffConfig(RN, OLDS, { ...NEWS, domainName: UNKNOWN_VALUE }).replaces, ["domainName"]);
        // Even when the old value happens to be the sentinel text.
        assert.equal(diffConfig(RN, { ...OLDS, notifyUrl: UNKNOWN_VALUE }, { ...NEWS, notifyUrl: UNKNOWN_VALUE }).changes, true);
    });
});
