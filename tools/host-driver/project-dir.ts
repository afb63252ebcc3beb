/**
 * A Pulumi project directory in which `pulumi-alicloud-live` resolves to a chosen build of this
 * package, as it would for a user who installed it: `node_modules/pulumi-alicloud-live/` holds the
 * package.json and a `dist` that points at the build, and `node_modules/@pulumi` points at the
 * repository's SDK (one copy of the SDK, as a peer dependency gives a user).
 *
 * The provider host resolves the serialized `require("pulumi-alicloud-live/dist/...")` from its
 * working directory, so tests built into `.build/<name>/` start the host here to run the code they
 * were built with. A build in the repository's own `dist/` needs none of this: the repository root
 * already resolves the package (node_modules/pulumi-alicloud-live links to it).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findRepoRoot } from "../repo-root";

export const PACKAGE_NAME = "pulumi-alicloud-live";

export interface ProjectDir {
    readonly dir: string;
    /** Removes the directory (a no-op for the repository root). */
    cleanup(): void;
}

export interface LinkedProjectOptions {
    /** The compiled tree: the directory holding `provider/`, `emulator/`, `examples/` (e.g. `.build/x`). */
    readonly buildRoot: string;
    /** The repository root (package.json, node_modules). */
    readonly repoRoot: string;
    /** A compiled program file to copy in as `index.js`. */
    readonly programFile?: string;
    /** Pulumi project name for a `Pulumi.yaml` (written only with `programFile`). */
    readonly project?: string;
}

/** True when the build is the repository's own `dist/`, which the repository root already resolves. */
export function isRepoDist(buildRoot: string, repoRoot: string): boolean {
    const dist = path.join(repoRoot, "dist");
    return fs.existsSync(dist) && fs.realpathSync(buildRoot) === fs.realpathSync(dist);
}

export function linkedProjectDir(options: LinkedProjectOptions): ProjectDir {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-project-"));
    const pkgDir = path.join(dir, "node_modules", PACKAGE_NAME);
    fs.mkdirSync(pkgDir, { recursive: true });
    fs.copyFileSync(path.join(options.repoRoot, "package.json"), path.join(pkgDir, "package.json"));
    fs.symlinkSync(path.resolve(options.buildRoot), path.join(pkgDir, "dist"), "dir");
    fs.symlinkSync(path.join(options.repoRoot, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
    if (options.programFile) {
        fs.copyFileSync(options.programFile, path.join(dir, "index.js"));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: options.project ?? "program", main: "index.js" }));
        if (options.project) fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${options.project}\nruntime: nodejs\n`);
    }
    return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A project directory with this package INSTALLED, as npm would leave it: a real copy of package.json,
 * `bin/` and the compiled `provider/` under `node_modules/pulumi-alicloud-live/dist/`, and every other entry
 * of the repository's node_modules linked beside it (dependencies and the SDK). Because the package
 * files sit under node_modules, Pulumi serializes the provider as a `require` by package name, as it
 * does for users. (The packaged test does the same with `npm pack` and `npm install`.)
 */
export function installedCopyProjectDir(options: Pick<LinkedProjectOptions, "buildRoot" | "repoRoot">): ProjectDir {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-installed-"));
    const modules = path.join(dir, "node_modules");
    const pkgDir = path.join(modules, PACKAGE_NAME);
    fs.mkdirSync(path.join(pkgDir, "dist"), { recursive: true });
    fs.copyFileSync(path.join(options.repoRoot, "package.json"), path.join(pkgDir, "package.json"));
    fs.cpSync(path.join(options.buildRoot, "provider"), path.join(pkgDir, "dist", "provider"), { recursive: true });
    // The package's `bin/` (in `files`), so the installed plugin executable runs the copied build.
    fs.cpSync(path.join(options.repoRoot, "bin"), path.join(pkgDir, "bin"), { recursive: true });
    const repoModules = path.join(options.repoRoot, "node_modules");
    for (const entry of fs.readdirSync(repoModules)) {
        if (entry === PACKAGE_NAME || entry.startsWith(".")) continue;
        fs.symlinkSync(path.join(repoModules, entry), path.join(modules, entry), "dir");
    }
    return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Where to start the host for code compiled into `buildRoot`: the repository root for `dist/`,
 * otherwise a linked project directory.
 */
export function projectDirFor(buildRoot: string, repoRoot: string = findRepoRoot(buildRoot)): ProjectDir {
    if (isRepoDist(buildRoot, repoRoot)) return { dir: repoRoot, cleanup: () => undefined };
    return linkedProjectDir({ buildRoot, repoRoot });
}
