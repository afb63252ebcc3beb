/**
 * The provider plugin's start-up time, as the engine pays it once per command: from spawning the
 * installed `pulumi-resource-alicloud-live` to the port line on its stdout (Node's start, loading gRPC,
 * the SDK's protobuf code and the provider's core, binding the server). Several samples; the median.
 */
import { spawn } from "node:child_process";
import { median } from "./cpu-cost";

/** Samples taken (the median is reported). */
export const STARTUP_SAMPLES = 10;
/** A start that prints no port within this is reported as a failure, not waited on forever. */
const STARTUP_LIMIT_MS = 60_000;

export interface PluginStartup {
    readonly samplesMs: readonly number[];
    readonly medianMs: number;
}

/** The port the plugin printed, once its first line is complete; undefined before that. Pure. */
export function portFromOutput(stdout: string): number | undefined {
    const newline = stdout.indexOf("\n");
    if (newline < 0) return undefined;
    const line = stdout.slice(0, newline).trim();
    if (!/^\d{1,5}$/.test(line) || Number(line) < 1 || Number(line) > 65_535) {
        throw new Error(`the plugin's first line is not a port: ${JSON.stringify(line.slice(0, 80))}`);
    }
    return Number(line);
}

export function startupSummary(samplesMs: readonly number[]): PluginStartup {
    return { samplesMs: [...samplesMs], medianMs: median(samplesMs) };
}

/** One start: spawn, wait for the port line, end the plugin (SIGTERM) and wait for it to exit. */
export function timePluginStart(executable: string, cwd: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        // The engine passes its own address first; the plugin does not use it.
        const child = spawn(executable, ["127.0.0.1:0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let elapsedMs: number | undefined;
        const timer = setTimeout(() => child.kill("SIGKILL"), STARTUP_LIMIT_MS);
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on("data", (chunk: Buffer) => {
            if (elapsedMs !== undefined) return;
            stdout += chunk.toString();
            try {
                if (portFromOutput(stdout) === undefined) return;
            } catch (error) {
                child.kill("SIGKILL");
                reject(error instanceof Error ? error : new Error(String(error)));
                return;
            }
            elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
            child.kill("SIGTERM");
        });
        child.on("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (elapsedMs !== undefined) resolve(elapsedMs);
            else reject(new Error(`the plugin exited (${signal ?? `code ${code}`}) before printing its port: ${stderr.trim().slice(-400)}`));
        });
    });
}

export async function measurePluginStartup(executable: string, cwd: string, samples = STARTUP_SAMPLES): Promise<PluginStartup> {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await timePluginStart(executable, cwd));
    return startupSummary(times);
}
