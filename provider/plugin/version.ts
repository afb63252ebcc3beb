/**
 * The plugin's version: the npm package's. The schema states it and GetPluginInfo reports it; the
 * engine looks plugins up by it, so the two must never differ (pulumi/pulumi#18387).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** dist/provider/plugin/ -> the package root. */
const PACKAGE_JSON = path.join(__dirname, "..", "..", "..", "package.json");

let version: string | undefined;

export function pluginVersion(): string {
    return (version ??= (JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version: string }).version);
}
