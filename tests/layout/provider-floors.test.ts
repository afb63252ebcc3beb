/**
 * provider/ is built in floors, and imports only go down them (CONTRIBUTING.md, "The product's layout"):
 * the signed call (api/), pacing (retry/), the quota store (quota/), the generic machinery every resource
 * runs on (resource/), the resources' definitions (resources/), the typed programmatic client (client/),
 * and the front doors (dynamic/, plugin/, then plugin-sdk/, which takes types and tokens from both).
 * callbacks/ stands alone. The floors are data; the exceptions are named with their reason.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { findRepoRoot } from "../../tools/repo-root";

/** Each floor of provider/, lowest first; a folder may import its own floor's folders only when listed together. */
export const FLOORS: readonly (readonly string[])[] = [
    ["api"],
    ["retry"],
    ["quota"],
    ["resource"],
    ["resources"],
    ["client"],
    ["dynamic", "plugin"],
    ["plugin-sdk"],
];

/** Imports allowed against the floors, each with its reason. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
    ["provider/resource/handler.ts", "kept for stacks written by 0.1.x: re-exports the dynamic handler"],
    ["provider/resource/provider.ts", "kept for stacks written by 0.1.x: re-exports the dynamic provider"],
    ["provider/resource/dynamic-handle.ts", "a serialized handle loads the dynamic provider by package name when the host calls it"],
]);

const PACKAGE_DIST = "pulumi-alicloud-live/dist/provider/";

function floorOf(folder: string): number {
    return FLOORS.findIndex((floor) => floor.includes(folder));
}

/** The provider/ folder an import of `file` lands in, or undefined when it leaves provider/ or names a file at its top. */
function targetFolder(file: string, specifier: string): string | undefined {
    let target: string;
    if (specifier.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    else if (specifier.startsWith(PACKAGE_DIST)) target = `provider/${specifier.slice(PACKAGE_DIST.length)}`;
    else return undefined;
    const [top, folder, ...rest] = target.split("/");
    return top === "provider" && rest.length > 0 ? folder : undefined;
}

/** Every import of `files` (repository-relative path -> text) that goes up a floor or leaves callbacks/, as "file: import (why)". */
export function floorViolations(files: ReadonlyMap<string, string>): string[] {
    const found: string[] = [];
    for (const [file, text] of files) {
        const [top, folder, ...rest] = file.split("/");
        if (top !== "provider" || rest.length === 0 || EXCEPTIONS.has(file)) continue;
        for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
            const target = targetFolder(file, specifier);
            if (target === undefined || target === folder) continue;
            if (folder === "callbacks" || target === "callbacks") {
                found.push(`${file}: ${specifier} (callbacks/ stands alone)`);
                continue;
            }
            const from = floorOf(folder);
            const to = floorOf(target);
            if (from < 0) found.push(`${file}: provider/${folder}/ is on no floor (add it to FLOORS and to docs/development.md)`);
            else if (to >= from) found.push(`${file}: ${specifier} (${folder}/ may not import from ${target}/, which is not below it)`);
        }
    }
    return found;
}

function providerFiles(root: string): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (rel: string) => {
        for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
            const child = `${rel}/${entry.name}`;
            if (entry.isDirectory()) walk(child);
            else if (entry.isFile() && child.endsWith(".ts") && !child.endsWith(".d.ts"))
                files.set(child, fs.readFileSync(path.join(root, child), "utf8"));
        }
    };
    walk("provider");
    return files;
}

describe("layout: provider/'s floors", () => {
    it("no file of provider/ imports from a floor above its own, and callbacks/ imports no other folder", () => {
        const files = providerFiles(findRepoRoot(__dirname));
        assert.ok(files.size > 80, `only ${files.size} provider files found`);
        assert.deepEqual(floorViolations(files), []);
    });

    it("names an upward import, a sideways one and an unknown folder", () => {
        const bad = new Map([
            ["provider/api/rpc.ts", 'import { retryTarget } from "../resource/retry-target";'],
            ["provider/dynamic/x.ts", 'import { packageSchema } from "../plugin/schema";'],
            ["provider/newfloor/x.ts", 'import type { Bag } from "../api/types";'],
            ["provider/resources/x/definition.ts", 'import { ResourceDefinition } from "../../resource/definition";'],
            ["provider/callbacks/x.ts", 'import type { Bag } from "../api/types";'],
        ]);
        assert.deepEqual(floorViolations(bad), [
            "provider/api/rpc.ts: ../resource/retry-target (api/ may not import from resource/, which is not below it)",
            "provider/dynamic/x.ts: ../plugin/schema (dynamic/ may not import from plugin/, which is not below it)",
            "provider/newfloor/x.ts: provider/newfloor/ is on no floor (add it to FLOORS and to docs/development.md)",
            "provider/callbacks/x.ts: ../api/types (callbacks/ stands alone)",
        ]);
    });
});
