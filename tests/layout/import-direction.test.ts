/**
 * Imports run one way (docs/development.md, "Layout"): tests -> tools and bench -> the product (provider/,
 * emulator/); examples use only the package's public entry points; nothing outside tests/ imports from
 * tests/; the emulator shares no code with the provider. The rules are data by top-level folder (so
 * subfolders can move freely), read from the source files' import, export, require and import() specifiers
 * with the TypeScript compiler's own pre-processor.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { findRepoRoot } from "../../tools/repo-root";

const PACKAGE = "pulumi-alicloud-live";
/** The package's public entry points (package.json `exports`, minus package.json and the dist/* escape hatch). */
const ENTRY_POINTS: Readonly<Record<string, string>> = {
    [PACKAGE]: "provider",
    [`${PACKAGE}/callbacks`]: "provider",
    [`${PACKAGE}/client`]: "provider",
    [`${PACKAGE}/emulator`]: "emulator",
    [`${PACKAGE}/plugin`]: "provider",
};

interface Rule {
    /** Top-level folders this folder's files may import from (relatively or through the package's dist/). */
    readonly may: readonly string[];
    /** Whether the package's public entry points are allowed (they reach the product as a user does). */
    readonly entryPoints: boolean;
    /** Relative imports must stay inside the file's own second-level folder (one example may not use another). */
    readonly ownFolderOnly?: boolean;
}

export const RULES: Readonly<Record<string, Rule>> = {
    provider: { may: ["provider"], entryPoints: true },
    emulator: { may: ["emulator"], entryPoints: false },
    tools: { may: ["tools", "provider", "emulator"], entryPoints: true },
    bench: { may: ["bench", "tools", "provider", "emulator"], entryPoints: true },
    tests: { may: ["tests", "bench", "tools", "provider", "emulator", "examples"], entryPoints: true },
    examples: { may: ["examples"], entryPoints: true, ownFolderOnly: true },
};

const SOURCE = /\.(ts|js|mjs|cjs)$/;
/** The package's own package.json. */
const MANIFEST = "package.json";
const SKIP = new Set(["node_modules", "dist", ".build"]);

/** The repository-relative place an import lands in, or undefined for a dependency outside the repository. */
function targetOf(file: string, specifier: string): string | undefined {
    if (specifier.startsWith(".")) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        // Climbing out of the repository from the source, the path is written for the compiled file
        // (dist/<the same path>): provider/plugin/package-facts.ts requires the package's own package.json so.
        if (target.startsWith("../")) return path.posix.normalize(path.posix.join("dist", path.posix.dirname(file), specifier));
        // Compiled paths (emulator/bin.js -> dist/emulator/cli.js) stand for their sources.
        return target.startsWith("dist/") ? target.slice("dist/".length) : target;
    }
    if (specifier.startsWith(`${PACKAGE}/dist/`)) return specifier.slice(`${PACKAGE}/dist/`.length);
    return undefined;
}

/** Every import in `files` (repository-relative path -> source text) that breaks a rule, as "file: import (why)". */
export function violations(files: ReadonlyMap<string, string>): string[] {
    const found: string[] = [];
    for (const [file, text] of files) {
        const [top, second] = file.split("/");
        const rule = RULES[top];
        if (!rule) {
            found.push(`${file}: no import rule for the folder ${top}/ (add one to RULES and to docs/development.md)`);
            continue;
        }
        for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
            if (specifier in ENTRY_POINTS) {
                if (!rule.entryPoints) found.push(`${file}: ${specifier} (${top}/ may not use the package)`);
                continue;
            }
            const target = targetOf(file, specifier);
            // The package's manifest is data, not code: any folder may read it.
            if (target === MANIFEST) continue;
            if (target === undefined) {
                if (specifier.startsWith(`${PACKAGE}/`)) found.push(`${file}: ${specifier} (not a public entry point)`);
                continue;
            }
            const [targetTop, targetSecond] = target.split("/");
            const viaPackage = !specifier.startsWith(".");
            if (top === "examples" && viaPackage) {
                found.push(`${file}: ${specifier} (examples use only the public entry points)`);
            } else if (!rule.may.includes(targetTop)) {
                found.push(`${file}: ${specifier} (${top}/ may not import from ${targetTop}/)`);
            } else if (rule.ownFolderOnly && targetSecond !== second) {
                found.push(`${file}: ${specifier} (outside its own folder ${top}/${second}/)`);
            }
        }
    }
    return found;
}

/** Folders of tools/ (its files at the top count as one folder, "tools/") whose imports go round in a cycle. */
export function toolCycles(files: ReadonlyMap<string, string>): string[] {
    const folderOf = (p: string) => (p.split("/").length > 2 ? p.split("/").slice(0, 2).join("/") : "tools");
    const edges = new Map<string, Set<string>>();
    for (const [file, text] of files) {
        if (!file.startsWith("tools/")) continue;
        for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
            const target = specifier.startsWith(".") ? targetOf(file, specifier) : undefined;
            if (!target?.startsWith("tools/") || folderOf(target) === folderOf(file)) continue;
            edges.set(folderOf(file), (edges.get(folderOf(file)) ?? new Set()).add(folderOf(target)));
        }
    }
    const cycles: string[] = [];
    const walk = (folder: string, trail: string[]) => {
        for (const next of edges.get(folder) ?? []) {
            if (next === trail[0]) cycles.push([...trail, next].join(" -> "));
            else if (!trail.includes(next) && next > trail[0]) walk(next, [...trail, next]);
        }
    };
    for (const folder of [...edges.keys()].sort()) walk(folder, [folder]);
    return cycles;
}

/** The source files under the folders the compiler builds (tsconfig `include`), repository-relative. */
function sourceFiles(root: string): Map<string, string> {
    const tsconfig = ts.readConfigFile(path.join(root, "tsconfig.json"), (p) => fs.readFileSync(p, "utf8"));
    const folders = (tsconfig.config as { include: string[] }).include;
    const files = new Map<string, string>();
    const walk = (rel: string) => {
        for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
            const child = `${rel}/${entry.name}`;
            if (entry.isDirectory() && !SKIP.has(entry.name)) walk(child);
            else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts"))
                files.set(child, fs.readFileSync(path.join(root, child), "utf8"));
        }
    };
    for (const folder of folders) walk(folder);
    return files;
}

describe("layout: imports run one way", () => {
    it("no source file imports against the direction (tests -> tools, bench -> product; examples -> entry points)", () => {
        const files = sourceFiles(findRepoRoot(__dirname));
        assert.ok(files.size > 300, `only ${files.size} source files found`);
        assert.deepEqual(violations(files), []);
    });

    it("the folders of tools/ import each other without a cycle", () => {
        assert.deepEqual(toolCycles(sourceFiles(findRepoRoot(__dirname))), []);
        const cycle = new Map([
            ["tools/host-driver/project-dir.ts", 'export { findRepoRoot } from "../pulumi-cli/example-project";'],
            ["tools/pulumi-cli/program-dir.ts", 'import { installedCopyProjectDir } from "../host-driver/project-dir";'],
        ]);
        assert.deepEqual(toolCycles(cycle), ["tools/host-driver -> tools/pulumi-cli -> tools/host-driver"]);
    });

    it("every compiled folder has a rule", () => {
        const root = findRepoRoot(__dirname);
        const tsconfig = ts.readConfigFile(path.join(root, "tsconfig.json"), (p) => fs.readFileSync(p, "utf8"));
        assert.deepEqual([...(tsconfig.config as { include: string[] }).include].sort(), Object.keys(RULES).sort());
    });

    it("names each kind of offence with the file and the import", () => {
        const found = violations(
            new Map([
                ["bench/pipelines.ts", 'import { startRedisServer } from "../tests/support/redis-server";'],
                ["tools/x/y.ts", 'const z = require("../../tests/support/z");'],
                ["provider/api/a.ts", 'import { startEmulator } from "../../emulator";'],
                ["emulator/b.ts", 'import type { Foo } from "pulumi-alicloud-live";'],
                ["examples/demo/index.ts", 'import { startEmulator } from "../../emulator";'],
                ["examples/basic/index.ts", 'import { x } from "pulumi-alicloud-live/dist/provider/api/errors";'],
                ["examples/basic/other.ts", 'import { y } from "../callback-receiver/receiver";'],
                ["newfolder/c.ts", 'import "./d";'],
                ["provider/plugin/f.ts", 'const g = require("../../../emulator/index.js");'],
                // Allowed: the same four shapes in the right direction.
                ["tests/bench/x.test.ts", 'import { a } from "../../bench/args"; import { b } from "../../tools/redis/server";'],
                [
                    "examples/callback-receiver/index.ts",
                    'import { LiveRecordNotifyConfig } from "pulumi-alicloud-live"; import { r } from "./receiver";',
                ],
                ["emulator/bin.js", 'require("../dist/emulator/cli.js");'],
                ["provider/dynamic/handler.ts", 'require("pulumi-alicloud-live/dist/provider/dynamic/provider.js");'],
                ["provider/plugin/package-facts.ts", 'const m = require("../../../package.json");'],
            ]),
        );
        assert.deepEqual(found, [
            "bench/pipelines.ts: ../tests/support/redis-server (bench/ may not import from tests/)",
            "tools/x/y.ts: ../../tests/support/z (tools/ may not import from tests/)",
            "provider/api/a.ts: ../../emulator (provider/ may not import from emulator/)",
            "emulator/b.ts: pulumi-alicloud-live (emulator/ may not use the package)",
            "examples/demo/index.ts: ../../emulator (examples/ may not import from emulator/)",
            "examples/basic/index.ts: pulumi-alicloud-live/dist/provider/api/errors (examples use only the public entry points)",
            "examples/basic/other.ts: ../callback-receiver/receiver (outside its own folder examples/basic/)",
            "newfolder/c.ts: no import rule for the folder newfolder/ (add one to RULES and to docs/development.md)",
            "provider/plugin/f.ts: ../../../emulator/index.js (provider/ may not import from emulator/)",
        ]);
    });
});
