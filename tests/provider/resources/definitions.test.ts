/**
 * The resources' definitions are well formed, so the machinery that reads them can rely on it: identity
 * properties exist and replace, wire names are unique, at most one secret, conditions name a flag, only
 * optional strings clear; and the list, the entry points and the test cases name every resource.
 */
import { strict as assert } from "node:assert";
import * as root from "../../../provider";
import * as plugin from "../../../provider/plugin-sdk";
import { RESOURCES } from "../../../provider/resources";
import { RESOURCE_CASES } from "../../support/resource-cases";

describe("resources: the definitions", () => {
    for (const definition of RESOURCES) {
        describe(definition.type, () => {
            const byName = new Map(definition.properties.map((p) => [p.name, p]));

            it("names each property once, and each parameter once", () => {
                assert.equal(byName.size, definition.properties.length);
                const params = definition.properties.flatMap((p) => (p.wire ? [p.wire.name] : []));
                assert.equal(new Set(params).size, params.length);
            });

            it("its identity properties exist, are strings that replace and are sent, the required ones first", () => {
                assert.ok(definition.binding.identity.length > 0);
                const required = definition.binding.identity.map((name) => byName.get(name)?.required === true);
                assert.equal(required[0], true, "the first is required");
                assert.ok(
                    required.every((r, i) => r || !required.slice(i).includes(true)),
                    "an optional one comes last",
                );
                for (const name of definition.binding.identity) {
                    const spec = byName.get(name);
                    assert.ok(spec, `${name} is a property`);
                    assert.deepEqual([spec.type, spec.replaces, spec.wire !== undefined], ["string", true, true], name);
                }
            });

            it("has at most one secret, conditions on flags it has, and clears only optional strings", () => {
                assert.ok(definition.properties.filter((p) => p.secret).length <= 1);
                for (const spec of definition.properties) {
                    if (spec.requiredWhen) assert.equal(byName.get(spec.requiredWhen.property)?.type, "boolean", `${spec.name}'s condition`);
                    if (spec.clearWith !== undefined) assert.deepEqual([spec.type, spec.required], ["string", false], `${spec.name} clears`);
                    if (!spec.output) assert.equal(spec.wire, undefined, `${spec.name}: an option is not sent`);
                }
            });

            it("gives every action a positive quota and where it comes from", () => {
                for (const action of Object.values(definition.binding.actions)) {
                    assert.ok(action.qps > 0 && action.source.length > 0, action.name);
                }
            });

            it("has a class in both TypeScript entry points and a test case", () => {
                assert.equal(typeof (root as Record<string, unknown>)[definition.type], "function", "pulumi-alicloud-live");
                assert.equal(typeof (plugin as Record<string, unknown>)[definition.type], "function", "pulumi-alicloud-live/plugin");
                assert.ok(
                    RESOURCE_CASES.some((c) => c.definition === definition),
                    "tests/support/resource-cases.ts",
                );
            });
        });
    }
});
