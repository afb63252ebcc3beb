/**
 * A Python package folder of this repository (the generated SDK in `sdk/python`) installed into a venv
 * offline: copied (a setuptools build writes `build/` and `*.egg-info` into its source folder), built
 * into a wheel with the venv's own setuptools and wheel, and installed from that wheel with no package
 * index, so every dependency it declares must already be in the venv.
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

export interface LocalPackage {
    /** The folder holding `setup.py` (or `pyproject.toml`). */
    readonly dir: string;
    /** The distribution name, e.g. `pulumi_alicloud_live`. */
    readonly distribution: string;
    /** The version its wheel must have, e.g. package.json's. */
    readonly version: string;
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

/** Changes with the package's name, version or any file's name or content: part of the venv's cache key. */
export function packageDigest(pkg: LocalPackage): string {
    if (!fs.existsSync(pkg.dir)) throw new PythonVenvError(`python-venv: ${pkg.distribution}: no package folder at ${pkg.dir}`);
    const hash = createHash("sha256").update(`${pkg.distribution}\n${pkg.version}\n`);
    for (const [name, content] of files(pkg.dir)) hash.update(`${name}\n${content.length}\n`).update(content);
    return `${pkg.distribution}==${pkg.version} ${hash.digest("hex").slice(0, 16)}`;
}

/** The version in a wheel's file name (`{distribution}-{version}-...whl`), or undefined for another distribution. Pure. */
export function wheelVersion(fileName: string, distribution: string): string | undefined {
    const normalized = distribution.replace(/[-.]+/g, "_").toLowerCase();
    const [name, version] = fileName.replace(/\.whl$/, "").split("-");
    return fileName.endsWith(".whl") && name?.toLowerCase() === normalized ? version : undefined;
}

/** Builds `pkg` into a wheel with `python` (a venv's) and installs it offline; throws saying which step failed. */
export async function installLocalPackage(pkg: LocalPackage, python: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `python-venv-${pkg.distribution}-`));
    const pip = (args: string[]) =>
        runCommand(python, ["-m", "pip", ...args, "--disable-pip-version-check", "--no-input", "--no-index"], {
            env: { ...env, PIP_NO_INPUT: "1" },
            timeoutMs: BUILD_TIMEOUT_MS,
            onLine: (l) => log(`python-venv: ${l}`),
        });
    try {
        const source = path.join(work, "source");
        const wheels = path.join(work, "wheels");
        fs.cpSync(pkg.dir, source, { recursive: true, filter: (from) => !IGNORED.test(path.basename(from)) });
        log(`python-venv: building ${pkg.distribution} ${pkg.version} from ${pkg.dir} into a wheel (offline)`);
        const built = await pip(["wheel", "--no-build-isolation", "--no-deps", "--wheel-dir", wheels, source]);
        if (built.code !== 0)
            throw new PythonVenvError(`python-venv: building a wheel of ${pkg.dir} failed (exit ${built.code}):\n${lastLines(built.output, 8)}`);
        const versions = fs.readdirSync(wheels).map((file) => wheelVersion(file, pkg.distribution));
        const found = versions.find((v) => v !== undefined);
        if (found !== pkg.version) {
            throw new PythonVenvError(
                `python-venv: ${pkg.dir} builds ${pkg.distribution} ${found ?? "(no wheel of it)"}, not ${pkg.version}: regenerate the SDK from the current schema`,
            );
        }
        // Not --no-deps: pip checks that every dependency the package declares is already installed.
        const installed = await pip(["install", "--find-links", wheels, `${pkg.distribution}==${pkg.version}`]);
        if (installed.code !== 0) {
            throw new PythonVenvError(
                `python-venv: installing ${pkg.distribution} ${pkg.version} offline failed (a dependency missing from the requirements?):\n${lastLines(installed.output, 8)}`,
            );
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
