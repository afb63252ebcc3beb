import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { findRepoRoot } from "../../../tools/repo-root";
import { enginesRange, peerRange, tableIn, testedWithTable } from "../../../tools/toolchain/tested-with";
import { CURRENT, PINNED, VERSION_SETS } from "../../../tools/toolchain/version-sets";

const root = findRepoRoot(__dirname);

describe("tools/toolchain tested-with: the README and package.json say exactly what the tests run", () => {
    it("renders one row per set with Node, SDK, CLI and language host", () => {
        const table = testedWithTable(VERSION_SETS);
        assert.match(table, /\n\| pinned \| 20\.x \| 3\.248\.0 \| v3\.248\.0 \| `sdk\/v3` v3\.68\.0 \|\n/);
        assert.match(table, /\n\| current \| 22\.23\.5 \| 3\.276\.0 \| v3\.276\.0 \| `sdk\/v3` v3\.68\.0 \|\n/);
        assert.equal(tableIn(`text\n${table}\nmore`), table);
        assert.equal(tableIn("no table here"), undefined);
    });

    it("README's Tested with table is the one the version sets render", () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        const expected = testedWithTable(VERSION_SETS);
        assert.equal(tableIn(readme), expected, `README.md's table must be:\n${expected}`);
    });

    it("package.json's engines and @pulumi/pulumi peer range are the tested ones, no wider", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
            engines: { node: string };
            peerDependencies: Record<string, string>;
            devDependencies: Record<string, string>;
        };
        assert.equal(enginesRange(VERSION_SETS), "^20 || ^22.23.5");
        assert.equal(peerRange(VERSION_SETS), ">=3.248.0 <=3.276.0");
        assert.equal(manifest.engines.node, enginesRange(VERSION_SETS));
        assert.equal(manifest.peerDependencies["@pulumi/pulumi"], peerRange(VERSION_SETS));
        assert.equal(manifest.devDependencies["@pulumi/pulumi"], PINNED.sdk, "the repository's own SDK is the pinned set's");
    });

    it("the current set's lockfile installs the set's @pulumi/pulumi", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(root, "tools", "toolchain", "current-packages", "package-lock.json"), "utf8")) as {
            packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
        };
        assert.equal(lock.packages[""].dependencies!["@pulumi/pulumi"], CURRENT.sdk);
        assert.equal(lock.packages["node_modules/@pulumi/pulumi"].version, CURRENT.sdk);
    });
});
