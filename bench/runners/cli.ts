/**
 * The real-CLI scenario family: `pulumi up/refresh/destroy` through the dynamic provider, the plugin
 * from the npm package, then the plugin from its archive (built here for this machine's platform).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { buildPluginArchives } from "../../tools/plugin-archives/build";
import { CliBuildError } from "../../tools/pulumi-cli/build";
import { describeCli, obtainPulumiCli } from "../../tools/pulumi-cli/obtain";
import { CLI_PARALLEL, CLI_VARIANTS, runCliScenario, type CliScenarioResult, type CliVariant } from "../cli-scenario";
import { floorSeconds } from "../metrics";
import { defaultTimeLimitSeconds, READ_QPS, WRITE_QPS, type BenchRun } from "./run";

export interface CliRuns {
    readonly dynamic?: CliScenarioResult;
    readonly plugin?: CliScenarioResult;
    readonly archive?: CliScenarioResult;
    /** The archive the archive variant ran: its build (this machine's platform only) and size. */
    readonly archiveBuild?: { readonly platform: string; readonly seconds: number; readonly bytes: number; readonly executableBytes: number };
    /** Why the CLI could not be obtained (the scenario then did not run). */
    readonly missing?: string;
}

const VARIANT_LABELS: Readonly<Record<CliVariant, string>> = {
    dynamic: "dynamic provider",
    plugin: "provider plugin (the installed package's bin/, via plugins.providers)",
    archive: "provider plugin from its archive (the single executable, via plugins.providers)",
};

export async function runCli({ args, ctx, buildRoot, repoRoot, print }: BenchRun): Promise<CliRuns> {
    if (!args.cli) return {};
    let missing: string | undefined;
    const cli = await obtainPulumiCli({ log: (line) => process.stderr.write(`${line}\n`) }).catch((error: unknown) => {
        if (!(error instanceof CliBuildError)) throw error;
        missing = error.message;
        return undefined;
    });
    if (missing) {
        print();
        print(`Real CLI scenario NOT RUN: cannot obtain the Pulumi CLI: ${missing}`);
    }
    if (!cli) return { missing };
    const limit = args.timeLimitSeconds ?? defaultTimeLimitSeconds(args.n, WRITE_QPS);
    print();
    print(`Real CLI: ${describeCli(cli)}; pulumi up, refresh, destroy --parallel ${CLI_PARALLEL} of ${args.n} configs, the package installed`);
    if (args.skipCheckpoints) print("  PULUMI_SKIP_CHECKPOINTS=true: the state is written once per command, not after every step");
    print(
        `  floors: create and destroy ${floorSeconds(args.n, WRITE_QPS).toFixed(1)} s, refresh ${floorSeconds(args.n, READ_QPS).toFixed(1)} s; each command cut off at ${limit} s`,
    );
    const runs: { -readonly [K in keyof CliRuns]: CliRuns[K] } = {};
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-archive-"));
    try {
        const platform = `linux-${os.arch() === "arm64" ? "arm64" : "amd64"}`;
        const started = Date.now();
        const built = await buildPluginArchives({ platforms: [platform], outDir: work, log: (line) => process.stderr.write(`${line}\n`) });
        const seconds = (Date.now() - started) / 1000;
        await promisify(execFile)("tar", ["-xzf", built.archives[0].file, "-C", work]);
        runs.archiveBuild = { platform, seconds, bytes: built.archives[0].bytes, executableBytes: built.archives[0].executableBytes };
        print(`  the plugin archive for ${platform}: built in ${seconds.toFixed(1)} s, ${(built.archives[0].bytes / 1e6).toFixed(1)} MB`);
        for (const variant of CLI_VARIANTS) {
            print(`  through the ${VARIANT_LABELS[variant]}:`);
            const result = await runCliScenario({
                variant,
                admin: ctx.admin,
                endpoint: ctx.endpoint,
                providerKey: ctx.providerKey,
                cli,
                buildRoot,
                repoRoot,
                n: args.n,
                parallel: CLI_PARALLEL,
                writeQps: WRITE_QPS,
                readQps: READ_QPS,
                skipCheckpoints: args.skipCheckpoints,
                timeLimitSeconds: limit,
                archivePluginDir: work,
                log: print,
            });
            if (result.logOverflowed) print("    warning: the emulator's request log overflowed; call counts are incomplete");
            runs[variant] = result;
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
    return runs;
}
