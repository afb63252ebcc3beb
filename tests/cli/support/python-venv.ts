/**
 * The Python side of the CLI suite: a cached venv (tools/python-venv) with the Pulumi Python SDK
 * (`pulumi==3.248.0`, the pinned `@pulumi/pulumi`'s version, every dependency pinned in
 * python-requirements.txt) and the generated SDK of this repository, `sdk/python`, built into a wheel
 * at package.json's version and installed offline, obtained once per test process.
 */
import * as path from "node:path";
import { pluginVersion } from "../../../provider/plugin/version";
import { obtainVenv, type Venv } from "../../../tools/python-venv/obtain";
import { REPO_ROOT } from "./programs";

export const PYTHON_SDK_DIR = path.join(REPO_ROOT, "sdk", "python");
export const PYTHON_SDK_DISTRIBUTION = "pulumi_alicloud_live";
const REQUIREMENTS = path.join(REPO_ROOT, "tests", "cli", "support", "python-requirements.txt");

let venv: Promise<Venv> | undefined;

export function pythonSdkVenv(): Promise<Venv> {
    venv ??= obtainVenv({
        name: "pulumi-python",
        requirementsFile: REQUIREMENTS,
        probeModule: PYTHON_SDK_DISTRIBUTION,
        localPackages: [{ dir: PYTHON_SDK_DIR, distribution: PYTHON_SDK_DISTRIBUTION, version: pluginVersion() }],
        log: (line) => console.log(`      ${line}`),
    });
    return venv;
}

/** `PATH` with the venv's `bin` first: the Python host (v3.79.0) ignores the `virtualenv` option and runs the `python3` it finds. */
export function pathWithVenv(found: Venv, basePath: string): string {
    return `${path.join(found.dir, "bin")}${path.delimiter}${basePath}`;
}
