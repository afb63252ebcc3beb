/**
 * How a Pulumi CLI is built from Pulumi's Go modules, as data: the modules and versions, the Go
 * module file, the build flags and the one plugin that is a script. Pure: `build.ts` carries it out.
 *
 * Each binary comes from a separate Go module of ours, because they need different versions of
 * `github.com/pulumi/pulumi/sdk/v3` (one Go module holds one version of each dependency):
 * - `pulumi` from `pkg/v3` at exactly the version of the pinned `@pulumi/pulumi` SDK;
 * - `pulumi-language-nodejs`. Its own module (`sdk/nodejs/cmd/pulumi-language-nodejs/v3`, untagged)
 *   is not served by the Go module proxy these machines reach (403 "This module version is not
 *   available" for every version and for the list), so it is built from the last release that kept
 *   it inside `sdk/v3` itself: `sdk/v3` v3.68.0 (May 2023; v3.69.0 moved it to its own module). The
 *   CLI talks to it over the stable LanguageRuntime gRPC protocol and falls back where an older host
 *   answers `Unimplemented`; the program itself runs on the SDK the program installs.
 *
 * A third, `pulumi-language-yaml` (Pulumi YAML programs), comes from `github.com/pulumi/pulumi-yaml`,
 * built against that release's own dependency versions (pulumi v3.206.0): it does not compile against
 * v3.248.0, and the version Pulumi 3.248 bundles (YAML v1.37.0) is not served by the module proxy.
 */
import { createHash } from "node:crypto";

/** The fork Pulumi's own go.mod files put in place of `github.com/atotto/clipboard`. */
const CLIPBOARD_REPLACE = "github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e";

/** The last `sdk/v3` release whose module still contains the Node.js language host. */
export const LANGUAGE_HOST_SDK_VERSION = "3.68.0";

/** The `pulumi-yaml` release the YAML language host is built from. */
export const YAML_HOST_VERSION = "1.25.0";

/** Pulumi's release build: `-trimpath`, these tags, and the version stamped into the binary. */
const BUILD_TAGS = "osusergo,grpcnotrace";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
/** Where pulumi-yaml's release build stamps its version (the host reports it to the engine). */
const YAML_VERSION_VARIABLE = "github.com/pulumi/pulumi-yaml/pkg/version.Version";

/** Oldest Go that compiles `pkg/v3` v3.248 (its go.mod says `go 1.25.11`). */
export const MINIMUM_GO = { major: 1, minor: 25 } as const;

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
}

export interface BuildRecipe {
    /** The CLI version, `3.248.0`. */
    readonly version: string;
    readonly binaries: readonly GoBinary[];
    /** Scripts written beside the binaries: name and text. */
    readonly scripts: readonly { readonly name: string; readonly text: string }[];
    /** Changes whenever anything above changes: part of the cache folder's name. */
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
function buildArgs(versionStamp: string, mainPackage: string, versionVariable = VERSION_VARIABLE): string[] {
    return ["build", "-v", "-trimpath", "-tags", BUILD_TAGS, "-ldflags", `-X ${versionVariable}=v${versionStamp}`, mainPackage];
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

export function buildRecipe(version: string): BuildRecipe {
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new TypeError(`Pulumi CLI version must look like 3.248.0, got ${JSON.stringify(version)}`);
    const cliMain = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
    const hostMain = "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs";
    const yamlHostMain = "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml";
    const binaries: GoBinary[] = [
        {
            name: "pulumi",
            moduleDir: "cli",
            goMod: goMod("pulumi-alicloud-live/pulumi-cli", [
                `github.com/pulumi/pulumi/pkg/v3 v${version}`,
                `github.com/pulumi/pulumi/sdk/v3 v${version}`,
            ]),
            toolsGo: toolsGo(cliMain),
            buildArgs: buildArgs(version, cliMain),
        },
        {
            name: "pulumi-language-nodejs",
            moduleDir: "language-nodejs",
            goMod: goMod("pulumi-alicloud-live/pulumi-language-nodejs", [`github.com/pulumi/pulumi/sdk/v3 v${LANGUAGE_HOST_SDK_VERSION}`]),
            toolsGo: toolsGo(hostMain),
            buildArgs: buildArgs(LANGUAGE_HOST_SDK_VERSION, hostMain),
        },
        {
            name: "pulumi-language-yaml",
            moduleDir: "language-yaml",
            goMod: goMod("pulumi-alicloud-live/pulumi-language-yaml", [`github.com/pulumi/pulumi-yaml v${YAML_HOST_VERSION}`]),
            toolsGo: toolsGo(yamlHostMain),
            buildArgs: buildArgs(YAML_HOST_VERSION, yamlHostMain, YAML_VERSION_VARIABLE),
        },
    ];
    const scripts = [{ name: "pulumi-resource-pulumi-nodejs", text: DYNAMIC_PROVIDER_SCRIPT }];
    const fingerprint = createHash("sha256").update(JSON.stringify({ version, binaries, scripts })).digest("hex").slice(0, 12);
    return { version, binaries, scripts, fingerprint };
}

/** The executables a working CLI folder holds. */
export const CLI_EXECUTABLES = ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml", "pulumi-resource-pulumi-nodejs"] as const;
