/**
 * The version sets the CLI suite runs, each obtained once per test process through the repository's
 * own tools (tools/pulumi-cli, tools/toolchain), with its versions checked against
 * tools/toolchain/version-sets.ts and named on every line of the suite's output.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describeCli, obtainPulumiCli, pinnedSdkVersion, type PulumiCli } from "../../../tools/pulumi-cli/obtain";
import { obtainCurrentSet } from "../../../tools/toolchain/current-set";
import { CURRENT, mismatches, PINNED, setLabel, type RanVersions, type VersionSet } from "../../../tools/toolchain/version-sets";
import { REPO_ROOT } from "./programs";

/** One version set, ready to run programs. */
export interface SetRun {
    readonly set: VersionSet;
    readonly cli: PulumiCli;
    /** The installed `@pulumi/pulumi` folder program folders link to. */
    readonly sdkDir: string;
    /** The set's pnpm (the current set only). */
    readonly pnpm?: string;
    /** Environment for `pulumi` runs: PATH with the set's Node first (the language host runs `node`). */
    readonly env: Readonly<Record<string, string>>;
    readonly ran: RanVersions;
    /** `[pinned set: Node v20.20.2, @pulumi/pulumi 3.248.0, CLI v3.248.0]` */
    readonly label: string;
}

const log = (line: string) => console.log(`      ${line}`);
let cli: Promise<PulumiCli> | undefined;
let pinned: Promise<SetRun> | undefined;
let current: Promise<SetRun> | undefined;

/** The pinned set's CLI (PATH, cache or build), its version printed. */
export function suiteCli(): Promise<PulumiCli> {
    cli ??= obtainPulumiCli({ log }).then((found) => {
        log(`CLI suite runs ${describeCli(found)}`);
        return found;
    });
    return cli;
}

/** The version of `node` first on `pathVar`, as the language host and the provider host will run it. */
function nodeOnPath(pathVar: string): string {
    return execFileSync("node", ["--version"], { env: { ...process.env, PATH: pathVar }, encoding: "utf8" }).trim();
}

function checked(set: VersionSet, run: Omit<SetRun, "label" | "set">): SetRun {
    // Your own pulumi on PATH is used as it is (the pinned set only): its version is in the label, not checked.
    const found = mismatches(set, run.ran).filter((m) => run.cli.source !== "path" || !m.startsWith("CLI "));
    if (found.length > 0) throw new Error(`the ${set.name} version set does not run what tools/toolchain/version-sets.ts says: ${found.join("; ")}`);
    return { ...run, set, label: setLabel(set.name, run.ran) };
}

/** The repository's own SDK and Node, and the pinned CLI. */
export function pinnedSet(): Promise<SetRun> {
    pinned ??= suiteCli().then((found) => {
        const PATH = [found.binDir, process.env.PATH].filter(Boolean).join(path.delimiter);
        const sdkDir = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi");
        const run = checked(PINNED, {
            cli: found,
            sdkDir,
            env: { PATH },
            ran: { node: nodeOnPath(PATH), sdk: pinnedSdkVersion(REPO_ROOT), cli: found.version },
        });
        log(`pinned set ${run.label}`);
        return run;
    });
    return pinned;
}

/** Node 22, the newest SDK and CLI, from tools/toolchain's caches (downloaded or built on first use). */
export function currentSet(): Promise<SetRun> {
    current ??= obtainCurrentSet(log).then((toolchain) => {
        const PATH = [toolchain.cli.binDir, toolchain.node.binDir, process.env.PATH].filter(Boolean).join(path.delimiter);
        const ran = { node: nodeOnPath(PATH), sdk: toolchain.sdk.version, cli: toolchain.cli.version };
        const pnpm = path.join(toolchain.sdk.binDir, "pnpm");
        const run = checked(CURRENT, { cli: toolchain.cli, sdkDir: toolchain.sdk.dir, pnpm, env: { PATH }, ran });
        log(`current set ${run.label}`);
        return run;
    });
    return current;
}

/**
 * Appends the set's label to every test title of the suite whose `before` hook calls this (`hook` is
 * the hook's `this`): mocha reports a test's line after it ran, so each line carries the label.
 */
export function labelTests(hook: Mocha.Context, label: string): void {
    const suite = hook.test?.parent;
    if (!suite) throw new Error("labelTests is called from a before hook");
    suite.eachTest((test) => {
        if (!test.title.endsWith(label)) test.title = `${test.title} ${label}`;
    });
}
