/** Runs the commands a venv install needs (python, pip), streaming their lines as progress. */
import { spawn } from "node:child_process";

export interface Outcome {
    readonly code: number | null;
    /** The output's tail (stdout and stderr interleaved), for error messages. */
    readonly output: string;
    readonly timedOut: boolean;
}

/** Runs a command, handing each output line to `onLine`; keeps the tail for error messages. */
export function run(
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    timeoutMs: number,
    onLine?: (line: string) => void,
    cwd?: string,
): Promise<Outcome> {
    return new Promise((resolve) => {
        const child = spawn(command, [...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        let pending = "";
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
        }, timeoutMs);
        const take = (chunk: Buffer) => {
            const text = chunk.toString("utf8");
            output = (output + text).slice(-20_000);
            const lines = (pending + text).split("\n");
            pending = lines.pop() ?? "";
            for (const line of lines) if (line.trim() !== "") onLine?.(line);
        };
        child.stdout.on("data", take);
        child.stderr.on("data", take);
        child.once("error", (error) => {
            clearTimeout(timer);
            resolve({ code: null, output: String(error.message), timedOut });
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, output, timedOut });
        });
    });
}

/** The last lines of a command's output. */
export const tail = (text: string, n = 8) => text.trim().split("\n").slice(-n).join("\n");
