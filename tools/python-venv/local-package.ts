/**
 * A Python package of this repository installed into a venv offline, either
 * - a package folder (the generated SDK in `sdk/python`): copied (a setuptools build writes `build/` and
 *   `*.egg-info` into its source folder), built into a wheel with the venv's own setuptools and wheel,
 *   and installed from that wheel; or
 * - a wheel already built (by `npm run sdk-packages`), installed as it is, as a user installs it;
 * with no package index either way, so every dependency it declares must already be in the venv.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lastLines, runCommand } from "../child-process";
import { PythonVenvError } from "./python";

/** Building one small pure-Python wheel takes seconds. */
const BUILD_TIMEOUT_MS = 5 * 60_000;
/** What a build or an editor leaves in a package folder: never part of its content. */
const IGNORED = /^(build|dist|__pycache__|\.mypy_cache|.*\.egg-info|.*\.pyc)$/;

/** Whether a file or folder name is a build's or an editor's leftover (`build/`, `*.egg-info`, `__pycache__` ...). */
export const isBuildLeftover = (name: string): boolean => IGNORED.test(name);

/** Exactly one of `dir` and `wheel`. */
export type LocalPackage = PackageFolder | BuiltWheel;

interface PackageIdentity {
    /** The distribution name, e.g. `pulumi_alicloud_live`. */
    readonly distribution: string;
    /** The version its wheel must have, e.g. package.json's. */
    readonly version: string;
}

export interface PackageFolder extends PackageIdentity {
    /** The folder holding `setup.py` (or `pyproject.toml`). */
    readonly dir: string;
    readonly wheel?: undefined;
}

export interface BuiltWheel extends PackageIdentity {
    /** A wheel file (`{distribution}-{version}-...whl`). */
    readonly wheel: string;
    readonly dir?: undefined;
}

/** The `name/relative/path` and content of each file below `dir`, sorted, build leftovers skipped. */
function files(dir: string, prefix = ""): [string, Buffer][] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => !IGNORED.test(entry.name))
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((entry): [string, Buffer][] => {
            const full = path.join(dir, entry.name);
            const name = `${prefix}${entry.name}`;
            if (entry.isDirectory()) return files(full, `${name}/`);
            return entry.isFile() ? [[name, fs.readFileSync(full)]] : [];
        });
}

/** Changes with the package's name, version or any file's name or content (a wheel: its bytes): part of the venv's cache key. */
export function packageDigest(pkg: LocalPackage): string {
    const hash = createHash("sha256").update(`${pkg.distribution}\n${pkg.version}\n`);
    if (pkg.wheel !== undefined) {
        if (!fs.existsSync(pkg.wheel)) throw new PythonVenvError(`python-venv: ${pkg.distribution}: no wheel at ${pkg.wheel}`);
        hash.update(`wheel ${path.basename(pkg.wheel)}\n`).update(fs.readFileSync(pkg.wheel));
    } else {
        if (!fs.existsSync(pkg.dir)) throw new PythonVenvError(`python-venv: ${pkg.distribution}: no package folder at ${pkg.dir}`);
        for (const [name, content] of files(pkg.dir)) hash.update(`${name}\n${content.length}\n`).update(content);
    }
    return `${pkg.distribution}==${pkg.version} ${hash.digest("hex").slice(0, 16)}`;
}

/** The version in a wheel's file name (`{distribution}-{version}-...whl`), or undefined for another distribution. Pure. */
export function wheelVersion(fileName: string, distribution: string): string | undefined {
    const normalized = distribution.replace(/[-.]+/g, "_").toLowerCase();
    const [name, version] = fileName.replace(/\.whl$/, "").split("-");
    return fileName.endsWith(".whl") && name?.toLowerCase() === normalized ? version : undefined;
}

/**
 * Installs `pkg` offline with `python` (a venv's): a folder is built into a wheel first, a wheel is
 * installed as it is; throws saying which step failed.
 */
export async function installLocalPackage(pkg: LocalPackage, python: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `python-venv-${pkg.distribution}-`));
    const pip = (args: string[]) =>
        runCommand(python, ["-m", "pip", ...args, "--disable-pip-version-check", "--no-input", "--no-index"], {
            cwd: work,
            env: { ...env, PIP_NO_INPUT: "1" },
            timeoutMs: BUILD_TIMEOUT_MS,
            onLine: (l) => log(`python-venv: ${l}`),
        });
    try {
        const wheel = pkg.wheel ?? (await buildWheel(pkg, work, pip, log));
        const found = wheelVersion(path.basename(wheel), pkg.distribution);
        if (found !== pkg.version) {
            throw new PythonVenvError(
                `python-venv: ${pkg.dir === undefined ? `${wheel} is` : `${pkg.dir} builds`} ${pkg.distribution} ${found ?? "(no wheel of it)"}, not ${pkg.version}: regenerate the SDK from the current schema`,
            );
        }
        if (pkg.wheel !== undefined) log(`python-venv: installing ${path.basename(wheel)} (offline)`);
        // Not --no-deps: pip checks that every dependency the package declares is already installed.
        const installed = await pip(["install", wheel]);
        if (installed.code !== 0) {
            throw new PythonVenvError(
                `python-venv: installing ${pkg.distribution} ${pkg.version} offline failed (a dependency missing from the requirements?):\n${lastLines(installed.output, 8)}`,
            );
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

/** `pkg`'s folder built into a wheel in `work` with the venv's setuptools; resolves to the wheel's path. */
async function buildWheel(
    pkg: PackageFolder,
    work: string,
    pip: (args: string[]) => ReturnType<typeof runCommand>,
    log: (line: string) => void,
): Promise<string> {
    const source = path.join(work, "source");
    const wheels = path.join(work, "wheels");
    fs.cpSync(pkg.dir, source, { recursive: true, filter: (from) => !IGNORED.test(path.basename(from)) });
    log(`python-venv: building ${pkg.distribution} ${pkg.version} from ${pkg.dir} into a wheel (offline)`);
    const built = await pip(["wheel", "--no-build-isolation", "--no-deps", "--wheel-dir", wheels, source]);
    if (built.code !== 0)
        throw new PythonVenvError(`python-venv: building a wheel of ${pkg.dir} failed (exit ${built.code}):\n${lastLines(built.output, 8)}`);
    const names = fs.readdirSync(wheels);
    const ours = names.find((file) => wheelVersion(file, pkg.distribution) !== undefined) ?? names[0];
    if (ours === undefined) throw new PythonVenvError(`python-venv: building ${pkg.dir} made no wheel`);
    return path.join(wheels, ours);
}
