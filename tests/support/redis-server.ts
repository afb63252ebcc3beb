/**
 * A real `redis-server` for tests and the benchmark: on 127.0.0.1, a free port, no persistence
 * (`--save '' --appendonly no`), in a temporary directory, stopped (and killed if this process
 * exits first). Installs the Debian package through scripts/ensure-redis-server.sh when missing,
 * and fails with its reason when that is impossible: a test needing Redis never silently skips.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { findRepoRoot } from "../../tools/host-driver/project-dir";

const START_TIMEOUT_MS = 15_000;
const READY_LINE = /Ready to accept connections/;

export interface RedisServerOptions {
    /** Default: a free one. */
    readonly port?: number;
    /** Sets `requirepass`. */
    readonly password?: string;
}

export interface RunningRedis {
    readonly port: number;
    /** `redis://127.0.0.1:PORT` (with the password when one is set). */
    readonly url: string;
    readonly pid: number;
    /** SIGKILL, as a crash would. */
    kill(): Promise<void>;
    /** A fresh, empty server on the same port (after `kill`). */
    restart(): Promise<void>;
    stop(): Promise<void>;
}

let ensured = false;

/** Installs redis-server when missing; throws with the installer's reason when it cannot. */
export function ensureRedisServer(): void {
    if (ensured) return;
    const script = path.join(findRepoRoot(__dirname), "scripts", "ensure-redis-server.sh");
    // stdio inherited: apt-get's progress shows while the tests wait.
    const result = spawnSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"], timeout: 10 * 60_000 });
    if (result.status !== 0) {
        throw new Error(
            `redis-server is needed by this test and could not be had (scripts/ensure-redis-server.sh exited ${result.status ?? result.signal})`,
        );
    }
    ensured = true;
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
        });
    });
}

const running = new Set<ChildProcess>();
let hookInstalled = false;

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
    ensureRedisServer();
    if (!hookInstalled) {
        hookInstalled = true;
        process.on("exit", () => {
            for (const child of running) child.kill("SIGKILL");
        });
    }
    const port = options.port ?? (await freePort());
    const dir = mkdtempSync(path.join(tmpdir(), "redis-test-"));
    let child: ChildProcess | undefined;

    const launch = async (): Promise<void> => {
        const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "yes"];
        // The password goes through stdin (a config file read from "-"), never on a command line.
        const config = options.password === undefined ? "" : `requirepass ${JSON.stringify(options.password)}\n`;
        const proc = spawn("redis-server", config ? [...args, "-"] : args, { stdio: ["pipe", "pipe", "pipe"] });
        proc.stdin.end(config);
        running.add(proc);
        proc.once("exit", () => running.delete(proc));
        child = proc;
        await new Promise<void>((resolve, reject) => {
            let output = "";
            const timer = setTimeout(
                () => fail(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms: ${output.slice(-500)}`)),
                START_TIMEOUT_MS,
            );
            const fail = (error: Error) => {
                clearTimeout(timer);
                proc.kill("SIGKILL");
                reject(error);
            };
            proc.stdout.on("data", (chunk: Buffer) => {
                output += chunk.toString("utf8");
                if (READY_LINE.test(output)) {
                    clearTimeout(timer);
                    resolve();
                }
            });
            proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
            proc.once("exit", (code, signal) =>
                fail(new Error(`redis-server exited (${code ?? signal}) before it was ready: ${output.slice(-500)}`)),
            );
        });
    };

    const killChild = async (signal: NodeJS.Signals): Promise<void> => {
        const proc = child;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
        proc.kill(signal);
        await exited;
    };

    await launch();
    const auth = options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`;
    return {
        port,
        url: `redis://${auth}127.0.0.1:${port}`,
        get pid() {
            return child?.pid ?? -1;
        },
        kill: () => killChild("SIGKILL"),
        restart: async () => {
            await killChild("SIGKILL");
            await launch();
        },
        stop: async () => {
            await killChild("SIGTERM");
            rmSync(dir, { recursive: true, force: true });
        },
    };
}
