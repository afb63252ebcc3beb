/**
 * `npm run docs-tables`: writes every generated table into its docs page (regions.ts), between its
 * markers. A page missing its markers is an error naming the page and the markers to add.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withTable } from "../../provider/resource/docs-tables";
import { findRepoRoot } from "../repo-root";
import { generatedRegions } from "./regions";

const root = findRepoRoot(__dirname);
let failed = false;
for (const region of generatedRegions()) {
    const file = path.join(root, region.file);
    const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const after = withTable(before, region.markers, region.table);
    if (after === undefined) {
        process.stderr.write(
            `docs-tables: ${region.file} has no ${region.markers.start} ... ${region.markers.end} region; add the two markers where the table goes\n`,
        );
        failed = true;
        continue;
    }
    if (after !== before) {
        fs.writeFileSync(file, after);
        process.stdout.write(`docs-tables: wrote ${region.file} (${region.markers.start})\n`);
    }
}
process.exitCode = failed ? 1 : 0;
