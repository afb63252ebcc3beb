/**
 * The docs name only what the package exports, and document every entry point it has. The entry points
 * are read from package.json's `exports` (each `types` path mapped back to its source file); their
 * exported names from the compiler. Checked:
 * - every entry point (`pulumi-alicloud-live`, `pulumi-alicloud-live/<sub>`) is written somewhere in the docs;
 * - every name a code block imports from an entry point (any language, checked or not) is exported by it;
 * - a type or constant name (`PascalCase`, `UPPER_SNAKE`) in backticks in the prose of the user docs that a
 *   file of `provider/` or `emulator/` declares is exported by some entry point, unless the same line names
 *   the source file it lives in (the docs may point at code, but must not present it as the package's).
 * docs/development.md is about the code itself and is read by the first two checks only.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { codeBlocks, docFiles, proseLines, readDoc } from "../support/markdown";
import { repoRoot } from "../provider/resource/fixtures";

const PACKAGE = "pulumi-alicloud-live";
/** Docs about the code itself, where internal names are the subject. */
const INTERNAL_DOCS = new Set(["docs/development.md"]);
/** The folders whose declarations a user doc could present as the package's. */
const SOURCE_FOLDERS = ["provider", "emulator"];

/** An entry point: its import specifier and its source file (relative to the repository root). */
interface Entry {
    readonly specifier: string;
    readonly source: string;
}

/** package.json's `exports` with `types`, e.g. `./client` -> `pulumi-alicloud-live/client`, `provider/api/client.ts`. */
function entries(root: string): Entry[] {
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    return Object.entries(manifest.exports).flatMap(([subpath, target]) => {
        const types = typeof target === "object" && target !== null ? (target as { types?: unknown }).types : undefined;
        if (typeof types !== "string") return []; // ./package.json, and ./dist/* for serialized providers
        const source = types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, ".ts");
        return [{ specifier: subpath === "." ? PACKAGE : `${PACKAGE}/${subpath.slice(2)}`, source }];
    });
}

/** The names each entry point exports, by specifier. */
function exportedNames(root: string, list: readonly Entry[]): Map<string, Set<string>> {
    const program = ts.createProgram({
        rootNames: list.map((e) => path.join(root, e.source)),
        options: { strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: [] },
    });
    const checker = program.getTypeChecker();
    return new Map(
        list.map((e) => {
            const file = program.getSourceFile(path.join(root, e.source));
            assert.ok(file, `${e.specifier}: no source file ${e.source}`);
            const module = checker.getSymbolAtLocation(file);
            assert.ok(module, `${e.source} is not a module`);
            return [e.specifier, new Set(checker.getExportsOfModule(module).map((s) => s.name))];
        }),
    );
}

/** Top-level declared names of the .ts files under `folder`, with the file that declares each. */
function declaredNames(root: string, folders: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const folder of folders) {
        for (const entry of readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })) {
            if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
            const file = path.relative(root, path.join(entry.parentPath, entry.name));
            const source = ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true);
            source.forEachChild((node) => {
                const names = ts.isVariableStatement(node)
                    ? node.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []))
                    : "name" in node && node.name !== undefined && ts.isIdentifier(node.name as ts.Node)
                      ? [(node.name as ts.Identifier).text]
                      : [];
                for (const name of names) if (!out.has(name)) out.set(name, file);
            });
        }
    }
    return out;
}

/** `import { a, type B as C } from "pulumi-alicloud-live..."` in a code block: the entry and the names it imports. */
function importsFromPackage(code: string): { specifier: string; names: string[] }[] {
    const out: { specifier: string; names: string[] }[] = [];
    for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+["']([^"']+)["']/g)) {
        if (m[2] !== PACKAGE && !m[2].startsWith(`${PACKAGE}/`)) continue;
        const names = m[1]
            .split(",")
            .map((n) =>
                n
                    .trim()
                    .replace(/^type\s+/, "")
                    .split(/\s+as\s+/)[0]
                    .trim(),
            )
            .filter((n) => n !== "");
        out.push({ specifier: m[2], names });
    }
    return out;
}

/** Problems with the names a doc's code blocks import from the package. */
function importProblems(doc: string, markdown: string, exported: ReadonlyMap<string, ReadonlySet<string>>): string[] {
    const problems: string[] = [];
    for (const block of codeBlocks(markdown)) {
        for (const { specifier, names } of importsFromPackage(block.code)) {
            const names_ = exported.get(specifier);
            if (!names_) problems.push(`${doc}:${block.line}: imports from "${specifier}", which is not an entry point of the package`);
            else for (const name of names) if (!names_.has(name)) problems.push(`${doc}:${block.line}: "${specifier}" does not export ${name}`);
        }
    }
    return problems;
}

const API_NAME = /`([A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g;
const POINTS_AT_SOURCE = new RegExp(`\`(?:${SOURCE_FOLDERS.join("|")})/`);

/** Backticked type and constant names in the prose that the code declares but no entry point exports. */
function unexportedMentions(doc: string, markdown: string, exported: ReadonlySet<string>, declared: ReadonlyMap<string, string>): string[] {
    const problems: string[] = [];
    for (const { line, text } of proseLines(markdown)) {
        if (POINTS_AT_SOURCE.test(text)) continue;
        for (const [, name] of text.matchAll(API_NAME)) {
            const file = declared.get(name);
            if (file !== undefined && !exported.has(name)) {
                problems.push(`${doc}:${line}: \`${name}\` (declared in ${file}) is not exported by any entry point of the package`);
            }
        }
    }
    return problems;
}

describe("docs: the package's entry points and exported names", () => {
    const root = repoRoot();
    const list = entries(root);
    const docs = docFiles(root).map((doc) => ({ doc, markdown: readDoc(doc, root) }));
    let exported = new Map<string, Set<string>>();
    let declared = new Map<string, string>();

    before(function () {
        this.timeout(120_000); // one program over the entry points' sources
        exported = exportedNames(root, list);
        declared = declaredNames(root, SOURCE_FOLDERS);
    });

    it("reads the entry points from package.json", () => {
        const specifiers = list.map((e) => e.specifier);
        for (const expected of [PACKAGE, `${PACKAGE}/callbacks`, `${PACKAGE}/client`, `${PACKAGE}/emulator`]) {
            assert.ok(specifiers.includes(expected), `${expected} missing from ${specifiers.join(", ")}`);
        }
        assert.ok((exported.get(PACKAGE)?.size ?? 0) > 10, "the package root exports almost nothing");
        assert.ok(declared.has("AdaptiveRateLimiter") && declared.has("LiveApiError"), "declarations not read");
    });

    it("documents every entry point", () => {
        const text = docs.map((d) => d.markdown).join("\n");
        const missing = list.filter((e) => !new RegExp(`["'\`]${e.specifier}["'\`]`).test(text)).map((e) => e.specifier);
        assert.deepEqual(missing, [], `entry points no doc mentions (quoted or in backticks): ${missing.join(", ")}`);
    });

    it("imports in code blocks only names their entry point exports", () => {
        const problems = docs.flatMap(({ doc, markdown }) => importProblems(doc, markdown, exported));
        assert.deepEqual(problems, []);
    });

    it("presents as the package's only the names it exports", () => {
        const all = new Set([...exported.values()].flatMap((names) => [...names]));
        const problems = docs
            .filter(({ doc }) => !INTERNAL_DOCS.has(doc))
            .flatMap(({ doc, markdown }) => unexportedMentions(doc, markdown, all, declared));
        assert.deepEqual(problems, []);
    });

    it("catches a doc that imports or names what the package does not export", () => {
        const bad = [
            "`AdaptiveRateLimiter` is the implementation the shared limiters use.",
            "`STORE_COMMANDS` in `provider/quota/store-connection.ts` lists them.",
            "```ts",
            'import { LiveClient, type RateLimiter } from "pulumi-alicloud-live";',
            'import { startEmulator } from "pulumi-alicloud-live/nowhere";',
            "```",
        ].join("\n");
        const all = new Set([...exported.values()].flatMap((names) => [...names]));
        assert.deepEqual(unexportedMentions("bad.md", bad, all, declared), [
            "bad.md:1: `AdaptiveRateLimiter` (declared in provider/retry/rate-limiter.ts) is not exported by any entry point of the package",
        ]);
        assert.deepEqual(importProblems("bad.md", bad, exported), [
            'bad.md:4: "pulumi-alicloud-live" does not export RateLimiter',
            'bad.md:4: imports from "pulumi-alicloud-live/nowhere", which is not an entry point of the package',
        ]);
    });
});
