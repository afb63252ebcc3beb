/** The benchmark's printed report: plain-text tables of the measured numbers. Pure. */
import { CLI_PHASES, type CliPhaseNumbers } from "./cli-metrics";
import type { CliScenarioResult } from "./cli-scenario";
import type { CpuCost } from "./cpu-cost";
import type { MixedNumbers } from "./mixed-stack";
import type { PipelineNumbers } from "./pipeline-numbers";
import type { ScenarioResult } from "./scenario";
import { percent, type Verdict } from "./targets";

/** Renders rows under a header, columns padded to their widest cell; numeric-looking cells right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.]+( ?[%x]| s)?$|^n\/a$|^-$/.test(r[i] ?? "")));
    const line = (cells: readonly string[]) =>
        cells
            .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function seconds(value: number): string {
    return value.toFixed(1);
}

function times(value: number | undefined): string {
    return value === undefined ? "n/a" : `${value.toFixed(2)}x`;
}

export function scenarioTable(results: readonly ScenarioResult[]): string {
    const header = [
        "strategy",
        "scenario",
        "create s",
        "update s",
        "delete s",
        "total s",
        "floor s",
        "wall/floor",
        "calls",
        "throttled",
        "thr share",
        "failed",
        "cut off",
        "host CPU s",
        "peak RSS MB",
    ];
    const rows = results.map((r) => {
        const s = r.numbers;
        const phase = (name: string) => {
            const p = s.phases.find((x) => x.phase === name);
            return p ? `${seconds(p.wallSeconds)} (${times(p.ratio)})` : "-";
        };
        return [
            s.strategy,
            s.contention ? "contention" : "alone",
            phase("create"),
            phase("update"),
            phase("delete"),
            seconds(s.wallSeconds) + (s.timedOut ? "!" : ""),
            seconds(s.floorSeconds),
            s.timedOut ? "cut off" : times(s.ratio),
            String(s.calls.total),
            String(s.calls.throttled),
            percent(s.throttledShare),
            String(s.failed),
            String(s.cutOff),
            r.host ? r.host.cpuSeconds.toFixed(2) : "n/a",
            r.host ? (r.host.peakRssBytes / 1024 / 1024).toFixed(0) : "n/a",
        ];
    });
    return table(header, rows);
}

export function competitorLines(results: readonly ScenarioResult[]): string[] {
    const lines: string[] = [];
    for (const r of results) {
        if (!r.competitor) continue;
        const rates = Object.entries(r.competitor.okPerSecond)
            .filter(([action]) => action !== "DescribeLiveRecordNotifyConfig")
            .map(([action, rate]) => `${action.replace(/LiveRecordNotifyConfig$/, "")} ${rate.toFixed(1)}/s`)
            .join(", ");
        const c = r.competitor.calls;
        lines.push(`  ${r.numbers.strategy}: competitor got ${rates || "nothing"} (${c.throttled} of its ${c.total} calls throttled)`);
    }
    return lines;
}

/** One line per phase that had failures: how many, and the first error (shortened). */
export function errorLines(results: readonly ScenarioResult[], maxLength = 160): string[] {
    const lines: string[] = [];
    for (const r of results) {
        for (const p of r.numbers.phases) {
            const first = p.errorSamples[0];
            if (p.failed === 0 || first === undefined) continue;
            lines.push(
                `  ${r.numbers.strategy} ${r.numbers.contention ? "contention" : "alone"} ${p.phase}: ${p.failed} failed, e.g. ${shorten(first, maxLength)}`,
            );
        }
    }
    return lines;
}

export function verdictTable(verdicts: readonly Verdict[]): string {
    return table(
        ["verdict", "target", "scope", "measured", "limit"],
        verdicts.map((v) => [v.pass ? "PASS" : "FAIL", v.target, v.scope, v.measured, v.limit]),
    );
}

export function cpuLines(cost: CpuCost): string[] {
    return [
        `  ${cost.resources} creates + ${cost.resources} deletes, median of ${cost.runs.length / 2} runs each:`,
        `  real provider ${cost.realCpuSeconds.toFixed(2)} s host CPU, bare provider ${cost.bareCpuSeconds.toFixed(2)} s`,
        `  provider code: ${cost.providerCpuPer1000.toFixed(3)} s CPU per 1000 resources`,
    ];
}

/** The mixed stack: per phase and action, its part of the phase and its pace against its own floor, throttles, the busiest second. */
export function mixedTable(mixed: MixedNumbers): string {
    const header = ["phase", "action", "qps", "resources", "floor s", "wall s", "wall/floor", "span/floor", "calls", "throttled", "peak/s"];
    const rows = mixed.actions.map((a) => [
        a.phase,
        a.action,
        Number.isInteger(a.qps) ? String(a.qps) : a.qps.toFixed(1),
        String(a.planned),
        a.floorSeconds.toFixed(2),
        a.wallSeconds.toFixed(2),
        times(a.ratio),
        times(a.spanRatio),
        String(a.calls),
        String(a.throttled),
        String(a.peakPerSecond),
    ]);
    return table(header, rows);
}

/** The pipelines scenario: per K and variant, each phase's wall / floor, the worst, throttles, failures. */
export function pipelineTable(runs: readonly PipelineNumbers[]): string {
    const header = ["K", "N", "variant", "quota left", "create s", "delete s", "worst/floor", "calls", "throttled", "thr share", "failed", "cut off"];
    const rows = runs.map((r) => {
        const phase = (name: string) => {
            const p = r.phases.find((x) => x.phase === name);
            return p ? `${seconds(p.wallSeconds)} (${times(p.ratio)})` : "-";
        };
        return [
            String(r.k),
            String(r.n),
            r.variant,
            `${r.availableQps}/s`,
            phase("create"),
            phase("delete"),
            times(r.worstRatio),
            String(r.calls.total),
            String(r.calls.throttled),
            percent(r.throttledShare),
            String(r.failed),
            String(r.cutOff),
        ];
    });
    return table(header, rows);
}
export function cliTable(result: CliScenarioResult): string {
    const header = [
        "phase",
        "wall s",
        "wall/floor",
        "- no-op s",
        "net s",
        "floor s",
        "net/floor",
        "calls span s",
        "span/floor",
        "no quota s",
        "done",
        "failed",
        "unfinished",
        "calls",
        "throttled",
        "thr share",
        "exit",
    ];
    const rows = result.phases.map((p) => [
        p.phase,
        seconds(p.wallSeconds),
        times(p.rawRatio),
        seconds(result.noopSubtractedSeconds),
        seconds(p.netSeconds),
        seconds(p.floorSeconds),
        times(p.ratio),
        seconds(p.callSpanSeconds),
        times(p.callSpanRatio),
        seconds(result.noQuotaWallSeconds[p.phase]),
        String(p.succeeded),
        String(p.failed),
        String(p.unfinished),
        String(p.calls.total),
        String(p.calls.throttled),
        percent(p.throttledShare),
        String(p.exitCode),
    ]);
    return table(header, rows);
}

/**
 * The front doors side by side, per phase: net (wall - no-op up) seconds and net / floor, the throttled
 * share, failed operations (and unfinished ones), and the wall time with no quota; the archive's plugin
 * in a third group when it ran.
 */
export function cliComparisonTable(dynamic: CliScenarioResult, plugin: CliScenarioResult, archive?: CliScenarioResult): string {
    const group = (label: string) => [`${label} net s`, "net/floor", "thr share", "failed", "no quota s"];
    const header = ["phase", "floor s", ...group("dynamic"), ...group("plugin"), ...(archive ? group("archive") : [])];
    const failed = (p: CliPhaseNumbers) => (p.unfinished > 0 ? `${p.failed} (+${p.unfinished} unfinished)` : String(p.failed));
    const cells = (r: CliScenarioResult, p: CliPhaseNumbers | undefined) =>
        p
            ? [seconds(p.netSeconds), times(p.ratio), percent(p.throttledShare), failed(p), seconds(r.noQuotaWallSeconds[p.phase])]
            : ["-", "-", "-", "-", "-"];
    const rows = CLI_PHASES.map((phase) => {
        const d = dynamic.phases.find((p) => p.phase === phase);
        const q = plugin.phases.find((p) => p.phase === phase);
        const a = archive?.phases.find((p) => p.phase === phase);
        return [phase, seconds((d ?? q)?.floorSeconds ?? NaN), ...cells(dynamic, d), ...cells(plugin, q), ...(archive ? cells(archive, a) : [])];
    });
    return table(header, rows);
}

/** The no-op up each variant subtracts, and each plugin's start-up time (the archive's as a share of the npm plugin's). */
export function cliComparisonNotes(dynamic: CliScenarioResult, plugin: CliScenarioResult, archive?: CliScenarioResult): string[] {
    const noop = (r: CliScenarioResult) => `${r.noopWallSeconds.map(seconds).join(" s, ")} s (${seconds(r.noopSubtractedSeconds)} s subtracted)`;
    const startupLine = (label: string, r: CliScenarioResult) =>
        r.pluginStartup
            ? `  ${label} start-up, spawn to port line: median ${r.pluginStartup.medianMs.toFixed(0)} ms (samples ${r.pluginStartup.samplesMs.map((x) => x.toFixed(0)).join(", ")} ms)`
            : `  ${label} start-up: not measured`;
    const lines = [
        `  no-op up: dynamic ${noop(dynamic)}; plugin ${noop(plugin)}${archive ? `; archive ${noop(archive)}` : ""}`,
        startupLine("plugin", plugin),
    ];
    if (archive) {
        lines.push(startupLine("archive plugin", archive));
        if (archive.pluginStartup && plugin.pluginStartup)
            lines.push(`  archive / npm plugin start-up: ${(archive.pluginStartup.medianMs / plugin.pluginStartup.medianMs).toFixed(2)} (medians)`);
    }
    return lines;
}

/** One line per CLI phase that had failures or unfinished resources, with its first error. */
export function cliErrorLines(result: CliScenarioResult, maxLength = 160): string[] {
    const label = result.variant === "dynamic" ? "cli" : `cli ${result.variant}`;
    return result.phases
        .filter((p) => p.failed + p.unfinished > 0 || p.exitCode !== 0)
        .map(
            (p) =>
                `  ${label} ${p.phase}: ${p.failed} failed, ${p.unfinished} unfinished, exit ${p.exitCode}, e.g. ${shorten(p.errorSamples[0] ?? "no error reported", maxLength)}`,
        );
}

function shorten(text: string, maxLength: number): string {
    return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
