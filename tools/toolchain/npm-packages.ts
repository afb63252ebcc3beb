/**
 * A version set's npm packages (its `@pulumi/pulumi`, and pnpm), installed by `npm ci` from a lockfile
 * of this repository (`tools/toolchain/current-packages/`) into a cache folder keyed by the lockfile's
 * hash, never into the repository's own node_modules. Program folders link `node_modules/@pulumi/pulumi`
 * to the cached copy, as the pinned set links to the repository's.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { publishOnce, toolchainCache } from "./cache";
import { ToolchainError } from "./node-runtime";

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface InstalledPackages {
    /** The installed SDK's folder (`.../node_modules/@pulumi/pulumi`). */
    readonly dir: string;
    readonly version: string;
    /** `node_modules/.bin` of the install (`pnpm`). */
    readonly binDir: string;
    readonly installed: boolean;
}

export interface PackagesOptions {
    /** The folder with the lockfile's package.json and package-lock.json. */
    readonly lockDir: string;
    readonly log: (line: string) => void;
    /** @defaultValue `toolchainCache("sdk")` */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
}

const LOCK_FILES = ["package.json", "package-lock.json"] as const;

function versionIn(dir: string): string | undefined {
    const manifest = path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json");
    return fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version : undefined;
}

/** The packages of `options.lockDir`, whose `@pulumi/pulumi` must be `version`. */
export async function obtainPackages(version: string, options: PackagesOptions): Promise<InstalledPackages> {
    const hash = createHash("sha256");
    for (const file of LOCK_FILES) hash.update(fs.readFileSync(path.join(options.lockDir, file)));
    const target = path.join(options.cacheRoot ?? toolchainCache("sdk", options.env), `${version}-${hash.digest("hex").slice(0, 12)}`);
    const installed = await publishOnce(
        target,
        (dir) => versionIn(dir) === version,
        async (staging) => {
            options.log(
                `Installing @pulumi/pulumi ${version} and pnpm (npm ci from ${path.relative(process.cwd(), options.lockDir) || "."}) into the cache`,
            );
            const started = Date.now();
            for (const file of LOCK_FILES) fs.copyFileSync(path.join(options.lockDir, file), path.join(staging, file));
            try {
                await run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
                    cwd: staging,
                    env: options.env,
                    timeout: INSTALL_TIMEOUT_MS,
                });
            } catch (error) {
                throw new ToolchainError(`npm ci of @pulumi/pulumi ${version} failed: ${String(error).split("\n").slice(0, 6).join(" ")}`);
            }
            options.log(`  @pulumi/pulumi ${versionIn(staging) ?? "?"} installed in ${Math.round((Date.now() - started) / 1000)} s`);
        },
    );
    return { dir: path.join(target, "node_modules", "@pulumi", "pulumi"), version, binDir: path.join(target, "node_modules", ".bin"), installed };
}
