/**
 * `npm run bench`: the throttling benchmark. For each strategy, alone and then against a competing
 * client of the same account, creates, updates and deletes N configs through Pulumi's real
 * dynamic-provider host and the emulator at the real quotas; then the real CLI scenario (the real
 * `pulumi up/refresh/destroy`, see cli-scenario.ts, through the dynamic provider and then the provider
 * plugin); then measures the provider code's CPU; then the pipelines scenario (pipelines.ts): K hosts on
 * one account, with and without the shared quota store; then the mixed stack (mixed-stack.ts): every
 * resource type in one stack, each action at its own quota. One runner per family (runners/); this file sets
 * up what they share and dispatches; summary.ts prints the tables and verdicts and writes bench/results/.
 *
 * Everything binds 127.0.0.1; hosts and the competitor are always stopped (and killed when this
 * process exits); each scenario is cut off at its time limit.
 */
import { randomBytes } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdmin } from "../emulator/admin/client";
import { startEmulator } from "../emulator/server/start-emulator";
import { DEFAULT_PARALLEL } from "../tools/host-driver/engine";
import { projectDirFor } from "../tools/host-driver/project-dir";
import { findRepoRoot } from "../tools/repo-root";
import { installedProviderText } from "../tools/serialized-provider";
import { parseArgs, USAGE, UsageError, type BenchArgs } from "./args";
import { runCli } from "./runners/cli";
import { runCpu } from "./runners/cpu";
import { runMixed } from "./runners/mixed";
import { runPipelines } from "./runners/pipelines";
import { ACCOUNT_ID, COMPETITOR_QPS, READ_QPS, WRITE_QPS, type BenchRun } from "./runners/run";
import { runStrategies } from "./runners/strategies";
import { STRATEGIES, handWrittenProviderText, type StrategyName } from "./strategies";
import { summarize } from "./summary";

const print = (line = ""): void => void process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
    let args: BenchArgs;
    try {
        args = parseArgs(argv, DEFAULT_PARALLEL);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`bench: ${error.message}\nTry 'npm run bench -- --help'.\n`);
        return 2;
    }
    if (args.help) {
        print(USAGE);
        return 0;
    }
    const startedAt = new Date();
    const buildRoot = path.resolve(__dirname, "..");
    const repoRoot = findRepoRoot(buildRoot);
    const project = projectDirFor(buildRoot, repoRoot);
    const providerKey = { id: "BENCH-PROVIDER-KEY", secret: randomBytes(18).toString("base64url") };
    const competitorKey = { id: "BENCH-COMPETITOR-KEY", secret: randomBytes(18).toString("base64url") };
    const emulator = await startEmulator({
        host: "127.0.0.1",
        writeQps: WRITE_QPS,
        readQps: READ_QPS,
        accounts: [
            { accessKeyId: providerKey.id, accessKeySecret: providerKey.secret, accountId: ACCOUNT_ID },
            { accessKeyId: competitorKey.id, accessKeySecret: competitorKey.secret, accountId: ACCOUNT_ID },
        ],
    });
    const stopOnSignal = () => process.exit(130); // runs the exit hooks that kill hosts and the competitor
    process.once("SIGINT", stopOnSignal);
    process.once("SIGTERM", stopOnSignal);
    try {
        const cpus = os.cpus();
        print(
            `Throttling benchmark: N=${args.n}, parallel=${args.parallel}, ${cpus.length} CPU (${cpus[0]?.model.trim() ?? "unknown"}), Node ${process.version}`,
        );
        print(
            `Emulator ${emulator.url}: ${WRITE_QPS} calls/s per write action, ${READ_QPS}/s Describe; competitor ${COMPETITOR_QPS}/s per write action`,
        );
        if (args.strategies.length > 0) print("Strategies:");
        for (const s of STRATEGIES.filter((x) => args.strategies.includes(x.name))) print(`  (${s.letter}) ${s.name}: ${s.summary}`);

        const texts = new Map<StrategyName | "bare", string>();
        for (const s of STRATEGIES) {
            if (s.module) texts.set(s.name, handWrittenProviderText(path.join(__dirname, "providers", `${s.module}.js`)));
        }
        texts.set("bare", handWrittenProviderText(path.join(__dirname, "providers", "bare.js")));
        const needsReal = args.strategies.includes("this-provider") || args.cpuN > 0 || args.pipelines;
        if (needsReal) texts.set("this-provider", await installedProviderText(project.dir));

        const run: BenchRun = {
            args,
            ctx: {
                admin: new EmulatorAdmin(emulator.url),
                endpoint: emulator.url,
                providerKey,
                competitorKey,
                projectDir: project.dir,
                n: args.n,
                parallel: args.parallel,
                writeQps: WRITE_QPS,
                competitorRate: COMPETITOR_QPS,
            },
            buildRoot,
            repoRoot,
            texts,
            print,
        };
        const results = await runStrategies(run);
        const cli = await runCli(run);
        const cpu = await runCpu(run);
        const pipelines = await runPipelines(run);
        const mixed = await runMixed(run);
        return summarize(run, { startedAt, results, cli, cpu, pipelines, ...(mixed ? { mixed } : {}) });
    } finally {
        await emulator.stop();
        project.cleanup();
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            process.exit(1);
        },
    );
}
