/**
 * The current version set, obtained whole: Node from the npm registry, the SDK from the lockfile,
 * the CLI built by tools/pulumi-cli. Each part is cached; the first run shows each download or build.
 */
import * as path from "node:path";
import { findRepoRoot } from "../repo-root";
import { obtainPulumiCli, type PulumiCli } from "../pulumi-cli/obtain";
import { obtainNode, type NodeRuntime } from "./node-runtime";
import { obtainPackages, type InstalledPackages } from "./npm-packages";
import { CURRENT, CURRENT_NODE, setLabel, type VersionSet } from "./version-sets";

export interface Toolchain {
    readonly set: VersionSet;
    readonly node: NodeRuntime;
    /** Its @pulumi/pulumi (and pnpm). */
    readonly sdk: InstalledPackages;
    readonly cli: PulumiCli;
    /** `[current set: Node v22.23.5, @pulumi/pulumi 3.276.0, CLI v3.276.0]` */
    readonly label: string;
}

/** The folder holding the current set's lockfile. */
export function currentPackagesDir(repoRoot: string = findRepoRoot(__dirname)): string {
    return path.join(repoRoot, "tools", "toolchain", "current-packages");
}

export async function obtainCurrentSet(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<Toolchain> {
    const node = await obtainNode(CURRENT_NODE, { log, env });
    const sdk = await obtainPackages(CURRENT.sdk, { lockDir: currentPackagesDir(), log, env });
    const cli = await obtainPulumiCli({ set: CURRENT.cli, log, env });
    return { set: CURRENT, node, sdk, cli, label: setLabel("current", { node: node.version, sdk: sdk.version, cli: cli.version }) };
}
