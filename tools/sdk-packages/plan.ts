/**
 * The pure parts of `npm run sdk-packages`: the command line, the Python SDK's version as its generated
 * `setup.py` states it, and the files a build must leave. `python.ts` does the I/O.
 */

export class SdkPackagesError extends Error {
    override readonly name = "SdkPackagesError";
}

export const USAGE = "usage: npm run sdk-packages [-- --out DIR]";

/** `--out DIR` (default `defaultOut`); anything else is refused, naming it. */
export function parseArgs(argv: readonly string[], defaultOut: string): { readonly out: string } {
    let out = defaultOut;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--out" || arg.startsWith("--out=")) {
            const value = arg === "--out" ? argv[++i] : arg.slice("--out=".length);
            if (!value) throw new SdkPackagesError(`--out needs a folder (${USAGE})`);
            out = value;
        } else throw new SdkPackagesError(`unknown argument ${JSON.stringify(arg)} (${USAGE})`);
    }
    return { out };
}

/**
 * The version in a generated `setup.py` (`VERSION = "0.1.0"`): Pulumi's generator writes package.json's
 * version there, in PEP 440's spelling (`1.0.0-alpha.1` becomes `1.0.0a1`).
 */
export function setupPyVersion(setupPy: string): string {
    const match = /^VERSION = "([^"]+)"$/m.exec(setupPy);
    if (!match) throw new SdkPackagesError('sdk/python/setup.py states no VERSION = "...": regenerate it with `npm run sdkgen`');
    return match[1];
}

/** A plain release (`1.2.3`) is spelled the same in both; PEP 440's spelling of a pre-release differs. */
export function checkPythonVersion(packageVersion: string, pythonVersion: string): void {
    if (/^\d+\.\d+\.\d+$/.test(packageVersion) && pythonVersion !== packageVersion) {
        throw new SdkPackagesError(
            `sdk/python is version ${pythonVersion}, package.json ${packageVersion}: regenerate the SDK with \`npm run sdkgen\``,
        );
    }
}

export interface PythonFiles {
    readonly wheel: string;
    readonly sdist: string;
}

/** What `python -m build` names the wheel (pure Python, any Python 3) and the sdist of `distribution` at `version`. */
export function pythonFiles(distribution: string, version: string): PythonFiles {
    const name = distribution.replace(/[-.]+/g, "_").toLowerCase();
    return { wheel: `${name}-${version}-py3-none-any.whl`, sdist: `${name}-${version}.tar.gz` };
}

/** Compares what a build left with what it should have, naming every file missing or unexpected; undefined when they agree. */
export function unexpectedFiles(found: readonly string[], expected: PythonFiles): string | undefined {
    const wanted = [expected.wheel, expected.sdist];
    const missing = wanted.filter((f) => !found.includes(f));
    const extra = found.filter((f) => !wanted.includes(f));
    if (missing.length === 0 && extra.length === 0) return undefined;
    return [...missing.map((f) => `missing ${f}`), ...extra.map((f) => `unexpected ${f}`)].join(", ");
}
