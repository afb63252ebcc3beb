/**
 * The docs' generated tables (tools/docs-tables/regions.ts: the settings, each resource's properties, every
 * action's quota) are what the product's tables make of them now; `npm run docs-tables` rewrites them.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { withTable } from "../../provider/resource/docs-tables";
import { RESOURCES } from "../../provider/resources";
import { findRepoRoot } from "../../tools/repo-root";
import { generatedRegions } from "../../tools/docs-tables/regions";

const ROOT = findRepoRoot(__dirname);

describe("docs: the generated tables", () => {
    it("every resource has a reference page, and each generated table in the docs is current", () => {
        const regions = generatedRegions();
        for (const definition of RESOURCES)
            assert.ok(
                regions.some((r) => r.file === definition.docsPage),
                `${definition.type} has a page`,
            );
        for (const region of regions) {
            const text = fs.readFileSync(path.join(ROOT, region.file), "utf8");
            const current = withTable(text, region.markers, region.table);
            assert.ok(current !== undefined, `${region.file} has the ${region.markers.start} region`);
            assert.equal(current, text, `${region.file}'s ${region.markers.start} table is stale: run \`npm run docs-tables\``);
        }
    });

    it("a stale table would be found", () => {
        const region = generatedRegions().find((r) => r.markers.start.includes("LiveSnapshotNotifyConfig"))!;
        const stale = `${region.markers.start}\n| old |\n${region.markers.end}\n`;
        assert.notEqual(withTable(stale, region.markers, region.table), stale);
        assert.equal(withTable("no markers", region.markers, region.table), undefined);
    });
});
