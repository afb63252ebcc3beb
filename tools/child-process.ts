/**
 * Runs one command of a build or an install (`go`, `python`, `pip`) to completion: bounded in time,
 * its output kept for error messages, its lines handed on as progress. Never rejects: a command that
 * is not installed is `missing`, one that ran too long `timedOut`.
 */
import { spawn } from "node:child_process";

/** How much of a stream is kept for error messages. */
const KEPT_OUTPUT_CHARS = 20_000;

export interface RunOptions {
    readonly env: NodeJS.ProcessEnv;
    readonly timeoutMs: number;
    readonly cwd?: string;
    /** Each non-empty output line as it comes, with the stream it came on. */
    readonly onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

export interface Outcome {
    readonly code: number | null;
    /** All of stdout (the answers of `go version`, `go env`, `go mod download -json`). */
    readonly stdout: string;
    /** The tail of stderr. */
    readonly stderr: string;
    /** The tail of both streams interleaved, as a terminal would show them. */
    readonly output: string;
    readonly timedOut: boolean;
    /** The command is not installed. */
    readonly missing: boolean;
}

export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<Outcome> {
    return new Promise((resolve) => {
        const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let output = "";
        let timedOut = false;
        const pending = { stdout: "", stderr: "" };
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
        }, options.timeoutMs);
        const take = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
            const text = chunk.toString("utf8");
            if (stream === "stdout") stdout += text;
            else stderr = (stderr + text).slice(-KEPT_OUTPUT_CHARS);
            output = (output + text).slice(-KEPT_OUTPUT_CHARS);
            if (!options.onLine) return;
            const lines = (pending[stream] + text).split("\n");
            pending[stream] = lines.pop() ?? "";
            for (const line of lines) if (line.trim() !== "") options.onLine(line, stream);
        };
        child.stdout.on("data", take("stdout"));
        child.stderr.on("data", take("stderr"));
        child.once("error", (error: NodeJS.ErrnoException) => {
            clearTimeout(timer);
            resolve({ code: null, stdout, stderr: error.message, output: error.message, timedOut, missing: error.code === "ENOENT" });
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, output, timedOut, missing: false });
        });
    });
}

/** The last lines of a command's output, for an error message. */
export function lastLines(text: string, n = 6): string {
    return text.trim().split("\n").slice(-n).join("\n");
}
