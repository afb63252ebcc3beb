/**
 * `npm run sdk-packages`: builds what is published of the SDKs into `build/sdk-packages/` (or `--out DIR`):
 * the Python SDK's wheel and sdist. The Go SDK is published as a tag of this repository instead
 * (`sdk/go/vX.Y.Z`, see docs/go.md), so it has no file here.
 */
import * as path from "node:path";
import { PythonVenvError } from "../python-venv/python";
import { findRepoRoot } from "../repo-root";
import { pluginVersion } from "../../provider/plugin/version";
import { parseArgs, SdkPackagesError } from "./plan";
import { buildPythonPackages, pythonDistribution } from "./python";

const REPO_ROOT = findRepoRoot(__dirname);

async function main(argv: readonly string[]): Promise<number> {
    const log = (line: string) => console.error(line);
    try {
        const { out } = parseArgs(argv, path.join(REPO_ROOT, "build", "sdk-packages"));
        const built = await buildPythonPackages({
            repoRoot: REPO_ROOT,
            out: path.resolve(out),
            version: pluginVersion(),
            distribution: pythonDistribution(),
            log,
        });
        console.log(built.wheel);
        console.log(built.sdist);
        return 0;
    } catch (error) {
        if (error instanceof SdkPackagesError || error instanceof PythonVenvError) {
            console.error(`Cannot build the SDK packages: ${error.message}`);
            return 1;
        }
        throw error;
    }
}

// A rejection is left unhandled on purpose: Node prints it and exits 1.
void main(process.argv.slice(2)).then((code) => process.exit(code));
