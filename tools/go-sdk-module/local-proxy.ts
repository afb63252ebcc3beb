/**
 * A local Go module proxy serving the Go SDK (`sdk/go`) at one version exactly as the public proxy will
 * once the release tag exists. It is made the way the public proxy makes it: a git repository holding
 * `sdk/go` at the same place, tagged `sdk/go/v<version>`, fetched by the `go` command itself
 * (`go mod download`, with the GitHub URL redirected to that repository), which resolves the tag, cuts
 * the module zip by Go's rules and computes its checksum. What `go` wrote is the proxy's file layout.
 * Nothing is fetched from or written to the machine's own module cache.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lastLines, runCommand } from "../child-process";
import { escapeModulePath, goSdkTag } from "./layout";

/** Each step is a local git or `go` command: seconds. */
const STEP_TIMEOUT_MS = 120_000;

export class GoModuleError extends Error {
    override readonly name = "GoModuleError";
}

export interface LocalProxyOptions {
    /** The module's folder in this checkout (`sdk/go`). */
    readonly moduleDir: string;
    /** Where that folder sits in the repository (`sdk/go`): the tag's prefix and the module path's tail. */
    readonly folder: string;
    /** `github.com/<owner>/<repo>/sdk/go`. */
    readonly module: string;
    /** package.json's version (no `v`). */
    readonly version: string;
    /** The proxy's folder, created. */
    readonly proxyDir: string;
    readonly log: (line: string) => void;
    readonly env?: NodeJS.ProcessEnv;
}

export interface ServedModule {
    readonly module: string;
    /** `v0.1.0` */
    readonly version: string;
    /** The module zip's checksum (`h1:...`), the line `go get` adds to a program's go.sum. */
    readonly sum: string;
    /** The go.mod's checksum. */
    readonly goModSum: string;
    /** The git ref the `go` command resolved the version to (`refs/tags/sdk/go/v0.1.0`). */
    readonly ref: string;
    /** The zip the proxy serves. */
    readonly zip: string;
}

interface DownloadAnswer {
    Version?: string;
    Info?: string;
    GoMod?: string;
    Zip?: string;
    Sum?: string;
    GoModSum?: string;
    Error?: string;
    Origin?: { Ref?: string };
}

/** The repository path a module path lives in: the module path minus its folder (`github.com/o/r`). */
function repositoryOf(module: string, folder: string): string {
    if (!module.endsWith(`/${folder}`)) throw new GoModuleError(`the module ${module} does not end with its folder ${folder}`);
    return module.slice(0, -folder.length - 1);
}

export async function makeLocalProxy(options: LocalProxyOptions): Promise<ServedModule> {
    const env = options.env ?? process.env;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "go-sdk-module-"));
    const gitConfig = path.join(work, "gitconfig");
    const gitEnv: NodeJS.ProcessEnv = {
        ...env,
        GIT_CONFIG_GLOBAL: gitConfig,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: "release",
        GIT_AUTHOR_EMAIL: "release@localhost",
        GIT_COMMITTER_NAME: "release",
        GIT_COMMITTER_EMAIL: "release@localhost",
    };
    const git = async (args: string[], cwd: string) => {
        const outcome = await runCommand("git", args, { cwd, env: gitEnv, timeoutMs: STEP_TIMEOUT_MS });
        if (outcome.missing) throw new GoModuleError("no git to make the Go SDK's release tag with (the `git` command)");
        if (outcome.code !== 0) throw new GoModuleError(`git ${args.join(" ")} failed:\n${lastLines(outcome.output)}`);
    };
    try {
        const tag = goSdkTag(options.version);
        const repository = repositoryOf(options.module, options.folder);
        options.log(`Go SDK: ${options.module}@v${options.version} from a repository tagged ${tag}, fetched by \`go mod download\``);
        const source = path.join(work, "source");
        fs.cpSync(options.moduleDir, path.join(source, options.folder), { recursive: true });
        fs.writeFileSync(gitConfig, "");
        await git(["init", "-q", "-b", "main"], source);
        await git(["add", "-A"], source);
        await git(["commit", "-q", "-m", `Go SDK v${options.version}`], source);
        await git(["tag", tag], source);
        const bare = path.join(work, "repository.git");
        await git(["clone", "-q", "--bare", source, bare], work);
        // The `go` command fetches https://<repository> with git; git takes it from the bare copy instead.
        fs.writeFileSync(gitConfig, `[url "file://${bare}"]\n\tinsteadOf = https://${repository}\n`);

        const modCache = path.join(work, "modcache");
        const download = await runCommand("go", ["mod", "download", "-json", `${options.module}@v${options.version}`], {
            cwd: work,
            env: {
                ...gitEnv,
                GO111MODULE: "on",
                GOTOOLCHAIN: "local",
                GOFLAGS: "-mod=mod -modcacherw",
                GOMODCACHE: modCache,
                // Straight from the (redirected) repository: no proxy, no checksum database for it.
                GOPRIVATE: repository,
                GIT_ALLOW_PROTOCOL: "file",
            },
            timeoutMs: STEP_TIMEOUT_MS,
        });
        if (download.missing) throw new GoModuleError("no Go to fetch the Go SDK's module with (the `go` command)");
        let answer: DownloadAnswer = {};
        try {
            answer = JSON.parse(download.stdout) as DownloadAnswer;
        } catch {
            // Reported below with go's own words.
        }
        if (download.code !== 0 || !answer.Zip || !answer.Info || !answer.GoMod || !answer.Sum || !answer.GoModSum) {
            throw new GoModuleError(`go mod download of ${options.module}@v${options.version} failed: ${answer.Error ?? lastLines(download.output)}`);
        }
        const version = `v${options.version}`;
        const served = path.join(options.proxyDir, escapeModulePath(options.module), "@v");
        fs.mkdirSync(served, { recursive: true });
        fs.copyFileSync(answer.Info, path.join(served, `${version}.info`));
        fs.copyFileSync(answer.GoMod, path.join(served, `${version}.mod`));
        fs.copyFileSync(answer.Zip, path.join(served, `${version}.zip`));
        fs.writeFileSync(path.join(served, "list"), `${version}\n`);
        return {
            module: options.module,
            version,
            sum: answer.Sum,
            goModSum: answer.GoModSum,
            ref: answer.Origin?.Ref ?? "",
            zip: path.join(served, `${version}.zip`),
        };
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
