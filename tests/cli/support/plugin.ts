/**
 * Where the CLI suite finds the npm package's provider plugin: this checkout's `bin/` folder (its
 * `pulumi-resource-alicloud-live` runs the build in dist/), as a `plugins.providers` path. The released
 * plugin, as users of the other languages get it, is `plugin-release.ts`'s.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./programs";

export const PLUGIN_DIR = path.join(REPO_ROOT, "bin");
export { RESOURCE_TYPE } from "../../../provider/plugin/schema";

/** A program folder from tests/cli/fixtures/NAME, with the repository's node_modules (its SDK and ts-node). */
export function copyPluginProgram(name: string, dest: string): string {
    fs.cpSync(path.join(REPO_ROOT, "tests", "cli", "fixtures", name), dest, { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dest, "node_modules"), "dir");
    return dest;
}
