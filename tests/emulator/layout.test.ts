/**
 * The emulator's folders are its architecture (the header of emulator/index.ts describes them): a
 * folder imports only from the folders before it in LAYERS (wire/ and callbacks/ are siblings and
 * never import each other), nothing imports the provider, and every file sits in a listed folder.
 * Read from the sources, so type-only imports count too.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Inner to outer; folders in one entry are siblings. */
const LAYERS: readonly (readonly string[])[] = [["api"], ["wire", "callbacks"], ["instance"], ["admin"], ["server"], ["cli"]];
/** The files at the top of emulator/: the package's entry point and its command's launcher. */
const TOP_FILES = ["bin.js", "index.ts"];

const rank = (folder: string): number => LAYERS.findIndex((layer) => layer.includes(folder));

/** The source tree, found upward from this compiled test (dist/tests/emulator, or another build folder). */
function sourceRoot(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, "emulator", "index.ts")) && existsSync(path.join(dir, "package.json"))) return dir;
    }
    throw new Error(`no emulator/index.ts above ${__dirname}`);
}

/** Import specifiers of one TypeScript file (`import`, `export ... from`, `import type`, dynamic `import()`). */
function specifiers(text: string): string[] {
    return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
}

/**
 * Every broken rule, as "file: what"; `files` maps paths relative to emulator/ (posix) to their
 * import specifiers. Pure, so the rules themselves are tested below.
 */
function layoutProblems(files: ReadonlyMap<string, readonly string[]>): string[] {
    const problems: string[] = [];
    for (const [file, imports] of files) {
        const folder = file.includes("/") ? file.slice(0, file.indexOf("/")) : "";
        if (folder === "" ? !TOP_FILES.includes(file) : rank(folder) < 0 || file.split("/").length !== 2) {
            problems.push(`${file}: not in a folder of the layout (${LAYERS.flat().join(", ")})`);
            continue;
        }
        for (const spec of imports) {
            if (spec === "pulumi-alicloud-live" || spec.startsWith("pulumi-alicloud-live/")) {
                problems.push(`${file}: imports ${spec} (the emulator shares no code with the provider)`);
                continue;
            }
            if (!spec.startsWith(".")) continue;
            const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
            if (target.startsWith("../") || target === "..") {
                problems.push(`${file}: imports ${spec}, outside emulator/`);
                continue;
            }
            if (folder === "") continue; // the entry point re-exports from any folder
            const to = target.includes("/") ? target.slice(0, target.indexOf("/")) : "";
            if (to === folder) continue;
            if (to === "" || rank(to) < 0 || rank(to) >= rank(folder))
                problems.push(`${file}: imports ${spec}, but ${folder}/ may import only from folders before it`);
        }
    }
    return problems;
}

function emulatorSources(root: string): Map<string, string[]> {
    const base = path.join(root, "emulator");
    const files = new Map<string, string[]>();
    for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const rel = path.relative(base, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
        files.set(rel, rel.endsWith(".ts") || rel.endsWith(".js") ? specifiers(readFileSync(path.join(base, rel), "utf8")) : []);
    }
    return files;
}

describe("emulator/ layout", () => {
    it("imports between the emulator's folders run one way, and every file sits in a folder of the layout", () => {
        const files = emulatorSources(sourceRoot());
        assert.ok(files.size > 30, `read the emulator's sources (${files.size} files)`);
        assert.deepEqual(layoutProblems(files), []);
    });

    it("the check finds an import against the direction, between siblings, out of emulator/, and a stray file", () => {
        const problems = layoutProblems(
            new Map([
                ["api/actions.ts", ["../wire/authenticate"]],
                ["wire/sts.ts", ["../callbacks/recording", "../api/errors", "./wire-request"]],
                ["callbacks/recording.ts", ["../../provider/api/client", "pulumi-alicloud-live/emulator", "node:http"]],
                ["cli/main.ts", ["../server/start-emulator", "../index"]],
                ["index.ts", ["./cli/main"]],
                ["server.ts", []],
                ["extra/x.ts", []],
            ]),
        );
        assert.deepEqual(problems, [
            "api/actions.ts: imports ../wire/authenticate, but api/ may import only from folders before it",
            "wire/sts.ts: imports ../callbacks/recording, but wire/ may import only from folders before it",
            "callbacks/recording.ts: imports ../../provider/api/client, outside emulator/",
            "callbacks/recording.ts: imports pulumi-alicloud-live/emulator (the emulator shares no code with the provider)",
            "cli/main.ts: imports ../index, but cli/ may import only from folders before it",
            "server.ts: not in a folder of the layout (api, wire, callbacks, instance, admin, server, cli)",
            "extra/x.ts: not in a folder of the layout (api, wire, callbacks, instance, admin, server, cli)",
        ]);
    });
});
