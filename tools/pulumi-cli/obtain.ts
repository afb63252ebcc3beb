/**
 * A working Pulumi CLI, in this order of preference:
 *   1. a `pulumi` already on PATH (the user's own install, with its own plugins);
 *   2. a cached build of the pinned SDK's version (and of this recipe);
 *   3. a fresh build from Pulumi's Go modules, cached for next time.
 * With an explicit `set` (another version set, e.g. the current one) only 2 and 3: exactly that set.
 * The one way tests, the demo and the benchmark get their CLI.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildCli } from "./build";
import { buildRecipe, type CliSet } from "./recipe";

export type CliSource = "path" | "cache" | "build";

export interface PulumiCli {
    /** The folder holding `pulumi` and its Node.js plugins; `undefined` for the install on PATH. */
    readonly binDir: string | undefined;
    /** `pulumi` itself: a path, or the bare name when it is the one on PATH. */
    readonly pulumi: string;
    /** What `pulumi version` prints, e.g. `v3.248.0`. */
    readonly version: string;
    readonly source: CliSource;
}

export interface ObtainOptions {
    /** Progress lines (a cold build prints one every 20 s). @defaultValue `console.error` */
    readonly log?: (line: string) => void;
    /** Look at PATH first. `PULUMI_ALICLOUD_LIVE_CLI=build` in the environment turns it off too. @defaultValue true */
    readonly usePath?: boolean;
    /** Where builds are cached. @defaultValue see `cacheRoot` */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
    /** Exactly this CLI set (never the one on PATH). @defaultValue the pinned SDK's version, PATH first */
    readonly set?: CliSet;
}

/** The package whose version the CLI must match. */
const SDK_PACKAGE = "@pulumi/pulumi";

/** `$PULUMI_ALICLOUD_LIVE_CLI_CACHE`, else `$XDG_CACHE_HOME/pulumi-alicloud-live/pulumi-cli`, else `~/.cache/...`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    if (env.PULUMI_ALICLOUD_LIVE_CLI_CACHE) return path.resolve(env.PULUMI_ALICLOUD_LIVE_CLI_CACHE);
    const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "pulumi-alicloud-live", "pulumi-cli");
}

/** The version of the `@pulumi/pulumi` installed beside this package: the CLI is built to match it. */
export function pinnedSdkVersion(from: string = __dirname): string {
    const manifest = require.resolve(`${SDK_PACKAGE}/package.json`, { paths: [from] });
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function versionOf(executable: string, env: NodeJS.ProcessEnv): string | undefined {
    const probe = spawnSync(executable, ["version"], { env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" }, encoding: "utf8", timeout: 30_000 });
    return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function complete(dir: string, executables: readonly string[]): boolean {
    return executables.every((name) => fs.existsSync(path.join(dir, name)));
}

export async function obtainPulumiCli(options: ObtainOptions = {}): Promise<PulumiCli> {
    const env = options.env ?? process.env;
    const log = options.log ?? ((line: string) => console.error(line));
    const usePath = (options.usePath ?? true) && env.PULUMI_ALICLOUD_LIVE_CLI !== "build" && !options.set;

    if (usePath) {
        const version = versionOf("pulumi", env);
        if (version) return { binDir: undefined, pulumi: "pulumi", version, source: "path" };
    }

    const recipe = buildRecipe(options.set ?? pinnedSdkVersion());
    const target = path.join(options.cacheRoot ?? cacheRoot(env), `v${recipe.version}-${recipe.fingerprint}`);
    const cached = complete(target, recipe.executables) ? versionOf(path.join(target, "pulumi"), env) : undefined;
    if (cached) return { binDir: target, pulumi: path.join(target, "pulumi"), version: cached, source: "cache" };

    // An incomplete folder is what a crash between rename and check could leave: build it again.
    fs.rmSync(target, { recursive: true, force: true });
    await buildCli({ recipe, target, log, env });
    return { binDir: target, pulumi: path.join(target, "pulumi"), version: `v${recipe.version}`, source: "build" };
}

/** `PATH` with the CLI's folder first, so `pulumi` finds the plugins built beside it. */
export function pathWithCli(cli: PulumiCli, env: NodeJS.ProcessEnv = process.env): string {
    const current = env.PATH ?? "";
    return cli.binDir ? `${cli.binDir}${path.delimiter}${current}` : current;
}

/** One line saying which CLI runs, for test and demo output. */
export function describeCli(cli: PulumiCli): string {
    const where = { path: "found on PATH", cache: `cached build in ${cli.binDir}`, build: `built just now into ${cli.binDir}` }[cli.source];
    return `Pulumi CLI ${cli.version} (${where})`;
}
