/**
 * The Python SDK as it is published: `sdk/python` built into a wheel and an sdist by PyPA's `build`
 * (in a cached venv of pinned build tools, tools/python-venv, so no index is needed once it exists),
 * from a copy with the package's README (PyPI's long description) and the repository's LICENSE beside
 * `setup.py`. The files are made in a staging folder and replace `out` only once both are there and
 * named for the version `setup.py` states, which must be package.json's. The wheel is reproducible.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lastLines, runCommand } from "../child-process";
import { obtainVenv } from "../python-venv/obtain";
import { isBuildLeftover } from "../python-venv/local-package";
import { pluginDistribution } from "../../provider/plugin/distribution";
import { packageSchema } from "../../provider/plugin/schema";
import { checkPythonVersion, pythonFiles, SdkPackagesError, setupPyVersion, unexpectedFiles } from "./plan";

/**
 * The wheel's file times (1980-01-01, the earliest a zip holds): with them fixed, the same sources give a
 * byte-identical wheel (the `wheel` package honours SOURCE_DATE_EPOCH), so a wheel's bytes name its content.
 */
const SOURCE_DATE_EPOCH = "315532800";

/** One small pure-Python build takes seconds. */
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface PythonPackagesOptions {
    /** The repository root: `sdk/python`, `LICENSE` and `tools/sdk-packages/` are read from it. */
    readonly repoRoot: string;
    /** The folder the wheel and the sdist go to (replaced). */
    readonly out: string;
    /** package.json's version, which the SDK must have. */
    readonly version: string;
    /** The Python distribution, the schema's `language.python.packageName` (`pulumi_alicloud_live`). */
    readonly distribution: string;
    readonly log: (line: string) => void;
    readonly env?: NodeJS.ProcessEnv;
}

export interface PythonPackages {
    /** PEP 440's spelling of the version, as in the file names. */
    readonly version: string;
    readonly wheel: string;
    readonly sdist: string;
}

/** The Python distribution's name, as the schema gives it to the generator (`pulumi_alicloud_live`). */
export function pythonDistribution(): string {
    const schema = packageSchema("0.0.0", pluginDistribution()) as { language: { python: { packageName: string } } };
    return schema.language.python.packageName;
}

export async function buildPythonPackages(options: PythonPackagesOptions): Promise<PythonPackages> {
    const env = options.env ?? process.env;
    const sdkDir = path.join(options.repoRoot, "sdk", "python");
    const version = setupPyVersion(fs.readFileSync(path.join(sdkDir, "setup.py"), "utf8"));
    checkPythonVersion(options.version, version);
    const venv = await obtainVenv({
        name: "sdk-build",
        requirementsFile: path.join(options.repoRoot, "tools", "sdk-packages", "python-build-requirements.txt"),
        probeModule: "build",
        log: options.log,
        env,
    });

    const parent = path.dirname(path.resolve(options.out));
    fs.mkdirSync(parent, { recursive: true });
    const staging = fs.mkdtempSync(path.join(parent, ".sdk-packages-staging-"));
    try {
        const source = path.join(staging, "source");
        const built = path.join(staging, "out");
        fs.cpSync(sdkDir, source, { recursive: true, filter: (from) => !isBuildLeftover(path.basename(from)) });
        fs.copyFileSync(path.join(sdkDir, options.distribution, "README.md"), path.join(source, "README.md"));
        fs.copyFileSync(path.join(options.repoRoot, "LICENSE"), path.join(source, "LICENSE"));
        options.log(`Building ${options.distribution} ${version} (wheel and sdist) from ${sdkDir}`);
        const build = await runCommand(venv.python, ["-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", built, source], {
            cwd: staging,
            env: { ...env, PIP_NO_INPUT: "1", SOURCE_DATE_EPOCH },
            timeoutMs: BUILD_TIMEOUT_MS,
        });
        if (build.code !== 0) {
            const why = build.timedOut ? "timed out" : `exited with ${build.code}`;
            throw new SdkPackagesError(`python -m build of ${sdkDir} ${why}:\n${lastLines(build.output, 12)}`);
        }
        const expected = pythonFiles(options.distribution, version);
        const wrong = unexpectedFiles(fs.readdirSync(built), expected);
        if (wrong) throw new SdkPackagesError(`python -m build of ${sdkDir} left other files than expected: ${wrong}`);
        fs.rmSync(options.out, { recursive: true, force: true });
        fs.renameSync(built, options.out);
        for (const file of [expected.wheel, expected.sdist]) {
            options.log(`  ${path.join(options.out, file)} (${fs.statSync(path.join(options.out, file)).size} bytes)`);
        }
        return { version, wheel: path.join(options.out, expected.wheel), sdist: path.join(options.out, expected.sdist) };
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
}
