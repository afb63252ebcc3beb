/**
 * The SDKs as users get them, built once per test process: `npm run sdk-packages`'s wheel and sdist
 * (into a temporary folder), and a Python user's venv holding only the Pulumi SDK, the wheel's
 * dependencies and the wheel, installed offline (tools/python-venv caches it by the requirements and
 * the wheel's bytes, which are reproducible).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginVersion } from "../../provider/plugin/version";
import { obtainVenv, type Venv } from "../../tools/python-venv/obtain";
import { findRepoRoot } from "../../tools/repo-root";
import { buildPythonPackages, pythonDistribution, type PythonPackages } from "../../tools/sdk-packages/python";

const REPO_ROOT = findRepoRoot(__dirname);
const USER_REQUIREMENTS = path.join(REPO_ROOT, "tests", "support", "python-user-requirements.txt");
const log = (line: string) => console.log(`      ${line}`);

let packages: Promise<PythonPackages> | undefined;
let userVenv: Promise<Venv> | undefined;

/** The Python SDK's wheel and sdist, built by the tool behind `npm run sdk-packages`. */
export function builtPythonPackages(): Promise<PythonPackages> {
    packages ??= (() => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-packages-"));
        process.once("exit", () => fs.rmSync(out, { recursive: true, force: true }));
        return buildPythonPackages({
            repoRoot: REPO_ROOT,
            out: path.join(out, "packages"),
            version: pluginVersion(),
            distribution: pythonDistribution(),
            log,
        });
    })();
    return packages;
}

/** A venv as a Python user has it after `pip install pulumi_alicloud_live`: nothing of this repository but the wheel. */
export function userPythonVenv(): Promise<Venv> {
    userVenv ??= builtPythonPackages().then((built) =>
        obtainVenv({
            name: "pulumi-user",
            requirementsFile: USER_REQUIREMENTS,
            probeModule: pythonDistribution(),
            localPackages: [{ wheel: built.wheel, distribution: pythonDistribution(), version: built.version }],
            log,
        }),
    );
    return userVenv;
}
