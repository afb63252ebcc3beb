/**
 * How a Pulumi CLI is built from Go modules, as data: the modules and versions, the Go module files,
 * the build flags and the one plugin that is a script. Pure: `build.ts` carries it out.
 *
 * A CLI *set* (`CliSet`) is the CLI version plus the plugins built beside it; each Go binary is one
 * entry of `CliSet.binaries` (`GoBinarySpec`), so another plugin (a language host, a provider) is one
 * more entry. Each binary is its own Go module of ours, because binaries may need different versions
 * of the same module (one Go module holds one version of each dependency):
 * - `pulumi` from `pkg/v3` at exactly the version of the set's `@pulumi/pulumi` SDK;
 * - `pulumi-language-nodejs`. Its own module (`sdk/nodejs/cmd/pulumi-language-nodejs/v3`, untagged)
 *   is not served by the Go module proxy these machines reach (403 "This module version is not
 *   available" for every version and for the list), so it is built from the last release that kept
 *   it inside `sdk/v3` itself: `sdk/v3` v3.68.0 (May 2023; v3.69.0 moved it to its own module). The
 *   CLI talks to it over the stable LanguageRuntime gRPC protocol and falls back where an older host
 *   answers `Unimplemented`; the program itself runs on the SDK the program installs;
 * - `pulumi-language-yaml` (Pulumi YAML programs) from `github.com/pulumi/pulumi-yaml`, built against
 *   that release's own dependency versions (pulumi v3.206.0): it does not compile against v3.248.0,
 *   and the version Pulumi 3.248 bundles (YAML v1.37.0) is not served by the module proxy;
 * - `pulumi-language-go` (Pulumi Go programs). Like the Node.js host, its own module
 *   (`sdk/go/pulumi-language-go/v3`) is refused by the proxy, so it comes from the last `sdk/v3`
 *   release that kept it inside: v3.66.0 (v3.67.0 moved it out). It builds the program with the
 *   program's own go.mod (the Go SDK the program requires), so the old host only launches it;
 * - `pulumi-language-python` (the pinned set only), from the last `sdk/v3` release holding it
 *   (v3.79.0; its own module is refused like the Node.js host's), with its companion
 *   `pulumi-language-python-exec`, a Python script it runs, copied from `sdk/v3` at the version of
 *   the Python SDK the programs install (v3.248.0);
 * - `pulumi-language-java` (the pinned set only), from `github.com/pulumi/pulumi-java/pkg` v1.17.0,
 *   the module and version the Java SDK generator (tools/sdkgen/java) is built from, against that
 *   release's own dependencies (pulumi v3.205.0); its go.sum starts with pulumi-java's two hashes,
 *   the same as tools/sdkgen/java/go.sum's, so they are checked without the checksum database.
 */
import { createHash } from "node:crypto";

/** The fork Pulumi's own go.mod files put in place of `github.com/atotto/clipboard`. */
const CLIPBOARD_REPLACE = "github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e";

/** The last `sdk/v3` release whose module still contains the Node.js language host. */
export const LANGUAGE_HOST_SDK_VERSION = "3.68.0";

/** The last `sdk/v3` release whose module still contains the Go language host. */
export const GO_HOST_SDK_VERSION = "3.66.0";

/** The last `sdk/v3` release whose module still contains the Python language host. */
export const PYTHON_HOST_SDK_VERSION = "3.79.0";

/** The `sdk/v3` release whose `pulumi-language-python-exec` the Python host runs: the Python SDK's version (`pulumi==3.248.0`). */
export const PYTHON_EXEC_SDK_VERSION = "3.248.0";

/** The `pulumi-java` release the Java language host is built from: the Java SDK generator's (tools/sdkgen/java/go.mod). */
export const JAVA_HOST_VERSION = "1.17.0";

/** `go.sum` lines of that release (tools/sdkgen/java/go.sum has the same). */
export const JAVA_HOST_SUMS = [
    "github.com/pulumi/pulumi-java/pkg v1.17.0 h1:QjuZuUL95XXdT9YT/A74AgNt1nn6KpZXT3irkUV1sAg=",
    "github.com/pulumi/pulumi-java/pkg v1.17.0/go.mod h1:DHpS/gOv1rFWAxu1lcoLKCZzBSEqXDOxPGVUMfcFzLw=",
] as const;

/** The `pulumi-yaml` release the YAML language host is built from. */
export const YAML_HOST_VERSION = "1.25.0";

/** Pulumi's release build: `-trimpath`, these tags, and the version stamped into the binary. */
const BUILD_TAGS = "osusergo,grpcnotrace";
const SDK_VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
/** Where pulumi-yaml's release build stamps its version (the host reports it to the engine). */
const YAML_VERSION_VARIABLE = "github.com/pulumi/pulumi-yaml/pkg/version.Version";
/** Where pulumi-java's release build stamps its version. */
const JAVA_VERSION_VARIABLE = "github.com/pulumi/pulumi-java/pkg/version.Version";

export interface GoVersion {
    readonly major: number;
    readonly minor: number;
}

/** Oldest Go that compiles `pkg/v3` v3.248 (its go.mod says `go 1.25.11`). */
export const MINIMUM_GO: GoVersion = { major: 1, minor: 25 };

/** A file of a Go module (as the module proxy serves it), put beside a binary as an executable. */
export interface ModuleFile {
    /** The file name in the CLI's folder. */
    readonly name: string;
    readonly module: string;
    /** Without the `v`. */
    readonly version: string;
    /** The file's path inside the module. */
    readonly path: string;
}

/** One Go program of a CLI set, as data. */
export interface GoBinarySpec {
    /** The file name in the CLI's folder. */
    readonly name: string;
    /** The folder (below the build dir) holding this binary's Go module. */
    readonly moduleDir: string;
    /** Our module's name (its `module` line). */
    readonly module: string;
    /** `path version` pairs of the module's `require` block. */
    readonly requires: readonly string[];
    /** The main package `go build` compiles. */
    readonly mainPackage: string;
    /** The variable `-ldflags -X` stamps, and the version stamped (without the `v`). */
    readonly versionVariable: string;
    readonly versionStamp: string;
    /** Files the binary needs beside it (the Python host's exec script). */
    readonly companions?: readonly ModuleFile[];
    /** Lines the module's go.sum starts with: hashes checked against these rather than the checksum database. */
    readonly sums?: readonly string[];
}

/** A CLI version and the Go binaries built beside it (the CLI first). */
export interface CliSet {
    readonly version: string;
    readonly binaries: readonly GoBinarySpec[];
    /** Oldest Go that compiles every binary. @defaultValue `MINIMUM_GO` */
    readonly minimumGo?: GoVersion;
}

export interface GoBinary {
    /** The file name in the CLI's folder. */
    readonly name: string;
    /** The folder (below the build dir) holding this binary's Go module. */
    readonly moduleDir: string;
    readonly goMod: string;
    /** Imports every main package, so `go mod tidy` keeps what `go build` needs. */
    readonly toolsGo: string;
    /** `go build` arguments, less `-o <file>`. `-v` lists each package compiled: the progress shown. */
    readonly buildArgs: readonly string[];
    /** Copied beside the binary once it is built; absent when there are none (the fingerprint of other binaries stays as it was). */
    readonly companions?: readonly ModuleFile[];
    /** The go.sum written before `go mod tidy`; absent when there is none (as with companions). */
    readonly goSum?: string;
}

export interface BuildRecipe {
    /** The CLI version, `3.248.0`. */
    readonly version: string;
    readonly binaries: readonly GoBinary[];
    /** Scripts written beside the binaries: name and text. */
    readonly scripts: readonly { readonly name: string; readonly text: string }[];
    /** Every file a complete CLI folder holds: the binaries (each followed by its companions), then the scripts. */
    readonly executables: readonly string[];
    readonly minimumGo: GoVersion;
    /** Changes whenever a binary or script changes: part of the cache folder's name. */
    readonly fingerprint: string;
}

function goMod(module: string, requires: readonly string[]): string {
    return [`module ${module}`, "", "go 1.25", "", "require (", ...requires.map((r) => `\t${r}`), ")", "", `replace ${CLIPBOARD_REPLACE}`, ""].join(
        "\n",
    );
}

function toolsGo(mainPackage: string): string {
    return ["//go:build tools", "", "package tools", "", `import _ "${mainPackage}"`, ""].join("\n");
}

/** `go build` arguments, less `-o <file>`, which the builder adds. */
function buildArgs(spec: GoBinarySpec): string[] {
    return ["build", "-v", "-trimpath", "-tags", BUILD_TAGS, "-ldflags", `-X ${spec.versionVariable}=v${spec.versionStamp}`, spec.mainPackage];
}

/**
 * The dynamic-provider plugin: in Pulumi's release archive it is a shell script, not a Go program.
 * It runs the `@pulumi/pulumi` the program installed (resolved from the program's folder, the
 * plugin's working directory), so the host matches the SDK that serialized the provider.
 */
const DYNAMIC_PROVIDER_SCRIPT = [
    "#!/bin/sh",
    "# Pulumi's dynamic-provider host, from the @pulumi/pulumi the program installed.",
    `script=$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [process.cwd()] }))') || exit 1`,
    'exec node "$script" "$@"',
    "",
].join("\n");

function checkVersion(version: string): void {
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new TypeError(`Pulumi CLI version must look like 3.248.0, got ${JSON.stringify(version)}`);
}

/** `pulumi` itself, from `pkg/v3` and `sdk/v3` at `version`. */
export function cliBinary(version: string): GoBinarySpec {
    checkVersion(version);
    return {
        name: "pulumi",
        moduleDir: "cli",
        module: "pulumi-alicloud-live/pulumi-cli",
        requires: [`github.com/pulumi/pulumi/pkg/v3 v${version}`, `github.com/pulumi/pulumi/sdk/v3 v${version}`],
        mainPackage: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
        versionVariable: SDK_VERSION_VARIABLE,
        versionStamp: version,
    };
}

/** The Node.js language host from `sdk/v3` (only releases up to v3.68.0 contain it). */
export function nodejsLanguageHost(sdkVersion: string = LANGUAGE_HOST_SDK_VERSION): GoBinarySpec {
    return {
        name: "pulumi-language-nodejs",
        moduleDir: "language-nodejs",
        module: "pulumi-alicloud-live/pulumi-language-nodejs",
        requires: [`github.com/pulumi/pulumi/sdk/v3 v${sdkVersion}`],
        mainPackage: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
        versionVariable: SDK_VERSION_VARIABLE,
        versionStamp: sdkVersion,
    };
}

/** The YAML language host from `pulumi-yaml` (only it is required: `go mod tidy` takes the versions it asks for). */
export function yamlLanguageHost(version: string = YAML_HOST_VERSION): GoBinarySpec {
    return {
        name: "pulumi-language-yaml",
        moduleDir: "language-yaml",
        module: "pulumi-alicloud-live/pulumi-language-yaml",
        requires: [`github.com/pulumi/pulumi-yaml v${version}`],
        mainPackage: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
        versionVariable: YAML_VERSION_VARIABLE,
        versionStamp: version,
    };
}

/** The Go language host from `sdk/v3` (only releases up to v3.66.0 contain it). */
export function goLanguageHost(sdkVersion: string = GO_HOST_SDK_VERSION): GoBinarySpec {
    return {
        name: "pulumi-language-go",
        moduleDir: "language-go",
        module: "pulumi-alicloud-live/pulumi-language-go",
        requires: [`github.com/pulumi/pulumi/sdk/v3 v${sdkVersion}`],
        mainPackage: "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go",
        versionVariable: SDK_VERSION_VARIABLE,
        versionStamp: sdkVersion,
    };
}

/** The Python language host from `sdk/v3` (only releases up to v3.79.0 contain it), with its exec script. */
export function pythonLanguageHost(sdkVersion: string = PYTHON_HOST_SDK_VERSION): GoBinarySpec {
    return {
        name: "pulumi-language-python",
        moduleDir: "language-python",
        module: "pulumi-alicloud-live/pulumi-language-python",
        requires: [`github.com/pulumi/pulumi/sdk/v3 v${sdkVersion}`],
        mainPackage: "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python",
        versionVariable: SDK_VERSION_VARIABLE,
        versionStamp: sdkVersion,
        companions: [
            {
                name: "pulumi-language-python-exec",
                module: "github.com/pulumi/pulumi/sdk/v3",
                version: PYTHON_EXEC_SDK_VERSION,
                path: "python/cmd/pulumi-language-python-exec",
            },
        ],
    };
}

/** The Java language host from `pulumi-java`'s `pkg` module, its hashes pinned. */
export function javaLanguageHost(version: string = JAVA_HOST_VERSION, sums: readonly string[] = JAVA_HOST_SUMS): GoBinarySpec {
    return {
        name: "pulumi-language-java",
        moduleDir: "language-java",
        module: "pulumi-alicloud-live/pulumi-language-java",
        requires: [`github.com/pulumi/pulumi-java/pkg v${version}`],
        mainPackage: "github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java",
        versionVariable: JAVA_VERSION_VARIABLE,
        versionStamp: version,
        sums,
    };
}

/**
 * The CLI at `version` with the plugins every set has (the Node.js, YAML and Go language hosts), then
 * `more`: by default the Python and Java language hosts (the pinned set; the current set passes none).
 */
export function cliSet(
    version: string,
    minimumGo: GoVersion = MINIMUM_GO,
    more: readonly GoBinarySpec[] = [pythonLanguageHost(), javaLanguageHost()],
): CliSet {
    return { version, binaries: [cliBinary(version), nodejsLanguageHost(), yamlLanguageHost(), goLanguageHost(), ...more], minimumGo };
}

function goBinary(spec: GoBinarySpec): GoBinary {
    // Key order matters: the fingerprint hashes this object as JSON.
    return {
        name: spec.name,
        moduleDir: spec.moduleDir,
        goMod: goMod(spec.module, spec.requires),
        toolsGo: toolsGo(spec.mainPackage),
        buildArgs: buildArgs(spec),
        ...(spec.companions?.length ? { companions: spec.companions } : {}),
        ...(spec.sums?.length ? { goSum: spec.sums.map((line) => `${line}\n`).join("") } : {}),
    };
}

/** The recipe of a set; a bare version means `cliSet(version)`. */
export function buildRecipe(set: CliSet | string): BuildRecipe {
    const { version, binaries: specs, minimumGo = MINIMUM_GO } = typeof set === "string" ? cliSet(set) : set;
    checkVersion(version);
    const binaries = specs.map(goBinary);
    const scripts = [{ name: "pulumi-resource-pulumi-nodejs", text: DYNAMIC_PROVIDER_SCRIPT }];
    const executables = [...binaries.flatMap((b) => [b.name, ...(b.companions ?? []).map((c) => c.name)]), ...scripts.map((s) => s.name)];
    const fingerprint = createHash("sha256").update(JSON.stringify({ version, binaries, scripts })).digest("hex").slice(0, 12);
    return { version, binaries, scripts, executables, minimumGo, fingerprint };
}

/** The executables a working CLI folder of `cliSet` holds. */
export const CLI_EXECUTABLES = [
    "pulumi",
    "pulumi-language-nodejs",
    "pulumi-language-yaml",
    "pulumi-language-go",
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-language-java",
    "pulumi-resource-pulumi-nodejs",
] as const;
