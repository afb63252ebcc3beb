/**
 * Runs one engine-stand-in operation (`run-program.js`) in a child process and collects what it
 * printed and its JSON result. Used by the demo, the tests, the benchmark and the soak.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Operation, RunProgramResult } from "./run-program";

export const RUN_PROGRAM_SCRIPT = path.join(__dirname, "run-program.js");

/** A whole operation's deadline; generous, since a loaded CI machine is slow to start processes. */
export const DEFAULT_OPERATION_TIMEOUT_MS = 120_000;

export interface ChildOperationOptions {
    readonly op: Operation;
    /** The program directory (also the provider host's working directory). */
    readonly program: string;
    readonly stateFile: string;
    readonly project?: string;
    readonly stack?: string;
    /** Stack config, namespaced keys (`alicloud-live-basic:domains`); objects are JSON-encoded. */
    readonly config?: Readonly<Record<string, unknown>>;
    /** Keys of `config` that are secrets (as `pulumi config set --secret` marks them). */
    readonly secretKeys?: readonly string[];
    /** Extra environment for the operation (and so for the host). */
    readonly env?: NodeJS.ProcessEnv;
    /** Start from an empty environment plus `env` instead of this process's environment. */
    readonly cleanEnv?: boolean;
    readonly parallel?: number;
    readonly refresh?: boolean;
    readonly expectNoChanges?: boolean;
    readonly timeoutMs?: number;
    /** Receives each stdout line as it arrives. */
    readonly onLine?: (line: string) => void;
}

export interface ChildOperationResult {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
    /** The JSON result; absent when the operation crashed before writing it. */
    readonly result?: RunProgramResult;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** The env vars the Node language host gets its config from. */
export function configEnv(config: Readonly<Record<string, unknown>>, secretKeys: readonly string[] = []): NodeJS.ProcessEnv {
    const encoded: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) encoded[k] = typeof v === "string" ? v : JSON.stringify(v);
    return { PULUMI_CONFIG: JSON.stringify(encoded), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
}

export function runOperationInChild(options: ChildOperationOptions): Promise<ChildOperationResult> {
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.on("exit", () => {
            for (const c of liveChildren) c.kill("SIGKILL");
        });
    }
    const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engine-result-")), "result.json");
    const args = [RUN_PROGRAM_SCRIPT, options.op, "--program", options.program, "--state", options.stateFile, "--result", resultFile];
    if (options.project) args.push("--project", options.project);
    if (options.stack) args.push("--stack", options.stack);
    if (options.parallel !== undefined) args.push("--parallel", String(options.parallel));
    if (options.refresh) args.push("--refresh");
    if (options.expectNoChanges) args.push("--expect-no-changes");
    const env: NodeJS.ProcessEnv = {
        ...(options.cleanEnv ? { PATH: process.env.PATH ?? "" } : process.env),
        ...options.env,
        ...configEnv(options.config ?? {}, options.secretKeys),
    };
    const child = spawn(process.execPath, args, { cwd: options.program, env, stdio: ["ignore", "pipe", "pipe"] });
    liveChildren.add(child);
    let stdout = "";
    let stderr = "";
    let partial = "";
    child.stdout.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        stdout += text;
        if (!options.onLine) return;
        partial += text;
        const lines = partial.split("\n");
        partial = lines.pop()!;
        for (const line of lines) options.onLine(line);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timeoutMs = options.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            stderr += `\n[run-in-child] ${options.op} did not finish within ${timeoutMs} ms; killed`;
            child.kill("SIGKILL");
        }, timeoutMs);
        child.once("close", (code, signal) => {
            clearTimeout(timer);
            liveChildren.delete(child);
            if (options.onLine && partial) options.onLine(partial);
            let result: RunProgramResult | undefined;
            try {
                result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as RunProgramResult;
            } catch {
                result = undefined;
            }
            fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
            resolve({ code, signal, stdout, stderr, result });
        });
    });
}
