/**
 * One engine-stand-in operation in its own process, the way each `pulumi` command is its own process:
 *
 *   node run-program.js <up|preview|refresh|destroy> --program DIR --state FILE
 *        [--project NAME] [--stack NAME] [--parallel N] [--refresh] [--expect-no-changes] [--result FILE]
 *
 * Stack config comes from the environment exactly as the Node language host receives it:
 * `PULUMI_CONFIG` (a JSON object of namespaced keys, e.g. {"alicloud-live-basic:domains": "[...]"})
 * and `PULUMI_CONFIG_SECRET_KEYS` (a JSON array of the keys that are secret). The whole config is
 * also sent to the provider host's Configure, as the engine does for `pulumi-nodejs`.
 *
 * The host starts with the program directory as its working directory and this process's
 * environment. Steps print one per line on stdout; `--result FILE` receives a JSON summary.
 * Exit code: 0 success, 1 operation failed, 2 bad usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Engine, type OperationResult } from "./engine";
import { formatSummary } from "./format";
import { startProviderHost } from "./host";
import { mockedProgram } from "./program";
import { createCheckpointer, loadState } from "./state";

export const OPERATIONS = ["up", "preview", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface RunProgramArgs {
    readonly op: Operation;
    readonly program: string;
    readonly state: string;
    readonly project?: string;
    readonly stack: string;
    readonly parallel?: number;
    readonly refresh: boolean;
    readonly expectNoChanges: boolean;
    readonly result?: string;
}

/** What `--result` receives. Secret stack outputs appear as "[secret]". */
export interface RunProgramResult {
    readonly op: Operation;
    readonly ok: boolean;
    readonly preview: boolean;
    readonly counts: OperationResult["counts"];
    readonly drifted: number;
    readonly gone: number;
    readonly errors: readonly string[];
    readonly events: OperationResult["events"];
    readonly outputs: Record<string, unknown>;
    readonly resourceCount: number;
    readonly hostPid: number;
    readonly hostOutput: { readonly stdout: string; readonly stderr: string };
}

export class UsageError extends Error {
    override readonly name = "UsageError";
}

export function parseRunProgramArgs(argv: readonly string[]): RunProgramArgs {
    const [op, ...rest] = argv;
    if (!OPERATIONS.includes(op as Operation)) {
        throw new UsageError(`first argument must be one of ${OPERATIONS.join(", ")}; got ${JSON.stringify(op ?? "")}`);
    }
    const values = new Map<string, string>();
    const flags = new Set<string>();
    for (let i = 0; i < rest.length; i++) {
        const a = rest[i];
        if (a === "--refresh" || a === "--expect-no-changes") flags.add(a);
        else if (["--program", "--state", "--project", "--stack", "--parallel", "--result"].includes(a)) {
            const v = rest[++i];
            if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
            values.set(a, v);
        } else throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
    }
    const program = values.get("--program");
    const state = values.get("--state");
    if (!program) throw new UsageError("--program DIR is required");
    if (!state) throw new UsageError("--state FILE is required");
    let parallel: number | undefined;
    if (values.has("--parallel")) {
        parallel = Number(values.get("--parallel"));
        if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError("--parallel must be an integer >= 1");
    }
    return {
        op: op as Operation,
        program,
        state,
        project: values.get("--project"),
        stack: values.get("--stack") ?? "dev",
        parallel,
        refresh: flags.has("--refresh"),
        expectNoChanges: flags.has("--expect-no-changes"),
        result: values.get("--result"),
    };
}

/** The `name:` of a Pulumi.yaml (a top-level scalar; enough for project files like ours). */
export function projectNameFromYaml(text: string): string | undefined {
    const m = /^name:\s*["']?([^"'#\s]+)["']?\s*(?:#.*)?$/m.exec(text);
    return m?.[1];
}

/** Stack config as the language host receives it. */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
    const raw = env.PULUMI_CONFIG;
    if (!raw) return {};
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
    return out;
}

export async function runProgram(args: RunProgramArgs, print: (line: string) => void = console.log): Promise<RunProgramResult> {
    const programDir = path.extname(args.program) === ".js" ? path.dirname(path.resolve(args.program)) : path.resolve(args.program);
    const project = args.project ?? readProjectName(programDir);
    const state = loadState(args.state, project, args.stack);
    if (state.project !== project || state.stack !== args.stack) {
        throw new UsageError(`state file ${args.state} belongs to ${state.project}/${state.stack}, not ${project}/${args.stack}`);
    }
    const host = await startProviderHost({ cwd: programDir, project });
    const checkpointer = createCheckpointer(args.state);
    try {
        await host.configure(configFromEnv(process.env));
        const engine = new Engine({
            host,
            state,
            parallel: args.parallel,
            log: (line) => print(line),
            checkpoint: (s) => checkpointer.checkpoint(s),
        });
        const preview = args.op === "preview";
        print(`${headline(args.op)} ${project}/${args.stack} (engine stand-in driving the real dynamic-provider host)`);
        let result: OperationResult;
        switch (args.op) {
            case "up":
            case "preview":
                result = await engine.up(mockedProgram({ program: args.program, project, stack: args.stack, preview }), {
                    preview,
                    refresh: args.refresh,
                    expectNoChanges: args.expectNoChanges,
                });
                break;
            case "refresh":
                result = await engine.refresh({ expectNoChanges: args.expectNoChanges });
                break;
            case "destroy":
                result = await engine.destroy();
                break;
        }
        if (args.op !== "refresh") print(formatSummary(result.counts, result.preview));
        if (args.op === "refresh" || args.refresh) print(`Refresh: ${result.drifted} drifted, ${result.gone} gone`);
        const outputs = visibleOutputs(result.state.outputs, result.state.secretOutputs);
        if (args.op === "up" && result.ok && Object.keys(outputs).length > 0) {
            print("Outputs:");
            for (const [k, v] of Object.entries(outputs)) print(`    ${k}: ${JSON.stringify(v)}`);
        }
        for (const e of result.errors) print(`error: ${e}`);
        return {
            op: args.op,
            ok: result.ok,
            preview: result.preview,
            counts: result.counts,
            drifted: result.drifted,
            gone: result.gone,
            errors: result.errors,
            events: result.events,
            outputs,
            resourceCount: result.state.resources.length,
            hostPid: host.pid,
            hostOutput: host.output(),
        };
    } finally {
        checkpointer.flush();
        await host.stop();
    }
}

function headline(op: RunProgramArgs["op"]): string {
    return { up: "Updating", preview: "Previewing update of", refresh: "Refreshing", destroy: "Destroying" }[op];
}

function readProjectName(programDir: string): string {
    const file = path.join(programDir, "Pulumi.yaml");
    const name = fs.existsSync(file) ? projectNameFromYaml(fs.readFileSync(file, "utf8")) : undefined;
    if (!name) throw new UsageError(`--project is required: no Pulumi.yaml with a name in ${programDir}`);
    return name;
}

function visibleOutputs(outputs: Record<string, unknown>, secretKeys: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) out[k] = secretKeys.includes(k) ? "[secret]" : v;
    return out;
}

async function main(argv: readonly string[]): Promise<number> {
    let args: RunProgramArgs;
    try {
        args = parseRunProgramArgs(argv);
    } catch (error) {
        process.stderr.write(`run-program: ${(error as Error).message}\n`);
        return 2;
    }
    try {
        const result = await runProgram(args);
        if (args.result) fs.writeFileSync(args.result, JSON.stringify(result, null, 2));
        return result.ok ? 0 : 1;
    } catch (error) {
        process.stderr.write(`run-program: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        return error instanceof UsageError ? 2 : 1;
    }
}

if (require.main === module) {
    // A failed registration also rejects promises the program never awaited. The language host logs
    // those instead of crashing; the failure itself is already reported by the engine.
    const seen = new Set<string>();
    process.on("unhandledRejection", (reason) => {
        const message = reason instanceof Error ? reason.message : String(reason);
        if (seen.has(message)) return; // every Output of a failed resource rejects with the same error
        seen.add(message);
        process.stderr.write(`run-program: unhandled rejection in the program: ${message}\n`);
    });
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        () => process.exit(1),
    );
}
