/**
 * `npm run plugin-archives -- --run`: each built archive's executable started as a user's machine would
 * start it, as far as this Linux x64 machine allows, with no `node` reachable (PATH is an empty folder):
 * linux-amd64 natively, linux-arm64 under Debian's qemu-user with Debian's arm64 C and C++ libraries,
 * windows-amd64 under Debian's wine64 (a prefix reporting Windows 10, which Node requires, made once in
 * the cache); darwin-amd64 is not run (nothing here loads Mach-O). Each run must print a port on its
 * first line; the time to it is reported (emulated runs are slow, and are not a start-up measurement).
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { runCommand } from "../child-process";
import { toolchainCache } from "../toolchain/cache";
import type { BuiltArchive } from "./build";
import { PLUGIN_EXECUTABLE } from "./planned-archives";

const run = promisify(execFile);
/** Emulated start-ups take seconds (qemu-user about 12 s here); past this the run failed. */
const START_LIMIT_MS = 180_000;
const QEMU = "/usr/bin/qemu-aarch64";
const ARM64_SYSROOT = "/usr/aarch64-linux-gnu";
const WINE = "/usr/lib/wine/wine64";

export interface RunCheck {
    readonly platform: string;
    /** How it ran, or undefined when it could not be run here. */
    readonly how?: "native" | "qemu-user" | "wine";
    readonly port?: number;
    readonly ms?: number;
    /** Why it was not run, or why the run failed. */
    readonly note?: string;
    readonly ok: boolean;
}

/**
 * Runs `command args` with `env` until the first stdout line; that line must be a port. Its stdout goes
 * to a file, read every 100 ms: under wine, Node cannot take a Unix pipe as its stdout (it ends with
 * "open EBADF" from `net`), which real Windows, where the engine hands it a pipe, does not share.
 */
function firstLine(command: string, args: readonly string[], env: NodeJS.ProcessEnv, outFile: string): Promise<{ port: number; ms: number }> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const out = fs.openSync(outFile, "w");
        const err = fs.openSync(`${outFile}.err`, "w");
        const child = spawn(command, [...args], { env, stdio: ["ignore", out, err] });
        fs.closeSync(out);
        fs.closeSync(err);
        let settled = false;
        const finish = (error: Error | undefined, result?: { port: number; ms: number }) => {
            if (settled) return;
            settled = true;
            clearInterval(poll);
            clearTimeout(timer);
            child.kill("SIGTERM");
            if (error) reject(error);
            else resolve(result!);
        };
        const poll = setInterval(() => {
            const line = /^(.*)\r?\n/.exec(fs.readFileSync(outFile, "utf8"));
            if (!line) return;
            if (/^\d+$/.test(line[1].trim())) finish(undefined, { port: Number(line[1].trim()), ms: Date.now() - started });
            else finish(new Error(`its first line is not a port: ${JSON.stringify(line[1].slice(0, 80))}`));
        }, 100);
        const timer = setTimeout(() => finish(new Error(`no port within ${START_LIMIT_MS / 1000} s`)), START_LIMIT_MS);
        child.once("error", (error) => finish(error));
        child.once("exit", (code, signal) =>
            setTimeout(() => {
                if (settled || /\n/.test(fs.readFileSync(outFile, "utf8"))) return;
                finish(
                    new Error(
                        `it ended (${signal ?? `exit ${code}`}) without a port: ${fs.readFileSync(`${outFile}.err`, "utf8").trim().slice(-300)}`,
                    ),
                );
            }, 200),
        );
    });
}

/** A wine prefix that reports Windows 10 (Node refuses older Windows), made once; a marker says it is complete. */
async function winePrefix(log: (line: string) => void): Promise<string> {
    const prefix = toolchainCache("wine-prefix");
    const marker = path.join(prefix, ".pulumi-alicloud-live-complete");
    if (fs.existsSync(marker)) return prefix;
    fs.rmSync(prefix, { recursive: true, force: true });
    log("  making a wine prefix (Windows 10) in the cache, once: a few minutes");
    const made = await runCommand(WINE, ["winecfg", "/v", "win10"], {
        env: { ...process.env, WINEPREFIX: prefix, WINEDEBUG: "-all" },
        timeoutMs: 15 * 60_000,
    });
    if (made.code !== 0) throw new Error(`winecfg /v win10 failed: ${made.output.trim().slice(-300)}`);
    fs.writeFileSync(marker, "");
    return prefix;
}

export async function runCheck(archive: BuiltArchive, log: (line: string) => void): Promise<RunCheck> {
    const { platform } = archive;
    if (os.platform() !== "linux" || os.arch() !== "x64") return { platform, ok: false, note: "these checks are written for a Linux x64 machine" };
    if (platform === "darwin-amd64") return { platform, ok: true, note: "not run: nothing here loads Mach-O (built and its signature checked only)" };
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `run-check-${platform}-`));
    try {
        await run("tar", ["-xzf", archive.file, "-C", work]);
        const empty = path.join(work, "empty-bin");
        fs.mkdirSync(empty);
        const executable = path.join(work, PLUGIN_EXECUTABLE + (platform.startsWith("windows") ? ".exe" : ""));
        const env: NodeJS.ProcessEnv = { PATH: empty, HOME: work };
        const out = path.join(work, "stdout.txt");
        let how: RunCheck["how"];
        let started: { port: number; ms: number };
        if (platform === "linux-amd64") {
            how = "native";
            started = await firstLine(executable, ["127.0.0.1:1"], env, out);
        } else if (platform === "linux-arm64") {
            if (!fs.existsSync(QEMU) || !fs.existsSync(path.join(ARM64_SYSROOT, "lib", "libstdc++.so.6")))
                return { platform, ok: false, note: "not run: needs Debian's qemu-user, libc6-arm64-cross and libstdc++6-arm64-cross" };
            how = "qemu-user";
            started = await firstLine(QEMU, ["-L", ARM64_SYSROOT, executable, "127.0.0.1:1"], env, out);
        } else if (platform === "windows-amd64") {
            if (!fs.existsSync(WINE)) return { platform, ok: false, note: "not run: needs Debian's wine64" };
            how = "wine";
            const prefix = await winePrefix(log);
            started = await firstLine(WINE, [executable, "127.0.0.1:1"], { ...env, WINEPREFIX: prefix, WINEDEBUG: "-all" }, out);
        } else {
            return { platform, ok: false, note: "not run: no way to run it here" };
        }
        return { platform, how, ...started, ok: true };
    } catch (error) {
        return { platform, ok: false, note: `failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

/** One line per platform, as the command prints it. Pure. */
export function runCheckLine(check: RunCheck): string {
    if (check.how && check.ok) return `  ${check.platform}: ran (${check.how}), no node on PATH: port ${check.port} after ${check.ms} ms`;
    return `  ${check.platform}: ${check.note ?? "not run"}`;
}
