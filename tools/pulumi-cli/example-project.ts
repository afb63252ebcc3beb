/**
 * A project folder for one of this repository's examples, as a user has it after `npm install`:
 * the example's own files copied into `dest`, and `node_modules` linked to the repository's, where
 * `pulumi-alicloud-live` is this checkout (built into dist/). Nothing is written into examples/.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function copyExample(repoRoot: string, name: string, dest: string): string {
    const source = path.join(repoRoot, "examples", name);
    fs.mkdirSync(dest, { recursive: true });
    for (const file of fs.readdirSync(source)) {
        if (file === "node_modules" || /^Pulumi\..+\.yaml$/.test(file)) continue;
        fs.cpSync(path.join(source, file), path.join(dest, file), { recursive: true });
    }
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dest, "node_modules"), "dir");
    return dest;
}
