/**
 * The CLI scenario: N configs created, refreshed and destroyed by the real `pulumi up`, `refresh` and
 * `destroy --parallel P`, in a program that uses the package installed (as users run it), against the
 * emulator at the real quotas. A no-op `up` of the same stack measures what the CLI, the program and
 * the engine cost on their own; each phase is judged by its wall time less that.
 *
 * The same three commands then run once more with the quota lifted (in the emulator and in the
 * provider's settings): what the CLI, the program and the engine need for the phase when no call waits.
 *
 * It runs once per front door (`CliVariant`): the dynamic provider (`BENCH_PROGRAM`), the provider
 * plugin (`BENCH_PLUGIN_PROGRAM`), the executable of the same installed package found through
 * `plugins.providers` in Pulumi.yaml, and the same plugin as the plugin archive ships it (this build's
 * single executable for this machine, `npm run plugin-archives`), found the same way; for both plugins
 * their start-up time is measured too.
 *
 * Every command gets its own `--event-log`, which says resource by resource what succeeded and what
 * failed; the emulator's request log gives the provider key's calls and throttles per phase.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorAdmin } from "../emulator/admin/client";
import { RESOURCE_TYPE as PLUGIN_RESOURCE_TYPE } from "../provider/plugin/schema";
import type { PulumiCli } from "../tools/pulumi-cli/obtain";
import { PACKAGE_NAME } from "../tools/host-driver/project-dir";
import { programDir } from "../tools/pulumi-cli/program-dir";
import { PulumiWorkspace } from "../tools/pulumi-cli/workspace";
import { RAISED_EMULATOR_QPS, RAISED_PROVIDER_QPS } from "./cpu-cost";
import { callSpanSeconds, CLI_PHASE_CALL, cliPhaseNumbers, phaseQps, type CliPhase, type CliPhaseNumbers } from "./cli-metrics";
import { RESOURCE_TYPE } from "./driver";
import { summarizeEventLog } from "./event-log";
import { countCalls, timeline } from "./metrics";
import { measurePluginStartup, type PluginStartup } from "./plugin-startup";
import type { AccessKey } from "./scenario";

/** The parallelism for the CLI scenario (Pulumi's default is 4 x CPU count). */
export const CLI_PARALLEL = 64;
/** No-op `up`s run; the quickest is subtracted (the overhead, as little of the machine's noise as possible). */
const NOOP_RUNS = 2;
const STACK = "bench";
const PROJECT = "alicloud-live-bench";

/** The benchmark's program: `bench:count` configs, each on its own domain, as in the host scenarios. */
export const BENCH_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { LiveRecordNotifyConfig } = require("pulumi-alicloud-live");
const count = new pulumi.Config("bench").requireNumber("count");
for (let i = 0; i < count; i++) {
    new LiveRecordNotifyConfig("r" + i, {
        domainName: "r" + i + ".bench.example.com",
        notifyUrl: "https://callbacks.example.com/bench/r" + i + "/record",
    });
}
`;

/**
 * The same N configs through the provider plugin: a \`CustomResource\` of its type token, as a program
 * without a generated SDK declares it; the engine starts the plugin named in Pulumi.yaml.
 */
export const BENCH_PLUGIN_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
class LiveRecordNotifyConfig extends pulumi.CustomResource {
    constructor(name, args, opts) {
        super("${PLUGIN_RESOURCE_TYPE}", name, args, opts);
    }
}
const count = new pulumi.Config("bench").requireNumber("count");
for (let i = 0; i < count; i++) {
    new LiveRecordNotifyConfig("r" + i, {
        domainName: "r" + i + ".bench.example.com",
        notifyUrl: "https://callbacks.example.com/bench/r" + i + "/record",
    });
}
`;

/** The front doors the scenario runs through: the plugin twice, from npm and from its archive. */
export type CliVariant = "dynamic" | "plugin" | "archive";

export const CLI_VARIANTS: readonly CliVariant[] = ["dynamic", "plugin", "archive"];

/** The plugin's two ways in: the npm package's `bin/`, and the archive's single executable. */
export const PLUGIN_VARIANTS: readonly CliVariant[] = ["plugin", "archive"];

/** Per front door: its program and the config keys of its credentials (the rest are `alicloud-live:*` in both). */
export const CLI_VARIANT_SETUP: Readonly<
    Record<CliVariant, { readonly program: string; readonly resourceType: string; readonly accessKey: string; readonly secretKey: string }>
> = {
    dynamic: { program: BENCH_PROGRAM, resourceType: RESOURCE_TYPE, accessKey: "alicloud:accessKey", secretKey: "alicloud:secretKey" },
    plugin: {
        program: BENCH_PLUGIN_PROGRAM,
        resourceType: PLUGIN_RESOURCE_TYPE,
        accessKey: "alicloud-live:accessKey",
        secretKey: "alicloud-live:secretKey",
    },
    archive: {
        program: BENCH_PLUGIN_PROGRAM,
        resourceType: PLUGIN_RESOURCE_TYPE,
        accessKey: "alicloud-live:accessKey",
        secretKey: "alicloud-live:secretKey",
    },
};

/** Pulumi.yaml of the plugin variant: the engine takes the plugin from the installed package's \`bin/\`. Pure. */
export function pluginProjectYaml(project: string, pluginDir: string): string {
    return [
        `name: ${project}`,
        "runtime: nodejs",
        "plugins:",
        "  providers:",
        "    - name: alicloud-live",
        `      path: ${JSON.stringify(pluginDir)}`,
        "",
    ].join("\n");
}

/** The installed package's plugin folder and executable inside a program folder. */
export function installedPlugin(projectDir: string): { readonly dir: string; readonly executable: string } {
    const dir = path.join(projectDir, "node_modules", PACKAGE_NAME, "bin");
    return { dir, executable: path.join(dir, "pulumi-resource-alicloud-live") };
}

export interface CliScenarioContext {
    readonly variant: CliVariant;
    readonly admin: EmulatorAdmin;
    readonly endpoint: string;
    readonly providerKey: AccessKey;
    readonly cli: PulumiCli;
    /** The compiled tree whose `provider/` is installed into the program's folder. */
    readonly buildRoot: string;
    readonly repoRoot: string;
    readonly n: number;
    readonly parallel: number;
    readonly writeQps: number;
    readonly readQps: number;
    /**
     * PULUMI_SKIP_CHECKPOINTS=true: the file backend writes the state once at the end instead of after
     * every step, which takes the engine's own per-step writes out of the measurement.
     */
    readonly skipCheckpoints: boolean;
    /** Each command is killed after this long. */
    readonly timeLimitSeconds: number;
    /** The archive variant: the folder holding the archive's `pulumi-resource-alicloud-live`, unpacked. */
    readonly archivePluginDir?: string;
    readonly log: (line: string) => void;
}

export interface CliScenarioResult {
    readonly variant: CliVariant;
    readonly cliVersion: string;
    readonly n: number;
    readonly parallel: number;
    readonly skipCheckpoints: boolean;
    /** Each no-op `up`'s wall time, and the one subtracted. */
    readonly noopWallSeconds: readonly number[];
    readonly noopSubtractedSeconds: number;
    readonly phases: readonly CliPhaseNumbers[];
    /** Per phase, its wall time with the quota lifted: the CLI's, the program's and the engine's own time. */
    readonly noQuotaWallSeconds: Readonly<Record<CliPhase, number>>;
    /** Per phase, the provider key's OK and throttled answers per second from the command's start. */
    readonly timelines: Readonly<Record<CliPhase, ReturnType<typeof timeline>>>;
    /** Configs the emulator held after `up`, and after `destroy`. */
    readonly cloudAfterCreate: number;
    readonly cloudAfterDestroy: number;
    /** The emulator's request log dropped entries, so the call counts are incomplete. */
    readonly logOverflowed: boolean;
    /** The plugin variants: the plugin's start-up time, spawn to port line. */
    readonly pluginStartup?: PluginStartup;
}

interface Timed {
    readonly wallMs: number;
    readonly fromMs: number;
    readonly toMs: number;
    readonly exitCode: number | null;
    readonly eventLog: string;
}

export async function runCliScenario(ctx: CliScenarioContext): Promise<CliScenarioResult> {
    await ctx.admin.reset();
    const setup = CLI_VARIANT_SETUP[ctx.variant];
    const project = programDir({ buildRoot: ctx.buildRoot, repoRoot: ctx.repoRoot, project: PROJECT, program: setup.program });
    let pluginStartup: PluginStartup | undefined;
    if (PLUGIN_VARIANTS.includes(ctx.variant)) {
        if (ctx.variant === "archive" && !ctx.archivePluginDir) throw new Error("the archive variant needs archivePluginDir");
        const plugin =
            ctx.variant === "archive"
                ? { dir: ctx.archivePluginDir!, executable: path.join(ctx.archivePluginDir!, "pulumi-resource-alicloud-live") }
                : installedPlugin(project.dir);
        fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), pluginProjectYaml(PROJECT, plugin.dir));
        pluginStartup = await measurePluginStartup(plugin.executable, project.dir);
        ctx.log(`    plugin start-up (spawn to port line): median ${pluginStartup.medianMs.toFixed(0)} ms of ${pluginStartup.samplesMs.length}`);
    }
    const ws = new PulumiWorkspace({ cli: ctx.cli, projectDir: project.dir });
    try {
        await ws.ok(["stack", "init", STACK]);
        await ws.setConfig(STACK, "bench:count", String(ctx.n));
        await ws.setConfig(STACK, "alicloud-live:endpoint", ctx.endpoint);
        await ws.setConfig(STACK, setup.accessKey, ctx.providerKey.id);
        await ws.setConfig(STACK, setup.secretKey, ctx.providerKey.secret, true);

        let runs = 0;
        const run = async (command: string, label = ""): Promise<Timed> => {
            const eventLog = path.join(ws.root, `events-${++runs}-${command}.jsonl`);
            const fromMs = Date.now();
            const result = await ws.run(
                [command, "--stack", STACK, "--yes", "--skip-preview", "--parallel", String(ctx.parallel), "--event-log", eventLog],
                // `--event-log` exists only with PULUMI_DEBUG_COMMANDS, as Pulumi's Automation API sets it.
                {
                    timeoutMs: ctx.timeLimitSeconds * 1000,
                    env: { PULUMI_DEBUG_COMMANDS: "true", ...(ctx.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}) },
                },
            );
            const toMs = Date.now();
            ctx.log(`    pulumi ${command}${label}: exit ${result.code}, ${((toMs - fromMs) / 1000).toFixed(1)} s`);
            if (result.code !== 0)
                ctx.log(
                    result.output
                        .trim()
                        .split("\n")
                        .slice(-8)
                        .map((l) => `      ${l}`)
                        .join("\n"),
                );
            return {
                wallMs: toMs - fromMs,
                fromMs,
                toMs,
                exitCode: result.code,
                eventLog: fs.existsSync(eventLog) ? fs.readFileSync(eventLog, "utf8") : "",
            };
        };

        const create = await run("up");
        const cloudAfterCreate = (await ctx.admin.configs()).length;
        const noops: Timed[] = [];
        for (let i = 0; i < NOOP_RUNS; i++) noops.push(await run("up", " (no-op)"));
        const refresh = await run("refresh");
        const destroy = await run("destroy");
        const cloudAfterDestroy = (await ctx.admin.configs()).length;

        await ctx.admin.setQuota({ writeQps: RAISED_EMULATOR_QPS, readQps: RAISED_EMULATOR_QPS });
        await ws.setConfig(STACK, "alicloud-live:writeQps", String(RAISED_PROVIDER_QPS));
        await ws.setConfig(STACK, "alicloud-live:readQps", String(RAISED_PROVIDER_QPS));
        const noQuota = {
            create: await run("up", " (no quota)"),
            refresh: await run("refresh", " (no quota)"),
            destroy: await run("destroy", " (no quota)"),
        };
        await ctx.admin.setQuota({ writeQps: ctx.writeQps, readQps: ctx.readQps });

        const entries = await ctx.admin.requests();
        const noopMs = Math.min(...noops.map((x) => x.wallMs));
        const quotas = { writeQps: ctx.writeQps, readQps: ctx.readQps };
        const measured: ReadonlyArray<readonly [CliPhase, Timed]> = [
            ["create", create],
            ["refresh", refresh],
            ["destroy", destroy],
        ];
        const phases = measured.map(([phase, t]) => {
            const window = { fromMs: t.fromMs, toMs: t.toMs };
            return cliPhaseNumbers(
                {
                    phase,
                    planned: ctx.n,
                    wallMs: t.wallMs,
                    exitCode: t.exitCode,
                    events: summarizeEventLog(t.eventLog, setup.resourceType),
                    calls: countCalls(entries, ctx.providerKey.id, window).all,
                    callSpanSeconds: callSpanSeconds(entries, ctx.providerKey.id, CLI_PHASE_CALL[phase].action, phaseQps(phase, quotas), window),
                },
                noopMs,
                quotas,
            );
        });
        return {
            variant: ctx.variant,
            cliVersion: ctx.cli.version,
            n: ctx.n,
            parallel: ctx.parallel,
            skipCheckpoints: ctx.skipCheckpoints,
            noopWallSeconds: noops.map((x) => x.wallMs / 1000),
            noopSubtractedSeconds: noopMs / 1000,
            phases,
            noQuotaWallSeconds: {
                create: noQuota.create.wallMs / 1000,
                refresh: noQuota.refresh.wallMs / 1000,
                destroy: noQuota.destroy.wallMs / 1000,
            },
            timelines: Object.fromEntries(
                measured.map(([phase, t]) => [phase, timeline(entries, ctx.providerKey.id, t.fromMs).slice(0, Math.ceil(t.wallMs / 1000))]),
            ) as CliScenarioResult["timelines"],
            cloudAfterCreate,
            cloudAfterDestroy,
            logOverflowed: entries.length > 0 && entries[0].seq !== 1,
            ...(pluginStartup ? { pluginStartup } : {}),
        };
    } finally {
        await ws.cleanup();
        project.cleanup();
    }
}
