/**
 * The repository root, found from any file under it (source or compiled into dist/ or .build/): the one
 * place tools, bench and tests learn where package.json, node_modules, examples/ and scripts/ are.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root above a compiled file: the nearest folder with package.json and node_modules. */
export function findRepoRoot(from: string): string {
    let dir = path.resolve(from);
    for (;;) {
        if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "node_modules"))) return dir;
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error(`no repository root above ${from}`);
        dir = parent;
    }
}
