/**
 * Finds a Python interpreter that can make a venv: 3.10 or newer, with the `venv` and `ensurepip`
 * modules (Debian ships those apart, in `python3-venv`). Never installs one: when none is found the
 * error says what is missing and how to get it.
 */
import { spawnSync } from "node:child_process";

export const MINIMUM_PYTHON: readonly [number, number] = [3, 10];

/** `$PULUMI_ALICLOUD_LIVE_PYTHON` first, when set; then the usual names on PATH. */
export const PYTHON_ENV_VAR = "PULUMI_ALICLOUD_LIVE_PYTHON";
const CANDIDATES = ["python3", "python"];

/** Prints `<version>\n<sys.executable>`, or fails on a missing module. */
const PROBE = "import sys, venv, ensurepip; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)";
const PROBE_TIMEOUT_MS = 30_000;

export class PythonVenvError extends Error {
    override readonly name = "PythonVenvError";
}

export interface Python {
    /** The interpreter itself (`sys.executable`), not a shim in front of it. */
    readonly executable: string;
    /** `3.11.7` */
    readonly version: string;
}

export type ProbeResult = { readonly ok: true; readonly python: Python } | { readonly ok: false; readonly problem: string };

/** Judges one candidate's answer to the probe. Pure. */
export function judgeProbe(name: string, status: number | null, stdout: string, stderr: string, missing: boolean): ProbeResult {
    if (missing) return { ok: false, problem: `${name}: not found` };
    if (status !== 0) {
        const module = /No module named '?(\w+)'?/.exec(stderr)?.[1];
        return {
            ok: false,
            problem: module ? `${name}: has no \`${module}\` module` : `${name}: exited with ${status} (${stderr.trim().split("\n").at(-1) ?? ""})`,
        };
    }
    const [version = "", executable = ""] = stdout.trim().split("\n");
    const [major = 0, minor = 0] = version.split(".").map(Number);
    if (major < MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor < MINIMUM_PYTHON[1])) {
        return { ok: false, problem: `${name}: Python ${version} is older than ${MINIMUM_PYTHON.join(".")}` };
    }
    return { ok: true, python: { executable, version } };
}

export function findPython(env: NodeJS.ProcessEnv = process.env): Python {
    const names = env[PYTHON_ENV_VAR] ? [env[PYTHON_ENV_VAR]] : CANDIDATES;
    const problems: string[] = [];
    for (const name of names) {
        const probe = spawnSync(name, ["-c", PROBE], { env, encoding: "utf8", timeout: PROBE_TIMEOUT_MS });
        const missing = probe.error !== undefined && "code" in probe.error && probe.error.code === "ENOENT";
        const result = judgeProbe(name, probe.status, probe.stdout ?? "", probe.stderr ?? "", missing);
        if (result.ok) return result.python;
        problems.push(result.problem);
    }
    throw new PythonVenvError(
        `No Python ${MINIMUM_PYTHON.join(".")} or newer with the venv module (${problems.join("; ")}). ` +
            `Install one (Debian/Ubuntu: apt-get install python3 python3-venv), or point ${PYTHON_ENV_VAR} at one.`,
    );
}
