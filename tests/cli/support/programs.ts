/**
 * Program folders for the CLI suite, laid out as a user has them:
 * - `copyExample`: an example of this repository (e.g. examples/basic) (its TypeScript, run by ts-node), with the
 *   repository's node_modules, where `pulumi-alicloud-live` is this checkout;
 * - `PackedPackage`: this build packed by `npm pack` and installed by `npm install` into a separate
 *   program folder, so the provider is serialized as a `require` of the installed package.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { copyExample as copyProjectOf } from "../../../tools/pulumi-cli/example-project";
import { findRepoRoot } from "../../../tools/repo-root";

const run = promisify(execFile);

/** The compiled tree these tests run from (dist/). */
export const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");
export const REPO_ROOT = findRepoRoot(BUILD_ROOT);

/** An example of this repository in `dest`, with the repository's node_modules. */
export function copyExample(name: string, dest: string): string {
    return copyProjectOf(REPO_ROOT, name, dest);
}

/** A program folder from a fixture of tests/cli/fixtures. */
export function copyFixture(name: string, dest: string): string {
    fs.cpSync(path.join(REPO_ROOT, "tests", "cli", "fixtures", name), dest, { recursive: true });
    fs.writeFileSync(path.join(dest, "package.json"), JSON.stringify({ name, private: true, main: "index.js" }));
    return dest;
}

/**
 * This build as a package: what package.json `files` ships, copied from the build into a staging
 * folder (so packing needs no build step), packed, and installed into program folders.
 */
export class PackedPackage {
    readonly #stage: string;

    constructor(readonly workDir: string) {
        this.#stage = path.join(workDir, "stage");
        fs.mkdirSync(path.join(this.#stage, "dist"), { recursive: true });
        fs.mkdirSync(path.join(this.#stage, "emulator"), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(this.#stage, "package.json"));
        for (const file of ["README.md", "CHANGELOG.md", "LICENSE"]) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(this.#stage, file));
        fs.cpSync(path.join(REPO_ROOT, "docs"), path.join(this.#stage, "docs"), { recursive: true });
        for (const dir of ["provider", "emulator"]) {
            fs.cpSync(path.join(BUILD_ROOT, dir), path.join(this.#stage, "dist", dir), { recursive: true });
        }
        fs.copyFileSync(path.join(REPO_ROOT, "emulator", "bin.js"), path.join(this.#stage, "emulator", "bin.js"));
        // The provider plugin's executable (package.json `bin`), which runs the staged dist/provider/plugin.
        fs.cpSync(path.join(REPO_ROOT, "bin"), path.join(this.#stage, "bin"), { recursive: true });
    }

    /** Sets the staged package's version (an upgrade) and appends `code` to one of its compiled files. */
    bump(version: string, file: string, code: string): void {
        const manifestPath = path.join(this.#stage, "package.json");
        const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
        fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }, null, 2));
        fs.appendFileSync(path.join(this.#stage, "dist", file), `\n${code}\n`);
    }

    /** `npm pack` of the staged package; resolves to the tarball's path. */
    async pack(): Promise<string> {
        const dest = fs.mkdtempSync(path.join(this.workDir, "pack-"));
        const { stdout } = await run("npm", ["pack", this.#stage, "--ignore-scripts", "--json", "--pack-destination", dest], { cwd: this.workDir });
        return path.join(dest, (JSON.parse(stdout) as { filename: string }[])[0].filename);
    }

    /**
     * `npm pack`, then `npm install` of the tarball in `programDir`, with `@pulumi/pulumi` linked to
     * `sdkDir` (a version set's SDK; the repository's by default); resolves to the installed version.
     */
    async installInto(programDir: string, sdkDir: string = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi")): Promise<string> {
        const tarball = await this.pack();
        await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps", "--ignore-scripts", "--no-save", tarball], {
            cwd: programDir,
            timeout: 180_000,
        });
        // The peer dependency (npm may prune the link on each install; relink).
        linkSdk(programDir, sdkDir);
        const installed = path.join(programDir, "node_modules", "pulumi-alicloud-live", "package.json");
        return (JSON.parse(fs.readFileSync(installed, "utf8")) as { version: string }).version;
    }
}

/** Points the program's `node_modules/@pulumi/pulumi` at `sdkDir`: the SDK a version set runs the program on. */
export function linkSdk(programDir: string, sdkDir: string): void {
    const scope = path.join(programDir, "node_modules", "@pulumi");
    fs.mkdirSync(scope, { recursive: true });
    fs.rmSync(path.join(scope, "pulumi"), { recursive: true, force: true });
    fs.symlinkSync(sdkDir, path.join(scope, "pulumi"), "dir");
}

/** Every file below `dir` whose text contains `needle` (node_modules skipped). */
export function filesContaining(dir: string, needle: string): string[] {
    const found: string[] = [];
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, entry.name);
            if (entry.name === "node_modules") continue;
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile() && fs.readFileSync(full).includes(needle)) found.push(full);
        }
    };
    if (fs.existsSync(dir)) walk(dir);
    return found;
}
