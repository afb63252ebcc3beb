/** The archive command's arguments: `--platforms a,b`, `--version V`, `--out DIR`, `--help`. Pure. */

export interface ArchiveArgs {
    readonly platforms?: readonly string[];
    readonly version?: string;
    readonly outDir?: string;
    /** After building, run each executable as far as this machine allows (`run-check.ts`). */
    readonly run: boolean;
    readonly help: boolean;
}

export const USAGE = `npm run plugin-archives -- [--platforms linux-amd64,linux-arm64,...] [--version 0.1.0] [--out DIR] [--run]

Builds pulumi-resource-alicloud-live-v<version>-<os>-<arch>.tar.gz for each platform and SHA256SUMS beside them.
  --platforms  comma-separated (default: every platform it builds: linux-amd64, linux-arm64, windows-amd64, darwin-amd64)
  --version    the version in the names and the one the plugin reports (default: package.json's)
  --out        the output folder (default: build/plugin-archives)
  --run        then run each executable with no node on PATH: natively, under qemu-user (linux-arm64) or wine (windows-amd64)`;

export function parseArchiveArgs(argv: readonly string[]): ArchiveArgs {
    let platforms: string[] | undefined;
    let version: string | undefined;
    let outDir: string | undefined;
    let help = false;
    let runAfter = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const [flag, inline] =
            arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v === "") throw new RangeError(`${flag} needs a value`);
            return v;
        };
        if (flag === "--platforms")
            platforms = value()
                .split(",")
                .map((p) => p.trim())
                .filter((p) => p !== "");
        else if (flag === "--version") version = value();
        else if (flag === "--out") outDir = value();
        else if (flag === "--run") runAfter = true;
        else if (flag === "--help" || flag === "-h") help = true;
        else throw new RangeError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
    return { platforms, version, outDir, run: runAfter, help };
}
