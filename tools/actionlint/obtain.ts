/**
 * actionlint (the GitHub Actions workflow checker), built from its Go module at a pinned version with
 * `go install` into a staging folder and published into `<cache>/actionlint/v<version>/actionlint` by
 * one rename, like the CLI builds: never half-installed, a heartbeat every 20 s while Go works, and a
 * clear message when Go or the module proxy is missing. The one way the tests get it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lastLines, runCommand } from "../child-process";
import { requireGo } from "../pulumi-cli/build";
import { publishOnce, toolchainCache } from "../toolchain/cache";

export const ACTIONLINT_MODULE = "github.com/rhysd/actionlint";
export const ACTIONLINT_VERSION = "1.7.12";
/** Its go.mod says `go 1.24`. */
const MINIMUM_GO = { major: 1, minor: 24 };
const BUILD_TIMEOUT_MS = 30 * 60_000;
const HEARTBEAT_MS = 20_000;

export class ActionlintError extends Error {
    override readonly name = "ActionlintError";
}

export interface Actionlint {
    readonly executable: string;
    /** What `actionlint -version` printed first: `v1.7.12`. */
    readonly version: string;
    readonly built: boolean;
}

export interface ActionlintOptions {
    readonly log: (line: string) => void;
    /** @defaultValue `toolchainCache("actionlint")` */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
}

async function versionOf(executable: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
    const probe = await runCommand(executable, ["-version"], { env, timeoutMs: 60_000 });
    return probe.code === 0 ? probe.stdout.split("\n")[0].trim() : undefined;
}

export async function obtainActionlint(options: ActionlintOptions): Promise<Actionlint> {
    const base = options.env ?? process.env;
    const env = { ...base, GO111MODULE: "on", GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" };
    const target = path.join(options.cacheRoot ?? toolchainCache("actionlint", base), `v${ACTIONLINT_VERSION}`);
    const executable = path.join(target, "actionlint");
    const module = `${ACTIONLINT_MODULE}/cmd/actionlint@v${ACTIONLINT_VERSION}`;
    const built = await publishOnce(
        target,
        (dir) => fs.existsSync(path.join(dir, "actionlint")),
        async (staging) => {
            options.log(`Building actionlint v${ACTIONLINT_VERSION} from its Go module (go install ${module})`);
            await requireGo(env, staging, {
                minimum: MINIMUM_GO,
                building: "actionlint",
                whenMissing: `no Go to build actionlint (the workflow checker): install Go >= ${MINIMUM_GO.major}.${MINIMUM_GO.minor} (the \`go\` command)`,
                error: (message) => new ActionlintError(message),
            });
            const started = Date.now();
            let compiled = 0;
            const heartbeat = setInterval(
                () => options.log(`  ... actionlint: ${Math.round((Date.now() - started) / 1000)} s, ${compiled} packages compiled`),
                HEARTBEAT_MS,
            );
            try {
                const install = await runCommand("go", ["install", "-v", "-trimpath", module], {
                    cwd: staging,
                    env: { ...env, GOBIN: staging },
                    timeoutMs: BUILD_TIMEOUT_MS,
                    onLine: (line, stream) => {
                        if (stream === "stderr" && /^[\w.-]+(\/[\w.~-]+)*$/.test(line.trim())) compiled++;
                    },
                });
                if (install.code !== 0)
                    throw new ActionlintError(`go install ${module} failed${install.timedOut ? " (timed out)" : ""}:\n${lastLines(install.stderr)}`);
            } finally {
                clearInterval(heartbeat);
            }
            const version = await versionOf(path.join(staging, "actionlint"), env);
            if (version !== `v${ACTIONLINT_VERSION}`)
                throw new ActionlintError(`the built actionlint says ${JSON.stringify(version)}, not v${ACTIONLINT_VERSION}`);
            options.log(`  actionlint built in ${Math.round((Date.now() - started) / 1000)} s`);
        },
    );
    const version = await versionOf(executable, env);
    if (version !== `v${ACTIONLINT_VERSION}`) throw new ActionlintError(`${executable} says ${JSON.stringify(version)}, not v${ACTIONLINT_VERSION}`);
    return { executable, version, built };
}
