import { strict as assert } from "node:assert";
import { emptyCounts, formatEvent, formatSummary, shortType } from "../../../tools/host-driver/format";

const T = "pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig";

describe("tools/host-driver/format", () => {
    it("prints each step kind with the CLI's symbols and the property names", () => {
        assert.equal(shortType(T), "LiveRecordNotifyConfig");
        const step = (op: "create" | "update" | "replace" | "delete" | "same", keys: string[] = []) =>
            formatEvent({ kind: "step", op, type: T, name: "live1", keys });
        assert.equal(step("create"), "+ create LiveRecordNotifyConfig live1");
        assert.equal(step("update", ["notifyUrl"]), "~ update LiveRecordNotifyConfig live1 [notifyUrl]");
        assert.equal(step("replace", ["domainName"]), "+- replace LiveRecordNotifyConfig live1 [domainName]");
        assert.equal(step("delete"), "- delete LiveRecordNotifyConfig live1");
        assert.equal(step("same"), "= same LiveRecordNotifyConfig live1");
        assert.match(formatEvent({ kind: "step", op: "delete", type: T, name: "x", keys: [], retained: true }), /retainOnDelete/);
    });

    it("prints refresh findings and failures", () => {
        assert.equal(
            formatEvent({ kind: "refresh", type: T, name: "live3", outcome: "drift", keys: ["onDemandUrl"] }),
            "~ refresh LiveRecordNotifyConfig live3: drift in onDemandUrl",
        );
        assert.match(formatEvent({ kind: "refresh", type: T, name: "live3", outcome: "gone", keys: [] }), /gone/);
        assert.match(formatEvent({ kind: "refresh", type: T, name: "live3", outcome: "unchanged", keys: [] }), /no drift/);
        assert.equal(
            formatEvent({ kind: "failure", op: "create", type: T, name: "x", message: "boom" }),
            "! create LiveRecordNotifyConfig x failed: boom",
        );
    });

    it("summarises counts, in the future tense for a preview", () => {
        const c = { ...emptyCounts(), create: 2, same: 1 };
        assert.equal(formatSummary(c, false), "Resources: 2 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged");
        assert.match(formatSummary(c, true), /^Resources: 2 to create/);
    });
});
