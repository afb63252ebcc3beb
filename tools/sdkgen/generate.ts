/**
 * The I/O of `npm run sdkgen`: builds each Go generator (`GENERATORS`: Python and Go, then Java) once
 * per fingerprint into the cache, dumps the plugin's schema from the product's own `packageSchema`,
 * runs the generators, and completes `sdk/go` with a go.sum (`go mod tidy`). A failed build leaves no
 * cache entry (staging + rename).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lastLines, runCommand, type Outcome } from "../child-process";
import { requireGo } from "../pulumi-cli/build";
import { MINIMUM_GO } from "../pulumi-cli/recipe";
import { findRepoRoot } from "../repo-root";
import { packageSchema } from "../../provider/plugin/schema";
import { pluginDistribution } from "../../provider/plugin/distribution";
import { pluginVersion } from "../../provider/plugin/version";
import {
    cacheRoot,
    compareTrees,
    fingerprint,
    generatorArgs,
    generatorBinary,
    GENERATORS,
    isGeneratorSource,
    LANGUAGES,
    type Generator,
    type SourceFile,
    type Tree,
    type TreeDiff,
} from "./plan";

export const REPO_ROOT = findRepoRoot(__dirname);
const sourcesOf = (generator: Generator): string => path.join(REPO_ROOT, "tools", "sdkgen", generator.dir);

/** A cold build downloads and compiles a pkg/v3: minutes on 2 cores; past this something is wrong. */
const BUILD_TIMEOUT_MS = 30 * 60_000;
/** Generating and `go mod tidy` on a warm module cache take seconds. */
const STEP_TIMEOUT_MS = 10 * 60_000;
const HEARTBEAT_MS = 20_000;

export class SdkgenError extends Error {
    override readonly name = "SdkgenError";
}

export interface GenerateOptions {
    readonly log: (line: string) => void;
    readonly env?: NodeJS.ProcessEnv;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Outcome> {
    return runCommand(command, args, { cwd, env, timeoutMs });
}

/** The environment every `go` command here runs in: modules on, no toolchain switching. */
function goEnv(env: NodeJS.ProcessEnv, modFlag: "-mod=readonly" | "-mod=mod"): NodeJS.ProcessEnv {
    return { ...env, GO111MODULE: "on", GOFLAGS: modFlag, GOTOOLCHAIN: "local" };
}

/** The generators are built on a `pkg/v3`, so they need the Go the CLI needs. */
const NO_GO = `no Go to build the SDK generators: install Go >= ${MINIMUM_GO.major}.${MINIMUM_GO.minor} (the \`go\` command)`;

function checkGo(env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
    return requireGo(env, cwd, {
        minimum: MINIMUM_GO,
        building: "the SDK generators",
        whenMissing: NO_GO,
        error: (message) => new SdkgenError(message),
    });
}

/** A failed `go` step, naming the module proxy when it was the proxy that refused. */
async function goFailure(what: string, outcome: Outcome, env: NodeJS.ProcessEnv, cwd: string): Promise<SdkgenError> {
    if (outcome.timedOut) return new SdkgenError(`${what} timed out`);
    if (/reading https?:\/\/|\b40[34]\b|dial tcp|proxyconnect|no such host/i.test(outcome.stderr)) {
        const proxy = (await run("go", ["env", "GOPROXY"], cwd, env, STEP_TIMEOUT_MS)).stdout.trim() || "(unset)";
        return new SdkgenError(
            `${what} failed: the Go module proxy (GOPROXY=${proxy}) did not serve a module it needs:\n${lastLines(outcome.stderr)}`,
        );
    }
    return new SdkgenError(`${what} failed:\n${lastLines(outcome.stderr)}`);
}

function generatorSources(generator: Generator): SourceFile[] {
    const dir = sourcesOf(generator);
    return fs
        .readdirSync(dir)
        .filter(isGeneratorSource)
        .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
}

/**
 * A generator's binary: from the cache, else built now (progress shown) and cached. Its go.sum holds
 * every hash (pulumi-java's too, which the checksum database lacks), so `-mod=readonly` builds it
 * without asking the checksum database anything.
 */
export async function obtainGenerator(generator: Generator, options: GenerateOptions): Promise<string> {
    const env = options.env ?? process.env;
    const root = cacheRoot(env, os.homedir());
    const binary = generatorBinary(root, fingerprint(generatorSources(generator)), generator.binary);
    if (fs.existsSync(binary)) return binary;

    fs.mkdirSync(root, { recursive: true });
    const staging = fs.mkdtempSync(path.join(root, ".staging-"));
    const started = Date.now();
    const heartbeat = setInterval(
        () => options.log(`  ... building ${generator.title}, ${Math.round((Date.now() - started) / 1000)} s`),
        HEARTBEAT_MS,
    );
    try {
        options.log(`Building ${generator.title} from tools/sdkgen/${generator.dir} (a cold build takes minutes, later runs use ${root})`);
        options.log(`  ${await checkGo(env, staging)}`);
        const built = await run(
            "go",
            ["build", "-trimpath", "-o", path.join(staging, generator.binary), "."],
            sourcesOf(generator),
            goEnv(env, "-mod=readonly"),
            BUILD_TIMEOUT_MS,
        );
        if (built.code !== 0) throw await goFailure(`go build of tools/sdkgen/${generator.dir}`, built, env, staging);
        fs.mkdirSync(path.dirname(binary), { recursive: true });
        try {
            fs.renameSync(path.join(staging, generator.binary), binary);
        } catch (error) {
            // Another run built the same sources first: its binary is as good as ours.
            if (!fs.existsSync(binary)) throw error;
        }
        options.log(`  built in ${Math.round((Date.now() - started) / 1000)} s`);
        return binary;
    } finally {
        clearInterval(heartbeat);
        fs.rmSync(staging, { recursive: true, force: true });
    }
}

/** Writes the SDKs into `out/<language>` (each folder replaced), sdk/go with its go.sum. */
export async function generateSdks(out: string, options: GenerateOptions): Promise<void> {
    const env = options.env ?? process.env;
    const generators: string[] = [];
    for (const generator of GENERATORS) generators.push(await obtainGenerator(generator, options));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "sdkgen-"));
    try {
        const schemaFile = path.join(work, "schema.json");
        fs.writeFileSync(schemaFile, JSON.stringify(packageSchema(pluginVersion(), pluginDistribution()), null, 2));
        fs.mkdirSync(out, { recursive: true });
        options.log(`Generating the ${LANGUAGES.join(", ")} SDKs into ${out}`);
        for (const [i, generator] of GENERATORS.entries()) {
            const generated = await run(generators[i], generatorArgs(generator, schemaFile, out), work, env, STEP_TIMEOUT_MS);
            if (generated.code !== 0) throw new SdkgenError(`${generator.title} failed:\n${lastLines(generated.stderr || generated.stdout)}`);
            for (const line of generated.stdout.trim().split("\n")) options.log(`  ${line}`);
        }
        const goDir = path.join(out, "go");
        options.log(`  go: go mod tidy (writes go.sum)`);
        const tidy = await run("go", ["mod", "tidy"], goDir, goEnv(env, "-mod=mod"), STEP_TIMEOUT_MS);
        if (tidy.missing)
            throw new SdkgenError(
                `no Go to complete sdk/go (\`go mod tidy\`): install Go >= ${MINIMUM_GO.major}.${MINIMUM_GO.minor} (the \`go\` command)`,
            );
        if (tidy.code !== 0) throw await goFailure("go mod tidy in sdk/go", tidy, env, goDir);
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

/** Every file below `dir`, by its path relative to `base` (with `/`). */
function walk(base: string, dir: string, into: Map<string, string>): void {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(base, full, into);
        else into.set(path.relative(base, full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
    }
}

/** A freshly generated tree, as the generator and tidy left it. */
export function generatedTree(out: string): Tree {
    const tree = new Map<string, string>();
    for (const language of LANGUAGES) walk(out, path.join(out, language), tree);
    return tree;
}

/**
 * The SDK tree as committed (with uncommitted edits): git's files below `sdkDir`, so build output a
 * `pip install` leaves there (ignored by the SDK's own .gitignore) does not count.
 */
export function committedTree(sdkDir: string): Tree {
    const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ...LANGUAGES], {
        cwd: sdkDir,
        encoding: "utf8",
    });
    if (listed.status !== 0 || listed.error) return generatedTree(sdkDir);
    const tree = new Map<string, string>();
    for (const name of listed.stdout.split("\0").filter(Boolean)) {
        const full = path.join(sdkDir, name);
        if (fs.existsSync(full)) tree.set(name, fs.readFileSync(full, "utf8"));
    }
    return tree;
}

/** Generates into a temporary folder and compares it with `sdkDir`'s committed tree. */
export async function checkSdks(sdkDir: string, options: GenerateOptions): Promise<TreeDiff> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "sdkgen-check-"));
    try {
        await generateSdks(out, options);
        return compareTrees(generatedTree(out), committedTree(sdkDir));
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}
