/**
 * A PATH as a user of a non-TypeScript language has it: only the folders named (the CLI's, the
 * language's), checked to hold no `node`, so a plugin that needed Node.js could not start.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The folder holding `command` on this process's PATH (e.g. `go`'s), or throws naming it. */
export function folderOf(command: string): string {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
        const file = path.join(dir, command);
        try {
            fs.accessSync(file, fs.constants.X_OK);
            if (fs.statSync(file).isFile()) return dir;
        } catch {
            // Not here.
        }
    }
    throw new Error(`no ${command} on PATH`);
}

/** Asserts that no `node` can be found on `pathVar`: no executable of that name in any folder, and spawning it fails. */
export function assertNoNode(pathVar: string): void {
    for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
        assert.ok(!fs.existsSync(path.join(dir, "node")), `${dir} on the user's PATH holds a node`);
    }
    const probe = spawnSync("node", ["--version"], { env: { PATH: pathVar }, encoding: "utf8" });
    const code = probe.error && "code" in probe.error ? probe.error.code : undefined;
    assert.equal(code, "ENOENT", `node is findable on ${pathVar}: ${probe.stdout}`);
}

/** PATH of exactly `dirs` (in order, once each), with no `node` on it (asserted). */
export function pathWithoutNode(dirs: readonly string[]): string {
    const value = [...new Set(dirs.filter(Boolean))].join(path.delimiter);
    assertNoNode(value);
    return value;
}
