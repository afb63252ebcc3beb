/**
 * CPU time and peak memory of a process, read from Linux's /proc: `utime + stime` (fields 14 and 15
 * of /proc/<pid>/stat, in clock ticks) and `VmHWM` (the resident set's high-water mark) from
 * /proc/<pid>/status. The parsers are pure; `readProcStats` is the one I/O step.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export interface ProcStats {
    /** User plus system CPU seconds since the process started. */
    readonly cpuSeconds: number;
    /** Peak resident set size, in bytes. */
    readonly peakRssBytes: number;
}

/** The kernel's clock ticks per second (`getconf CLK_TCK`); 100 on every common Linux build. */
export const DEFAULT_CLOCK_TICKS = 100;

let clockTicks: number | undefined;

function ticksPerSecond(): number {
    if (clockTicks === undefined) {
        try {
            const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
            clockTicks = Number.isInteger(value) && value > 0 ? value : DEFAULT_CLOCK_TICKS;
        } catch {
            clockTicks = DEFAULT_CLOCK_TICKS;
        }
    }
    return clockTicks;
}

/**
 * `utime + stime` in ticks from the text of /proc/<pid>/stat. The second field (the command name,
 * in parentheses) may itself hold spaces and parentheses, so fields are counted after the last ")".
 */
export function cpuTicksFromStat(text: string): number {
    const close = text.lastIndexOf(")");
    if (close < 0) throw new Error("not a /proc/<pid>/stat line: no command name");
    // After ")" come fields 3 (state), 4, ...: utime is field 14, stime field 15.
    const fields = text
        .slice(close + 1)
        .trim()
        .split(/\s+/);
    const utime = Number(fields[14 - 3]);
    const stime = Number(fields[15 - 3]);
    if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error("not a /proc/<pid>/stat line: utime/stime missing");
    return utime + stime;
}

/** `VmHWM` in bytes from the text of /proc/<pid>/status. */
export function peakRssFromStatus(text: string): number {
    const match = /^VmHWM:\s*(\d+)\s*kB\s*$/m.exec(text);
    if (!match) throw new Error("no VmHWM line in /proc/<pid>/status");
    return Number(match[1]) * 1024;
}

export function readProcStats(pid: number): ProcStats {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return { cpuSeconds: cpuTicksFromStat(stat) / ticksPerSecond(), peakRssBytes: peakRssFromStatus(status) };
}
