/**
 * docs/development.md's layout table cannot drift from the tree: every path it lists exists; every
 * top-level folder is listed (itself or through its subfolders); a top-level folder listed by its
 * subfolders has each of them listed; each `tests/` row either mirrors a code folder that exists (and then
 * its own subfolders mirror that folder's, apart from `support/` and `fixtures/`) or is named cross-cutting.
 * Folders count when they hold a file (git keeps no empty folder).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { findRepoRoot } from "../../tools/repo-root";

const ROOT = findRepoRoot(__dirname);
/** Not part of the layout: dependencies, build output, caches. */
const IGNORED = new Set(["node_modules", "dist", "build"]);
/** A suite's own helpers and programs, inside a mirroring tests/ folder. */
const SUITE_OWN = new Set(["support", "fixtures"]);

export interface LayoutRow {
    readonly path: string;
    readonly text: string;
}

/** The rows of the table under "## Layout": its first column's path and the rest of the row. */
export function layoutRows(markdown: string): LayoutRow[] {
    const section = markdown.split(/^## /m).find((s) => s.startsWith("Layout\n"));
    if (!section) throw new Error('docs/development.md has no "## Layout" section');
    return [...section.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].map((m) => ({ path: m[1], text: m[2] }));
}

/** The subfolders of a folder that hold a file, somewhere below. */
function folders(rel: string): string[] {
    const holdsFile = (dir: string): boolean =>
        fs.readdirSync(dir, { withFileTypes: true }).some((e) => e.isFile() || (e.isDirectory() && holdsFile(path.join(dir, e.name))));
    return fs
        .readdirSync(path.join(ROOT, rel), { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !IGNORED.has(e.name) && holdsFile(path.join(ROOT, rel, e.name)))
        .map((e) => e.name)
        .sort();
}

/** What is wrong with the table against the tree (empty when it is true). */
export function layoutProblems(rows: readonly LayoutRow[], foldersOf: (rel: string) => string[], exists: (rel: string) => boolean): string[] {
    const problems: string[] = [];
    const listed = new Set(rows.map((r) => r.path.replace(/\/$/, "")));
    for (const row of rows) if (!exists(row.path)) problems.push(`${row.path} is in the table but does not exist`);
    for (const top of foldersOf("")) {
        const subRows = [...listed].filter((p) => p.startsWith(`${top}/`) && p.split("/").length === 2 && rows.some((r) => r.path === `${p}/`));
        if (!listed.has(top) && subRows.length === 0 && ![...listed].some((p) => p.startsWith(`${top}/`))) {
            problems.push(`${top}/ exists but is not in the table`);
        }
        if (subRows.length === 0) continue;
        for (const sub of foldersOf(top)) if (!listed.has(`${top}/${sub}`)) problems.push(`${top}/${sub}/ exists but is not in the table`);
    }
    for (const row of rows.filter((r) => /^tests\/[^/]+\/$/.test(r.path))) {
        const mirrored = /^Mirrors `([^`]+)\/`/.exec(row.text)?.[1];
        if (mirrored === undefined) {
            if (!row.text.startsWith("Cross-cutting")) problems.push(`${row.path} neither mirrors a code folder nor is named cross-cutting`);
            continue;
        }
        if (`tests/${mirrored}/` !== row.path || !exists(`${mirrored}/`)) {
            problems.push(`${row.path} says it mirrors ${mirrored}/, which it is not named for or which does not exist`);
            continue;
        }
        const mirrorInside = (testsDir: string, codeDir: string) => {
            for (const sub of foldersOf(testsDir)) {
                if (SUITE_OWN.has(sub)) continue;
                if (!exists(`${codeDir}/${sub}/`)) problems.push(`${testsDir}/${sub}/ mirrors nothing (no ${codeDir}/${sub}/)`);
                else mirrorInside(`${testsDir}/${sub}`, `${codeDir}/${sub}`);
            }
        };
        mirrorInside(`tests/${mirrored}`, mirrored);
    }
    return problems;
}

const existsInRepo = (rel: string) => {
    const full = path.join(ROOT, rel);
    return rel.endsWith("/") ? fs.existsSync(full) && fs.statSync(full).isDirectory() : fs.existsSync(full);
};

describe("docs: the layout table in docs/development.md", () => {
    it("lists exactly the folders that exist, and the tests/ folders mirror what they say", () => {
        const rows = layoutRows(fs.readFileSync(path.join(ROOT, "docs", "development.md"), "utf8"));
        assert.ok(rows.length > 20, `only ${rows.length} rows read`);
        assert.deepEqual(layoutProblems(rows, folders, existsInRepo), []);
    });

    it("names each kind of drift", () => {
        const tree: Record<string, string[]> = {
            "": ["bench", "provider", "tests", "tools"],
            provider: ["api", "quota"],
            tests: ["bench", "cli", "provider", "stray"],
            "tests/provider": ["api", "support", "gone"],
            "tests/bench": [],
            "tests/cli": ["support"],
            "tests/stray": [],
            tools: ["soak"],
        };
        const dirs = new Set(Object.entries(tree).flatMap(([k, v]) => v.map((s) => `${k ? `${k}/` : ""}${s}/`)));
        const problems = layoutProblems(
            [
                { path: "provider/api/", text: "The client." },
                { path: "provider/retry/", text: "Pacing." },
                { path: "tests/bench/", text: "Mirrors `bench/`." },
                { path: "tests/provider/", text: "Mirrors `provider/`." },
                { path: "tests/cli/", text: "Cross-cutting: the CLI." },
                { path: "tests/stray/", text: "Some tests." },
            ],
            (rel) => tree[rel] ?? [],
            (rel) => dirs.has(rel),
        );
        assert.deepEqual(problems, [
            "provider/retry/ is in the table but does not exist",
            "bench/ exists but is not in the table",
            "provider/quota/ exists but is not in the table",
            "tools/ exists but is not in the table",
            "tests/provider/gone/ mirrors nothing (no provider/gone/)",
            "tests/stray/ neither mirrors a code folder nor is named cross-cutting",
        ]);
    });
});
