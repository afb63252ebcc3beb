/**
 * The Go SDK as a Go user gets it once it is released, for the suites that build examples/go: a local
 * module proxy serving `sdk/go` at package.json's version as the public proxy will (made once per test
 * process, tools/go-sdk-module), and a copy of examples/go whose `go get <module>@v<version>` goes through
 * it, every dependency from the machine's own module proxy and cache, the checksum database off for this
 * module alone. No `replace` anywhere.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginDistribution, GO_SDK_FOLDER } from "../../provider/plugin/distribution";
import { pluginVersion } from "../../provider/plugin/version";
import { lastLines, runCommand } from "../../tools/child-process";
import { goGetCommand, userGoEnv } from "../../tools/go-sdk-module/layout";
import { makeLocalProxy, type ServedModule } from "../../tools/go-sdk-module/local-proxy";
import { overlayModuleCache } from "../../tools/go-sdk-module/modcache-overlay";
import { findRepoRoot } from "../../tools/repo-root";

const REPO_ROOT = findRepoRoot(__dirname);
/** `go get`, and the first compile of the SDK's dependencies (cold: minutes on 2 cores). */
const GO_TIMEOUT_MS = 30 * 60_000;
const log = (line: string) => console.log(`      ${line}`);

export interface GoSdkProxy {
    readonly served: ServedModule;
    /**
     * What the `go` command (and so `pulumi-language-go`) runs with to build a user's program: the local
     * proxy first, the machine's own after it, a module cache that is the machine's but for this module.
     */
    readonly env: Record<string, string>;
}

export interface GoUserProgram {
    /** The program's folder (a copy of examples/go after `go get`). */
    readonly dir: string;
    /** What the `go` command runs with to build it (the proxy's). */
    readonly env: Record<string, string>;
    /** The `go get` line run, as the docs give it. */
    readonly goGet: string;
    /** go.mod and go.sum as committed in examples/go, and after `go get`. */
    readonly committed: { readonly goMod: string; readonly goSum: string };
    readonly after: { readonly goMod: string; readonly goSum: string };
    readonly served: ServedModule;
}

let proxy: Promise<GoSdkProxy> | undefined;

async function goEnvValue(name: string): Promise<string> {
    const outcome = await runCommand("go", ["env", name], { env: process.env, timeoutMs: 60_000 });
    if (outcome.code !== 0) throw new Error(`go env ${name} failed: ${lastLines(outcome.output)}`);
    return outcome.stdout.trim();
}

/** The local proxy and its module cache overlay, made once per process (and removed at its exit). */
export function goSdkProxy(): Promise<GoSdkProxy> {
    proxy ??= (async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "go-sdk-proxy-"));
        process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
        const proxyDir = path.join(root, "proxy");
        const served = await makeLocalProxy({
            moduleDir: path.join(REPO_ROOT, GO_SDK_FOLDER),
            folder: GO_SDK_FOLDER,
            module: pluginDistribution().goModule,
            version: pluginVersion(),
            proxyDir,
            log,
        });
        // Every dependency in the machine's cache first (a no-op when warm), so the overlay links to all of them.
        const prefetch = await runCommand("go", ["mod", "download"], {
            cwd: path.join(REPO_ROOT, GO_SDK_FOLDER),
            env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
            timeoutMs: GO_TIMEOUT_MS,
        });
        if (prefetch.code !== 0) throw new Error(`go mod download in sdk/go failed:\n${lastLines(prefetch.output)}`);
        const modCache = path.join(root, "modcache");
        overlayModuleCache(await goEnvValue("GOMODCACHE"), modCache, served.module);
        return { served, env: userGoEnv({ module: served.module, proxyDir, upstreamProxy: await goEnvValue("GOPROXY"), modCache }) };
    })();
    return proxy;
}

/** examples/go copied into `dest`, its Go SDK added by `go get` as the docs say, ready to build. */
export async function goExampleAsUser(dest: string): Promise<GoUserProgram> {
    fs.cpSync(path.join(REPO_ROOT, "examples", "go"), dest, { recursive: true });
    return goGetSdk(dest);
}

/** Runs the docs' `go get <module>@v<version>` in `dir` (a copy of examples/go) through the local proxy. */
export async function goGetSdk(dir: string): Promise<GoUserProgram> {
    const { served, env } = await goSdkProxy();
    const read = () => ({ goMod: fs.readFileSync(path.join(dir, "go.mod"), "utf8"), goSum: fs.readFileSync(path.join(dir, "go.sum"), "utf8") });
    const committed = read();
    const goGet = goGetCommand(served.module, pluginVersion());
    log(`${goGet} (GOPROXY=${env.GOPROXY})`);
    const got = await runCommand("go", goGet.split(" ").slice(1), {
        cwd: dir,
        env: { ...process.env, ...env, GOFLAGS: "-mod=mod -trimpath" },
        timeoutMs: GO_TIMEOUT_MS,
    });
    if (got.code !== 0) throw new Error(`${goGet} in ${dir} failed:\n${lastLines(got.output)}`);
    return { dir, env, goGet, committed, after: read(), served };
}
