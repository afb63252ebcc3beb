/**
 * How Go users get the Go SDK, as data: the module lives in this repository's `sdk/go` folder, so a
 * release is the git tag `sdk/go/vX.Y.Z` (Go's rule for a module in a subfolder), and a program adds it
 * with `go get <module>@vX.Y.Z`. Also the environment the tests build a program in so that the module
 * comes from a local module proxy ahead of the real one, with the checksum database off for it alone. Pure.
 */
import { GO_SDK_FOLDER } from "../../provider/plugin/distribution";

/** The git tag that releases the Go SDK of `version` (package.json's, which the generated SDK states). */
export function goSdkTag(version: string): string {
    return `${GO_SDK_FOLDER}/v${version}`;
}

/** What a user runs in their program's folder. */
export function goGetCommand(module: string, version: string): string {
    return `go get ${module}@v${version}`;
}

/**
 * Go's escaping of a module path for a proxy's file layout and the module cache: each upper-case letter
 * becomes `!` and its lower case (`github.com/Azure/x` -> `github.com/!azure/x`).
 */
export function escapeModulePath(module: string): string {
    return module.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

export interface UserGoEnvOptions {
    /** The module served by the local proxy. */
    readonly module: string;
    /** The local proxy's folder (the `go mod download` layout: `<module>/@v/list`, `vX.info`, `.mod`, `.zip`). */
    readonly proxyDir: string;
    /** Where everything else comes from: the machine's own GOPROXY (`go env GOPROXY`). */
    readonly upstreamProxy: string;
    /** The module cache the build uses. */
    readonly modCache: string;
}

/**
 * Variables for `go` commands that get the module as a user would once it is published: from a module
 * proxy (here a local one, first in the list; a proxy that lacks a module answers "not found" and the
 * next is asked), every dependency from the real proxy, the checksum database asked about everything but
 * this module (which it cannot know yet). `-trimpath` keeps compiled packages shareable between module
 * caches (their folder is not part of the build cache's key), so a fresh cache costs no recompilation;
 * no cgo (the SDK is pure Go), so a PATH without a C compiler builds the same packages.
 */
export function userGoEnv(options: UserGoEnvOptions): Record<string, string> {
    return {
        GO111MODULE: "on",
        GOTOOLCHAIN: "local",
        CGO_ENABLED: "0",
        GOPROXY: [`file://${options.proxyDir}`, options.upstreamProxy].filter(Boolean).join(","),
        GONOSUMDB: options.module,
        GOPRIVATE: "",
        GONOPROXY: "",
        GOMODCACHE: options.modCache,
        GOFLAGS: "-mod=readonly -trimpath",
    };
}
