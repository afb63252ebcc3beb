/**
 * Carries out a `BuildRecipe`: checks that Go and its module proxy are there, compiles in a staging
 * folder, checks the result runs, and only then moves it into the cache in one rename. A failed or
 * interrupted build leaves no cache entry (at most a staging folder, removed on the way out).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lastLines, runCommand, type Outcome } from "../child-process";
import { MINIMUM_GO, type BuildRecipe, type GoBinary, type GoVersion, type ModuleFile } from "./recipe";

/** How often a running build says it is still running. */
const HEARTBEAT_MS = 20_000;
/** A cold build of one binary takes minutes on 2 cores; past this something is wrong. */
const BUILD_STEP_TIMEOUT_MS = 45 * 60_000;
/** `go version` and the module proxy probe answer in seconds when they answer at all. */
const PROBE_TIMEOUT_MS = 120_000;

export class CliBuildError extends Error {
    override readonly name = "CliBuildError";
}

export interface BuildOptions {
    readonly recipe: BuildRecipe;
    /** The finished CLI folder; must not exist yet. */
    readonly target: string;
    readonly log: (line: string) => void;
    readonly env?: NodeJS.ProcessEnv;
}

/** One `go` command; `onStderrLine` sees go's progress (the packages it compiles). */
function run(
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
    timeoutMs: number,
    onStderrLine?: (line: string) => void,
): Promise<Outcome> {
    return runCommand("go", args, { cwd, env, timeoutMs, onLine: onStderrLine && ((line, stream) => stream === "stderr" && onStderrLine(line)) });
}

/** What a Go build of this repository needs, and how its refusals read. */
export interface GoRequirement {
    readonly minimum: GoVersion;
    /** What Go would build, for "Go 1.22 is too old to build <building>". */
    readonly building: string;
    /** The whole message when there is no `go` at all. */
    readonly whenMissing: string;
    readonly error: (message: string) => Error;
}

/** Go is installed and new enough; returns `go version`'s line, or throws a message naming what is missing. */
export async function requireGo(env: NodeJS.ProcessEnv, cwd: string, requirement: GoRequirement): Promise<string> {
    const { minimum } = requirement;
    const probe = await run(["version"], cwd, env, PROBE_TIMEOUT_MS);
    if (probe.missing) throw requirement.error(requirement.whenMissing);
    const match = /go(\d+)\.(\d+)/.exec(probe.stdout);
    if (probe.code !== 0 || !match) throw requirement.error(`\`go version\` failed: ${lastLines(probe.stderr || probe.stdout)}`);
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major < minimum.major || (major === minimum.major && minor < minimum.minor)) {
        throw requirement.error(`Go ${major}.${minor} is too old to build ${requirement.building}: it needs Go >= ${minimum.major}.${minimum.minor}`);
    }
    return probe.stdout.trim();
}

/** Go can build the Pulumi CLI. */
export function checkGo(env: NodeJS.ProcessEnv, cwd: string, minimum: GoVersion = MINIMUM_GO): Promise<string> {
    return requireGo(env, cwd, {
        minimum,
        building: "the Pulumi CLI",
        whenMissing: `no Pulumi CLI on PATH, and no Go to build one: install Go >= ${minimum.major}.${minimum.minor} (the \`go\` command), or install the Pulumi CLI`,
        error: (message) => new CliBuildError(message),
    });
}

/** The module proxy serves the CLI's module at the wanted version; throws naming the proxy. */
export async function checkModuleProxy(recipe: BuildRecipe, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
    const module = `github.com/pulumi/pulumi/pkg/v3@v${recipe.version}`;
    const probe = await run(["list", "-m", "-json", module], cwd, { ...env, GO111MODULE: "on", GOFLAGS: "-mod=mod" }, PROBE_TIMEOUT_MS);
    if (probe.code === 0) return;
    const proxy = (await run(["env", "GOPROXY"], cwd, env, PROBE_TIMEOUT_MS)).stdout.trim() || "(unset)";
    const why = probe.timedOut ? `no answer in ${PROBE_TIMEOUT_MS / 1000} s` : lastLines(probe.stderr);
    throw new CliBuildError(`the Go module proxy (GOPROXY=${proxy}) does not serve ${module}: ${why}`);
}

/** Copies `file` out of its Go module (downloaded into the module cache when missing) into `binDir`, executable. */
async function copyModuleFile(
    file: ModuleFile,
    moduleDir: string,
    binDir: string,
    env: NodeJS.ProcessEnv,
    log: (line: string) => void,
): Promise<void> {
    const ref = `${file.module}@v${file.version}`;
    log(`  ${file.name}: copying ${file.path} from ${ref}`);
    const download = await run(["mod", "download", "-json", ref], moduleDir, env, BUILD_STEP_TIMEOUT_MS);
    // On failure too, `-json` prints an object whose `Error` says why.
    let answer: { Dir?: string; Error?: string } = {};
    try {
        answer = JSON.parse(download.stdout) as typeof answer;
    } catch {
        // Not JSON: go's stderr says why.
    }
    if (download.code !== 0 || !answer.Dir) {
        const why = download.timedOut ? "timed out" : answer.Error || lastLines(download.stderr || download.stdout);
        throw new CliBuildError(`go mod download of ${ref} (for ${file.name}) failed: ${why}`);
    }
    const source = path.join(answer.Dir, file.path);
    if (!fs.existsSync(source)) throw new CliBuildError(`${ref} has no ${file.path} (for ${file.name})`);
    const target = path.join(binDir, file.name);
    fs.copyFileSync(source, target);
    // The module cache's files are read-only.
    fs.chmodSync(target, 0o755);
}

async function buildBinary(binary: GoBinary, staging: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
    const moduleDir = path.join(staging, "src", binary.moduleDir);
    fs.mkdirSync(moduleDir, { recursive: true });
    fs.writeFileSync(path.join(moduleDir, "go.mod"), binary.goMod);
    fs.writeFileSync(path.join(moduleDir, "tools.go"), binary.toolsGo);
    if (binary.goSum) fs.writeFileSync(path.join(moduleDir, "go.sum"), binary.goSum);

    const started = Date.now();
    let compiled = 0;
    let phase = "downloading modules";
    const heartbeat = setInterval(() => {
        const seconds = Math.round((Date.now() - started) / 1000);
        log(`  ... ${binary.name}: ${phase}, ${seconds} s${compiled ? `, ${compiled} packages compiled` : ""}`);
    }, HEARTBEAT_MS);
    try {
        log(`  ${binary.name}: resolving modules (go mod tidy)`);
        const tidy = await run(["mod", "tidy"], moduleDir, env, BUILD_STEP_TIMEOUT_MS);
        if (tidy.code !== 0)
            throw new CliBuildError(`go mod tidy for ${binary.name} failed${tidy.timedOut ? " (timed out)" : ""}:\n${lastLines(tidy.stderr)}`);
        phase = "compiling";
        log(`  ${binary.name}: compiling (go ${binary.buildArgs.join(" ")})`);
        const output = path.join(staging, "bin", binary.name);
        const build = await run(
            [...binary.buildArgs.slice(0, 1), "-o", output, ...binary.buildArgs.slice(1)],
            moduleDir,
            env,
            BUILD_STEP_TIMEOUT_MS,
            (line) => {
                if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line.trim())) compiled++;
            },
        );
        if (build.code !== 0)
            throw new CliBuildError(`go build of ${binary.name} failed${build.timedOut ? " (timed out)" : ""}:\n${lastLines(build.stderr)}`);
        for (const file of binary.companions ?? []) await copyModuleFile(file, moduleDir, path.join(staging, "bin"), env, log);
        log(`  ${binary.name}: built in ${Math.round((Date.now() - started) / 1000)} s`);
    } finally {
        clearInterval(heartbeat);
    }
}

/** Builds the recipe into `options.target`. */
export async function buildCli(options: BuildOptions): Promise<void> {
    const { recipe, target, log } = options;
    const env = { ...(options.env ?? process.env), GO111MODULE: "on", GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" };
    const parent = path.dirname(target);
    fs.mkdirSync(parent, { recursive: true });
    const staging = fs.mkdtempSync(path.join(parent, `.staging-${path.basename(target)}-`));
    try {
        log(`Building the Pulumi CLI v${recipe.version} from Pulumi's Go modules (a cold build takes many minutes; later runs use the cache)`);
        log(`  ${await checkGo(env, staging, recipe.minimumGo)}`);
        await checkModuleProxy(recipe, env, staging);
        fs.mkdirSync(path.join(staging, "bin"));
        for (const binary of recipe.binaries) await buildBinary(binary, staging, env, log);
        for (const script of recipe.scripts) fs.writeFileSync(path.join(staging, "bin", script.name), script.text, { mode: 0o755 });
        const check = (
            await runCommand(path.join(staging, "bin", "pulumi"), ["version"], {
                env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" },
                timeoutMs: PROBE_TIMEOUT_MS,
            })
        ).stdout.trim();
        if (check !== `v${recipe.version}`)
            throw new CliBuildError(`the built pulumi says its version is ${JSON.stringify(check)}, not v${recipe.version}`);
        try {
            fs.renameSync(path.join(staging, "bin"), target);
        } catch (error) {
            // Another build of the same recipe finished first: its result is as good as ours.
            if (!fs.existsSync(path.join(target, "pulumi"))) throw error;
        }
        log(`Pulumi CLI v${recipe.version} ready in ${target}`);
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
}
