import { strict as assert } from "node:assert";
import { buildRecipe } from "../../../tools/pulumi-cli/recipe";
import { CURRENT, mismatches, PINNED, setLabel } from "../../../tools/toolchain/version-sets";

describe("tools/toolchain version-sets", () => {
    it("the pinned set is the repository's SDK and the CLI built at its version (the pinned cache folder)", () => {
        assert.equal(PINNED.cli.version, PINNED.sdk);
        assert.equal(buildRecipe(PINNED.cli).fingerprint, buildRecipe(PINNED.sdk).fingerprint);
    });

    it("the current set's CLI is its SDK's version, built with the same recipe, less the Python and Java hosts (the pinned set's only)", () => {
        assert.equal(CURRENT.cli.version, CURRENT.sdk);
        assert.deepEqual(
            buildRecipe(CURRENT.cli).binaries.map((b) => b.name),
            buildRecipe(PINNED.cli)
                .binaries.map((b) => b.name)
                .filter((name) => name !== "pulumi-language-python" && name !== "pulumi-language-java"),
        );
        assert.ok(buildRecipe(PINNED.cli).executables.includes("pulumi-language-python-exec"));
        assert.ok(buildRecipe(PINNED.cli).executables.includes("pulumi-language-java"));
    });

    it("labels a line with the versions that ran", () => {
        assert.equal(
            setLabel("current", { node: "v22.23.5", sdk: "3.276.0", cli: "v3.276.0" }),
            "[current set: Node v22.23.5, @pulumi/pulumi 3.276.0, CLI v3.276.0]",
        );
    });

    it("finds every difference between what ran and what a set declares (Node by major for the pinned set)", () => {
        assert.deepEqual(mismatches(CURRENT, { node: "v22.23.5", sdk: "3.276.0", cli: "v3.276.0" }), []);
        assert.deepEqual(mismatches(PINNED, { node: "v20.1.0", sdk: "3.248.0", cli: "v3.248.0" }), []);
        assert.deepEqual(mismatches(CURRENT, { node: "v22.23.4", sdk: "3.275.0", cli: "v3.274.1" }), [
            "Node v22.23.4 is not the current set's Node 22.23.5",
            "@pulumi/pulumi 3.275.0 is not the current set's 3.276.0",
            "CLI v3.274.1 is not the current set's v3.276.0",
        ]);
        assert.deepEqual(mismatches(PINNED, { node: "v22.1.0", sdk: "3.248.0", cli: "v3.248.0" }), ["Node v22.1.0 is not the pinned set's Node 20"]);
    });
});
