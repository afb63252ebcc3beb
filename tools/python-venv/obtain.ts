/**
 * A Python venv with a requirements file installed (then, optionally, packages of this repository
 * built into wheels and installed offline), cached under `~/.cache/pulumi-alicloud-live/python-venv/`
 * and keyed by the file's content, the local packages' content and the Python version, so a changed
 * pin or a regenerated SDK makes a new venv and an unchanged one is reused.
 *
 * Never half-installed: the venv is made and filled in a staging folder beside the cache entry,
 * checked (its marker module imports), and only then renamed into place. A failed or interrupted
 * install leaves at most a staging folder, removed on the way out. Only `bin/python` is ever run,
 * which finds its venv from its own location, so the rename does not break it (the console scripts
 * pip writes, with the staging path in their first line, are never used).
 */
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installLocalPackage, packageDigest, type LocalPackage } from "./local-package";
import { lastLines, runCommand } from "../child-process";
import { findPython, PythonVenvError, type Python } from "./python";

/** A cold install downloads and builds a few dozen packages: minutes; past this something is wrong. */
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const PROBE_TIMEOUT_MS = 60_000;
/** Written last into a finished venv. */
const MARKER = "pulumi-alicloud-live-venv.json";

export interface VenvOptions {
    /** Names the cache entry, e.g. `official-sdk`. */
    readonly name: string;
    /** A pip requirements file (exact versions). */
    readonly requirementsFile: string;
    /** A module that imports only when the install is complete, e.g. `alibabacloud_live20161101`. */
    readonly probeModule: string;
    /** Folders of this repository installed after the requirements, offline (see `local-package.ts`). */
    readonly localPackages?: readonly LocalPackage[];
    /** Progress lines (pip's own lines during an install). @defaultValue `console.error` */
    readonly log?: (line: string) => void;
    /** @defaultValue see `venvCacheRoot` */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
}

export interface Venv {
    readonly dir: string;
    /** `<dir>/bin/python`. */
    readonly python: string;
    readonly pythonVersion: string;
    readonly source: "cache" | "install";
}

/** `$PULUMI_ALICLOUD_LIVE_VENV_CACHE`, else `$XDG_CACHE_HOME/pulumi-alicloud-live/python-venv`, else `~/.cache/...`. */
export function venvCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    if (env.PULUMI_ALICLOUD_LIVE_VENV_CACHE) return path.resolve(env.PULUMI_ALICLOUD_LIVE_VENV_CACHE);
    const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "pulumi-alicloud-live", "python-venv");
}

/**
 * The cache entry's folder name: the name, the Python minor version, a digest of the inputs (`local`:
 * the local packages' digests; without them the key is what it was before they existed). Pure.
 */
export function venvKey(name: string, requirements: string, python: Python, local: readonly string[] = []): string {
    const minor = python.version.split(".").slice(0, 2).join(".");
    const inputs = [`${python.executable}\n${python.version}\n${requirements}`, ...local].join("\n");
    const digest = createHash("sha256").update(inputs).digest("hex").slice(0, 16);
    return `${name}-py${minor}-${digest}`;
}

async function usable(dir: string, probeModule: string, env: NodeJS.ProcessEnv): Promise<boolean> {
    if (!fs.existsSync(path.join(dir, MARKER))) return false;
    const probe = await runCommand(path.join(dir, "bin", "python"), ["-c", `import ${probeModule}`], { env, timeoutMs: PROBE_TIMEOUT_MS });
    return probe.code === 0;
}

export async function obtainVenv(options: VenvOptions): Promise<Venv> {
    const env = options.env ?? process.env;
    const log = options.log ?? ((line: string) => console.error(line));
    const python = findPython(env);
    const requirements = fs.readFileSync(options.requirementsFile, "utf8");
    const root = options.cacheRoot ?? venvCacheRoot(env);
    const localPackages = options.localPackages ?? [];
    const dir = path.join(root, venvKey(options.name, requirements, python, localPackages.map(packageDigest)));
    const result = (source: Venv["source"]): Venv => ({ dir, python: path.join(dir, "bin", "python"), pythonVersion: python.version, source });

    if (await usable(dir, options.probeModule, env)) return result("cache");
    // Whatever is there is not a finished venv (a crash after the rename, or a hand edit): make it again.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    const staging = path.join(root, `.staging-${path.basename(dir)}-${process.pid}-${randomBytes(4).toString("hex")}`);
    log(`python-venv: installing ${path.basename(options.requirementsFile)} into a new venv (Python ${python.version}) at ${dir}`);
    try {
        const made = await runCommand(python.executable, ["-m", "venv", staging], { env, timeoutMs: PROBE_TIMEOUT_MS });
        if (made.code !== 0) throw new PythonVenvError(`python-venv: \`${python.executable} -m venv\` failed:\n${lastLines(made.output, 8)}`);
        const pip = [
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--progress-bar",
            "off",
            "--requirement",
            options.requirementsFile,
        ];
        const installed = await runCommand(path.join(staging, "bin", "python"), pip, {
            env: { ...env, PIP_NO_INPUT: "1" },
            timeoutMs: INSTALL_TIMEOUT_MS,
            onLine: (line) => log(`python-venv: ${line}`),
        });
        if (installed.code !== 0) {
            const why = installed.timedOut ? `did not finish in ${INSTALL_TIMEOUT_MS / 60_000} minutes` : `exited with ${installed.code}`;
            throw new PythonVenvError(
                `python-venv: pip install of ${options.requirementsFile} ${why} (is the package index reachable?):\n${lastLines(installed.output, 8)}`,
            );
        }
        for (const pkg of localPackages) await installLocalPackage(pkg, path.join(staging, "bin", "python"), env, log);
        const probe = await runCommand(path.join(staging, "bin", "python"), ["-c", `import ${options.probeModule}`], {
            env,
            timeoutMs: PROBE_TIMEOUT_MS,
        });
        if (probe.code !== 0)
            throw new PythonVenvError(`python-venv: the new venv cannot import ${options.probeModule}:\n${lastLines(probe.output, 8)}`);
        fs.writeFileSync(
            path.join(staging, MARKER),
            `${JSON.stringify({ requirements: options.requirementsFile, python: python.version, localPackages: localPackages.map(packageDigest) }, null, 2)}\n`,
        );
        try {
            fs.renameSync(staging, dir);
        } catch (error) {
            // Another process finished the same venv first: use theirs.
            if (!(await usable(dir, options.probeModule, env))) throw error;
        }
        log(`python-venv: ready at ${dir}`);
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
    return result("install");
}
