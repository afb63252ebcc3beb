/**
 * `npm run bench`: the throttling benchmark. For each strategy, alone and then against a competing
 * client of the same account, creates, updates and deletes N configs through Pulumi's real
 * dynamic-provider host and the emulator at the real quotas; then measures the provider code's CPU;
 * then the pipelines scenario (pipelines.ts): K hosts on one account, with and without the shared
 * quota store.
 * Prints a table and the verdict on each target, and writes the same as JSON to bench/results/.
 *
 * Everything binds 127.0.0.1; hosts and the competitor are always stopped (and killed when this
 * process exits); each scenario is cut off at its time limit.
 *
 * The CLI scenario runs the real `pulumi up/refresh/destroy` (see cli-scenario.ts) on the same emulator,
 * through the dynamic provider and then through the provider plugin, and prints the two side by side.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdmin } from "../emulator/admin/client";
import { startEmulator } from "../emulator/server/start-emulator";
import { DEFAULT_PARALLEL } from "../tools/host-driver/engine";
import { findRepoRoot, projectDirFor } from "../tools/host-driver/project-dir";
import { CliBuildError } from "../tools/pulumi-cli/build";
import { describeCli, obtainPulumiCli } from "../tools/pulumi-cli/obtain";
import { parseArgs, resultsPrefix, USAGE, UsageError, type BenchArgs } from "./args";
import { CLI_PARALLEL, CLI_VARIANTS, runCliScenario, type CliScenarioResult } from "./cli-scenario";
import { measureCpuCost, type CpuCost } from "./cpu-cost";
import { floorSeconds } from "./metrics";
import { PIPELINE_VARIANTS, runPipelineSuite, type PipelineNumbers } from "./pipelines";
import {
    cliComparisonNotes,
    cliComparisonTable,
    cliErrorLines,
    cliTable,
    competitorLines,
    cpuLines,
    errorLines,
    pipelineTable,
    scenarioTable,
    verdictTable,
} from "./report";
import { runScenario, type ScenarioContext, type ScenarioResult } from "./scenario";
import { serializedProviderText } from "./serialized-provider";
import { handWrittenProviderText, STRATEGIES, type StrategyName } from "./strategies";
import { cliVerdicts, cpuVerdict, pipelineVerdicts, scenarioVerdicts, type Verdict } from "./targets";

/** The documented quotas the emulator enforces. */
export const WRITE_QPS = 30;
export const READ_QPS = 50;
/** The competitor spends half of each write action's quota. */
export const COMPETITOR_QPS = WRITE_QPS / 2;
/** The account both keys belong to. */
const ACCOUNT_ID = "1000000000000001";
/** CPU runs per variant (the median is used). */
const CPU_RUNS = 3;
const QUICK_CPU_RUNS = 1;

const RESULTS_DIR = path.join(findRepoRoot(__dirname), "bench", "results");

const print = (line = ""): void => void process.stdout.write(`${line}\n`);

/** Default cut-off of a scenario: three times its floor, plus a minute for slow process starts. */
export function defaultTimeLimitSeconds(n: number, availableQps: number): number {
    return Math.ceil(3 * floorSeconds(3 * n, availableQps) + 60);
}

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
        const ctx: ScenarioContext = {
            admin: new EmulatorAdmin(emulator.url),
            endpoint: emulator.url,
            providerKey,
            competitorKey,
            projectDir: project.dir,
            n: args.n,
            parallel: args.parallel,
            writeQps: WRITE_QPS,
            competitorRate: COMPETITOR_QPS,
        };
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
        if (needsReal) texts.set("this-provider", await serializedProviderText(project.dir));

        const results: ScenarioResult[] = [];
        for (const contention of args.strategies.length === 0 ? [] : args.contention ? [false, true] : [false]) {
            const available = contention ? WRITE_QPS - COMPETITOR_QPS : WRITE_QPS;
            const limit = args.timeLimitSeconds ?? defaultTimeLimitSeconds(args.n, available);
            print();
            print(
                `${contention ? "Under contention" : "Alone"}: floor ${floorSeconds(args.n, available).toFixed(1)} s per phase, time limit ${limit} s per scenario`,
            );
            for (const name of args.strategies) {
                const started = Date.now();
                const result = await runScenario(ctx, name, texts.get(name)!, contention, limit);
                const s = result.numbers;
                print(
                    `  ${name}: ${s.wallSeconds.toFixed(1)} s (${s.ratio?.toFixed(2) ?? "n/a"} x floor), ${s.calls.throttled}/${s.calls.total} throttled, ` +
                        `${s.failed} failed${s.timedOut ? `, CUT OFF at ${limit} s (${s.cutOff} operations unfinished)` : ""}` +
                        ` [${((Date.now() - started) / 1000).toFixed(0)} s with setup]`,
                );
                if (result.logOverflowed) print("    warning: the emulator's request log overflowed; call counts are incomplete");
                results.push(result);
            }
        }

        let cliResult: CliScenarioResult | undefined;
        let cliPluginResult: CliScenarioResult | undefined;
        let cliMissing: string | undefined;
        const cli = args.cli
            ? await obtainPulumiCli({ log: (line) => process.stderr.write(`${line}\n`) }).catch((error: unknown) => {
                  if (!(error instanceof CliBuildError)) throw error;
                  cliMissing = error.message;
                  return undefined;
              })
            : undefined;
        if (cliMissing) {
            print();
            print(`Real CLI scenario NOT RUN: cannot obtain the Pulumi CLI: ${cliMissing}`);
        }
        if (cli) {
            const limit = args.timeLimitSeconds ?? defaultTimeLimitSeconds(args.n, WRITE_QPS);
            print();
            print(
                `Real CLI: ${describeCli(cli)}; pulumi up, refresh, destroy --parallel ${CLI_PARALLEL} of ${args.n} configs, the package installed`,
            );
            if (args.skipCheckpoints) print("  PULUMI_SKIP_CHECKPOINTS=true: the state is written once per command, not after every step");
            print(
                `  floors: create and destroy ${floorSeconds(args.n, WRITE_QPS).toFixed(1)} s, refresh ${floorSeconds(args.n, READ_QPS).toFixed(1)} s; each command cut off at ${limit} s`,
            );
            for (const variant of CLI_VARIANTS) {
                print(
                    `  through the ${variant === "plugin" ? "provider plugin (the installed package's bin/, via plugins.providers)" : "dynamic provider"}:`,
                );
                const result = await runCliScenario({
                    variant,
                    admin: ctx.admin,
                    endpoint: ctx.endpoint,
                    providerKey,
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
                if (variant === "plugin") cliPluginResult = result;
                else cliResult = result;
            }
        }

        let cpu: CpuCost | undefined;
        if (args.cpuN > 0) {
            print();
            print(`Provider code CPU: ${args.cpuN} creates + deletes, real provider vs a bare one, quota raised`);
            cpu = await measureCpuCost(
                { admin: ctx.admin, endpoint: ctx.endpoint, providerKey, projectDir: project.dir, parallel: args.parallel },
                { real: texts.get("this-provider")!, bare: texts.get("bare")! },
                args.cpuN,
                args.quick ? QUICK_CPU_RUNS : CPU_RUNS,
                print,
            );
        }

        let pipelines: PipelineNumbers[] = [];
        if (args.pipelines) {
            print();
            print(
                `Pipelines: K provider hosts, one key each, one account learned from STS; ${WRITE_QPS} writes/s per action, foreign client ${COMPETITOR_QPS}/s`,
            );
            pipelines = await runPipelineSuite({
                ks: args.pipelineKs,
                variants: args.contention ? PIPELINE_VARIANTS : PIPELINE_VARIANTS.filter((v) => v !== "store+foreign"),
                projectDir: project.dir,
                providerText: texts.get("this-provider")!,
                parallel: args.parallel,
                writeQps: WRITE_QPS,
                readQps: READ_QPS,
                foreignRate: COMPETITOR_QPS,
                accountId: ACCOUNT_ID,
                ...(args.timeLimitSeconds !== undefined ? { timeLimitSeconds: args.timeLimitSeconds } : {}),
                print,
            });
        }

        const verdicts: Verdict[] = [
            ...scenarioVerdicts(results.map((r) => r.numbers)),
            ...(cliResult ? cliVerdicts(cliResult.phases) : []),
            ...(cliPluginResult ? cliVerdicts(cliPluginResult.phases, "plugin") : []),
            ...(cliMissing ? [{ target: "real CLI scenario ran", scope: "cli", measured: "no Pulumi CLI", limit: "ran", pass: false }] : []),
            ...pipelineVerdicts(pipelines),
            ...(cpu ? [cpuVerdict(cpu.providerCpuPer1000)] : []),
        ];
        if (results.length > 0) {
            print();
            print(scenarioTable(results));
            print("  (create/update/delete: wall seconds and wall/floor; '!' after the total: cut off at the time limit)");
        }
        if (pipelines.length > 0) {
            print();
            print(pipelineTable(pipelines));
            print("  (create/delete: the phase's wall seconds on all hosts and wall/floor; floor: N calls at the quota left)");
            for (const r of pipelines) {
                for (const p of r.phases) for (const e of p.errorSamples) print(`  K=${r.k} ${r.variant} ${p.phase}: ${e}`);
            }
        }
        if (cliResult) {
            print();
            print(
                `Real CLI ${cliResult.cliVersion}, N=${cliResult.n}, --parallel ${cliResult.parallel}${cliResult.skipCheckpoints ? ", checkpoints skipped" : ""} (no-op up: ${cliResult.noopWallSeconds.map((x) => x.toFixed(1)).join(" s, ")} s; the quickest subtracted):`,
            );
            for (const r of [cliResult, cliPluginResult]) {
                if (!r) continue;
                print(`  ${r.variant === "plugin" ? "provider plugin" : "dynamic provider"}:`);
                print(cliTable(r));
                print(`  (the emulator held ${r.cloudAfterCreate} configs after up, ${r.cloudAfterDestroy} after destroy)`);
                cliErrorLines(r).forEach((l) => print(l));
            }
            if (cliPluginResult) {
                print();
                print("Dynamic provider and provider plugin side by side (net = wall - the no-op up):");
                print(cliComparisonTable(cliResult, cliPluginResult));
                cliComparisonNotes(cliResult, cliPluginResult).forEach((l) => print(l));
            }
        }
        const competitors = competitorLines(results);
        if (competitors.length > 0) {
            print();
            print("Competitor during the contention scenarios (offered 15/s per write action):");
            competitors.forEach((l) => print(l));
        }
        const errors = errorLines(results);
        if (errors.length > 0) {
            print();
            print("Sample errors of failed operations:");
            errors.forEach((l) => print(l));
        }
        if (cpu) {
            print();
            print("Provider code CPU:");
            cpuLines(cpu).forEach((l) => print(l));
        }
        if (verdicts.length > 0) {
            print();
            print("Targets (this-provider, and the pipelines):");
            print(verdictTable(verdicts));
        }

        const report = {
            startedAt: startedAt.toISOString(),
            finishedAt: new Date().toISOString(),
            machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), node: process.version, platform: `${os.platform()} ${os.release()}` },
            settings: {
                n: args.n,
                parallel: args.parallel,
                writeQps: WRITE_QPS,
                readQps: READ_QPS,
                competitorQps: COMPETITOR_QPS,
                strategies: args.strategies,
                contention: args.contention,
                cpuResources: args.cpuN,
                cli: args.cli,
                cliParallel: CLI_PARALLEL,
                skipCheckpoints: args.skipCheckpoints,
                pipelineKs: args.pipelines ? args.pipelineKs : [],
            },
            strategies: STRATEGIES.filter((s) => args.strategies.includes(s.name)).map(({ name, letter, summary }) => ({ name, letter, summary })),
            scenarios: results,
            cli: cliResult,
            cliPlugin: cliPluginResult,
            pipelines,
            cpu,
            verdicts,
        };
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        const json = `${JSON.stringify(report, null, 2)}\n`;
        const prefix = resultsPrefix(args);
        const file = path.join(RESULTS_DIR, `${prefix}${startedAt.toISOString().replace(/:/g, "-")}.json`);
        fs.writeFileSync(file, json);
        fs.writeFileSync(path.join(RESULTS_DIR, `${prefix}latest.json`), json);
        print();
        print(
            `Results: ${path.relative(process.cwd(), file)} (and bench/results/${prefix}latest.json); ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all`,
        );
        return verdicts.every((v) => v.pass) ? 0 : 1;
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
