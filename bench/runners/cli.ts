/** The real-CLI scenario family: `pulumi up/refresh/destroy` through the dynamic provider, then the plugin. */
import { CliBuildError } from "../../tools/pulumi-cli/build";
import { describeCli, obtainPulumiCli } from "../../tools/pulumi-cli/obtain";
import { CLI_PARALLEL, CLI_VARIANTS, runCliScenario, type CliScenarioResult } from "../cli-scenario";
import { floorSeconds } from "../metrics";
import { defaultTimeLimitSeconds, READ_QPS, WRITE_QPS, type BenchRun } from "./run";

export interface CliRuns {
    readonly dynamic?: CliScenarioResult;
    readonly plugin?: CliScenarioResult;
    /** Why the CLI could not be obtained (the scenario then did not run). */
    readonly missing?: string;
}

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
    const runs: { dynamic?: CliScenarioResult; plugin?: CliScenarioResult } = {};
    for (const variant of CLI_VARIANTS) {
        print(
            `  through the ${variant === "plugin" ? "provider plugin (the installed package's bin/, via plugins.providers)" : "dynamic provider"}:`,
        );
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
            log: print,
        });
        if (result.logOverflowed) print("    warning: the emulator's request log overflowed; call counts are incomplete");
        if (variant === "plugin") runs.plugin = result;
        else runs.dynamic = result;
    }
    return runs;
}
