/**
 * The end of `npm run bench`: every family's tables, sample errors and the verdict on each target printed,
 * and the same written as JSON to bench/results/ (timestamped, and as `<prefix>latest.json`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findRepoRoot } from "../tools/repo-root";
import { resultsPrefix } from "./args";
import { CLI_PARALLEL } from "./cli-scenario";
import type { CpuCost } from "./cpu-cost";
import type { PipelineNumbers } from "./pipeline-numbers";
import {
    cliComparisonNotes,
    cliComparisonTable,
    cliErrorLines,
    cliTable,
    competitorLines,
    cpuLines,
    errorLines,
    mixedTable,
    pipelineTable,
    scenarioTable,
    verdictTable,
} from "./report";
import type { CliRuns } from "./runners/cli";
import type { MixedResult } from "./runners/mixed";
import { COMPETITOR_QPS, READ_QPS, WRITE_QPS, type BenchRun } from "./runners/run";
import type { ScenarioResult } from "./scenario";
import { STRATEGIES } from "./strategies";
import { cliVerdicts, cpuVerdict, mixedVerdicts, pipelineVerdicts, scenarioVerdicts, startupVerdict, type Verdict } from "./targets";

const RESULTS_DIR = path.join(findRepoRoot(__dirname), "bench", "results");

export interface BenchOutcome {
    readonly startedAt: Date;
    readonly results: readonly ScenarioResult[];
    readonly cli: CliRuns;
    readonly cpu?: CpuCost;
    readonly pipelines: readonly PipelineNumbers[];
    readonly mixed?: MixedResult;
}

/** Prints the tables and verdicts, writes the JSON report; the exit code (0 when every target passed). */
export function summarize({ args, print }: BenchRun, outcome: BenchOutcome): number {
    const { startedAt, results, cpu, pipelines, mixed } = outcome;
    const { dynamic: cliResult, plugin: cliPluginResult, archive: cliArchiveResult, archiveBuild, missing: cliMissing } = outcome.cli;
    const verdicts: Verdict[] = [
        ...scenarioVerdicts(results.map((r) => r.numbers)),
        ...(cliResult ? cliVerdicts(cliResult.phases) : []),
        ...(cliPluginResult ? cliVerdicts(cliPluginResult.phases, "plugin") : []),
        ...(cliArchiveResult ? cliVerdicts(cliArchiveResult.phases, "archive") : []),
        ...(cliArchiveResult?.pluginStartup && cliPluginResult?.pluginStartup
            ? [startupVerdict(cliArchiveResult.pluginStartup.medianMs, cliPluginResult.pluginStartup.medianMs)]
            : []),
        ...(cliMissing ? [{ target: "real CLI scenario ran", scope: "cli", measured: "no Pulumi CLI", limit: "ran", pass: false }] : []),
        ...pipelineVerdicts(pipelines),
        ...(mixed ? mixedVerdicts(mixed) : []),
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
    if (mixed) {
        print();
        print(mixedTable(mixed));
        print(
            "  (each action's part of its phase: from the phase's start to its last OK answer, and from its first to its last OK call plus one interval (span), over its floor: its calls at its quota)",
        );
        for (const p of mixed.phases) for (const e of p.errorSamples) print(`  mixed ${p.phase}: ${e}`);
    }
    if (cliResult) {
        print();
        print(
            `Real CLI ${cliResult.cliVersion}, N=${cliResult.n}, --parallel ${cliResult.parallel}${cliResult.skipCheckpoints ? ", checkpoints skipped" : ""} (no-op up: ${cliResult.noopWallSeconds.map((x) => x.toFixed(1)).join(" s, ")} s; the quickest subtracted):`,
        );
        for (const r of [cliResult, cliPluginResult, cliArchiveResult]) {
            if (!r) continue;
            print(`  ${{ dynamic: "dynamic provider", plugin: "provider plugin (npm)", archive: "provider plugin (archive)" }[r.variant]}:`);
            print(cliTable(r));
            print(`  (the emulator held ${r.cloudAfterCreate} configs after up, ${r.cloudAfterDestroy} after destroy)`);
            cliErrorLines(r).forEach((l) => print(l));
        }
        if (cliPluginResult) {
            print();
            print(`Dynamic provider and provider plugin${cliArchiveResult ? " (npm, archive)" : ""} side by side (net = wall - the no-op up):`);
            print(cliComparisonTable(cliResult, cliPluginResult, cliArchiveResult));
            cliComparisonNotes(cliResult, cliPluginResult, cliArchiveResult).forEach((l) => print(l));
            if (archiveBuild)
                print(
                    `  the archive (${archiveBuild.platform}): built in ${archiveBuild.seconds.toFixed(1)} s, ${(archiveBuild.bytes / 1e6).toFixed(1)} MB (executable ${(archiveBuild.executableBytes / 1e6).toFixed(1)} MB)`,
                );
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
        print("Targets (this-provider, the pipelines and the mixed stack):");
        print(verdictTable(verdicts));
    }

    const cpus = os.cpus();
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
            ...(args.pipelineVariants ? { pipelineVariants: args.pipelineVariants } : {}),
            mixed: args.mixed,
        },
        strategies: STRATEGIES.filter((s) => args.strategies.includes(s.name)).map(({ name, letter, summary }) => ({ name, letter, summary })),
        scenarios: results,
        cli: cliResult,
        cliPlugin: cliPluginResult,
        cliArchive: cliArchiveResult,
        archiveBuild,
        pipelines,
        mixed,
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
}
