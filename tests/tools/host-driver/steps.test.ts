import { strict as assert } from "node:assert";
import { applyIgnoreChanges, changedKeys, containsUnknown, deletionWaves, planStep, UNKNOWN_SENTINEL, urnOf } from "../../../tools/host-driver/steps";
import type { DiffResult } from "../../../tools/host-driver/host";

const diff = (d: Partial<DiffResult>): DiffResult => ({ changes: "unknown", replaces: [], deleteBeforeReplace: false, ...d });

describe("tools/host-driver/steps", () => {
    it("changedKeys compares by value, ignoring key order, and honours the ignore list", () => {
        assert.deepEqual(changedKeys({ a: 1, b: { x: 1, y: 2 } }, { b: { y: 2, x: 1 }, a: 1 }), []);
        assert.deepEqual(changedKeys({ a: 1, b: 2, gone: true }, { a: 2, b: 2, added: 1 }), ["a", "added", "gone"]);
        assert.deepEqual(changedKeys({ __provider: "old", a: 1 }, { __provider: "new", a: 1 }, ["__provider"]), []);
    });

    it("engine imitation: ignoreChanges resets ignored inputs to their old values, or drops them", () => {
        const olds = { a: "old", b: "keep" };
        assert.deepEqual(applyIgnoreChanges(olds, { a: "new", b: "new", c: "new" }, ["a", "c"]), { a: "old", b: "new" });
        // No old state (a create): nothing to keep.
        assert.deepEqual(applyIgnoreChanges(undefined, { a: "new" }, ["a"]), { a: "new" });
    });

    it("engine imitation: a non-empty `replaces` is a replace, with deleteBeforeReplace from the diff or the option", () => {
        const p = planStep({ diff: diff({ changes: "some", replaces: ["domainName"] }), oldInputs: {}, newInputs: {} });
        assert.deepEqual(p, { op: "replace", keys: ["domainName"], deleteBeforeReplace: false });
        assert.equal(
            planStep({ diff: diff({ replaces: ["k"], deleteBeforeReplace: true }), oldInputs: {}, newInputs: {} }).deleteBeforeReplace,
            true,
        );
        assert.equal(
            planStep({ diff: diff({ replaces: ["k"] }), oldInputs: {}, newInputs: {}, deleteBeforeReplaceOption: true }).deleteBeforeReplace,
            true,
        );
    });

    it("engine imitation: DIFF_SOME updates, showing the changed inputs but not __provider", () => {
        const p = planStep({
            diff: diff({ changes: "some" }),
            oldInputs: { __provider: "v1", notifyUrl: "a", x: 1 },
            newInputs: { __provider: "v2", notifyUrl: "b", x: 1 },
        });
        assert.deepEqual(p, { op: "update", keys: ["notifyUrl"], deleteBeforeReplace: false });
    });

    it("engine imitation: DIFF_NONE is a same step even when inputs differ", () => {
        const p = planStep({ diff: diff({ changes: "none" }), oldInputs: { __provider: "v1" }, newInputs: { __provider: "v2" } });
        assert.equal(p.op, "same");
    });

    it("engine imitation: DIFF_UNKNOWN falls back to comparing inputs, so a provider code change alone updates", () => {
        assert.equal(planStep({ diff: diff({}), oldInputs: { a: 1 }, newInputs: { a: 1 } }).op, "same");
        const p = planStep({ diff: diff({}), oldInputs: { __provider: "v1", a: 1 }, newInputs: { __provider: "v2", a: 1 } });
        assert.deepEqual(p, { op: "update", keys: ["__provider"], deleteBeforeReplace: false });
    });

    it("engine imitation: a resource left with init errors is updated even when nothing changed", () => {
        assert.equal(planStep({ diff: diff({ changes: "none" }), oldInputs: {}, newInputs: {}, hasInitErrors: true }).op, "update");
    });

    it("builds URNs like the engine: children of the root stack are not qualified by its type", () => {
        const stackUrn = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
        assert.equal(urnOf("dev", "proj", "t:m:T", "n"), "urn:pulumi:dev::proj::t:m:T::n");
        assert.equal(urnOf("dev", "proj", "t:m:T", "n", stackUrn), "urn:pulumi:dev::proj::t:m:T::n");
        assert.equal(urnOf("dev", "proj", "t:m:T", "n", "urn:pulumi:dev::proj::my:C::c"), "urn:pulumi:dev::proj::my:C$t:m:T::n");
    });

    it("orders deletions dependents first, independent ones in the same wave", () => {
        const waves = deletionWaves([
            { urn: "a", dependencies: [] },
            { urn: "b", dependencies: ["a"] },
            { urn: "c", dependencies: ["b"] },
            { urn: "d", dependencies: [] },
            { urn: "e", dependencies: ["outside-the-set"] },
        ]);
        assert.deepEqual(
            waves.map((w) => [...w].sort()),
            [["c", "d", "e"], ["b"], ["a"]],
        );
    });

    it("breaks a dependency cycle instead of looping forever", () => {
        const waves = deletionWaves([
            { urn: "a", dependencies: ["b"] },
            { urn: "b", dependencies: ["a"] },
        ]);
        assert.deepEqual(waves.flat().sort(), ["a", "b"]);
    });

    it("finds the preview's unknown sentinel anywhere in a value", () => {
        assert.equal(containsUnknown({ a: [1, { b: UNKNOWN_SENTINEL }] }), true);
        assert.equal(containsUnknown({ a: [1, { b: "known" }] }), false);
    });
});
