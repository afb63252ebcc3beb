/**
 * Whether a process is still running. An orphan that exited stays a zombie until whoever adopted it
 * reaps it, and in some containers that is a PID 1 that reaps late or never: a zombie has ended.
 */
import * as fs from "node:fs";

export function running(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    let stat: string;
    try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
        return !fs.existsSync("/proc/self/stat"); // no /proc at all: trust kill(0)
    }
    // The first field after the parenthesised command name is the state.
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}
