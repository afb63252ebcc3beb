/**
 * A real `redis-server` for tests and the benchmark: on 127.0.0.1, a free port, no persistence
 * (`--save '' --appendonly no`), in a temporary directory, stopped (and killed if this process
 * exits first). Installs the Debian packages through scripts/ensure-redis-server.sh when missing,
 * and fails with its reason when that is impossible: a test needing Redis never silently skips.
 *
 * Options make it a TLS server, a cluster node, a replica or an ACL'd one (cluster.ts and
 * sentinel.ts build topologies from it). Secrets go through stdin, never a command line.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { findRepoRoot } from "../repo-root";

const START_TIMEOUT_MS = 15_000;
const READY_LINE = /Ready to accept connections/;

export interface RedisServerOptions {
    /** Default: a free one. */
    readonly port?: number;
    /** Sets `requirepass` (and `masterauth`, so replicas of a server with the same password sync). */
    readonly password?: string;
    /** Serves TLS only (`tls-port`, no plain port), with this certificate; clients need no certificate. */
    readonly tls?: { readonly cert: string; readonly key: string; readonly ca: string };
    /** More `redis.conf` lines (`cluster-enabled yes`, `user …`, `replicaof …`), read from stdin. */
    readonly config?: readonly string[];
    /** Also put this in the URL (an ACL user); `password` is then that user's. */
    readonly urlUser?: string;
    /** The password the URL carries, when not `password` (an ACL user's). */
    readonly urlPassword?: string;
}

export interface RunningRedis {
    readonly port: number;
    /** `redis://127.0.0.1:PORT` or `rediss://` (with the user and password when set). */
    readonly url: string;
    /** The temporary directory it runs in. */
    readonly dir: string;
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

/** Kills `proc` if this process exits first (a failed test must not leave servers behind). */
export function killOnExit(proc: ChildProcess): void {
    if (!hookInstalled) {
        hookInstalled = true;
        process.on("exit", () => {
            for (const child of running) child.kill("SIGKILL");
        });
    }
    running.add(proc);
    proc.once("exit", () => running.delete(proc));
}

/** Resolves once `proc` printed a line matching `ready`; kills it and rejects on exit or timeout. */
export function whenReady(proc: ChildProcess, ready: RegExp, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
        let output = "";
        const timer = setTimeout(
            () => fail(new Error(`${what} did not start within ${START_TIMEOUT_MS} ms: ${output.slice(-500)}`)),
            START_TIMEOUT_MS,
        );
        const fail = (error: Error) => {
            clearTimeout(timer);
            proc.kill("SIGKILL");
            reject(error);
        };
        proc.stdout!.on("data", (chunk: Buffer) => {
            output += chunk.toString("utf8");
            if (ready.test(output)) {
                clearTimeout(timer);
                resolve();
            }
        });
        proc.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        proc.once("exit", (code, signal) => fail(new Error(`${what} exited (${code ?? signal}) before it was ready: ${output.slice(-500)}`)));
    });
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
    ensureRedisServer();
    const port = options.port ?? (await freePort());
    const dir = mkdtempSync(path.join(tmpdir(), "redis-test-"));
    let child: ChildProcess | undefined;

    const launch = async (): Promise<void> => {
        const ports = options.tls ? ["--port", "0", "--tls-port", String(port)] : ["--port", String(port)];
        const args = [...ports, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "yes"];
        if (options.tls) {
            writeFileSync(path.join(dir, "server.crt"), options.tls.cert);
            writeFileSync(path.join(dir, "server.key"), options.tls.key, { mode: 0o600 });
            writeFileSync(path.join(dir, "ca.crt"), options.tls.ca);
            args.push("--tls-cert-file", path.join(dir, "server.crt"), "--tls-key-file", path.join(dir, "server.key"));
            args.push("--tls-ca-cert-file", path.join(dir, "ca.crt"), "--tls-auth-clients", "no", "--tls-replication", "yes");
        }
        // The password goes through stdin (a config file read from "-"), never on a command line.
        const lines = [...(options.config ?? [])];
        if (options.password !== undefined)
            lines.push(`requirepass ${JSON.stringify(options.password)}`, `masterauth ${JSON.stringify(options.password)}`);
        const config = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
        const proc = spawn("redis-server", config ? [...args, "-"] : args, { stdio: ["pipe", "pipe", "pipe"] });
        proc.stdin.end(config);
        killOnExit(proc);
        child = proc;
        await whenReady(proc, READY_LINE, "redis-server");
    };

    const killChild = async (signal: NodeJS.Signals): Promise<void> => {
        const proc = child;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
        proc.kill(signal);
        await exited;
    };

    await launch();
    const urlPassword = options.urlPassword ?? options.password;
    const user = options.urlUser === undefined ? "" : encodeURIComponent(options.urlUser);
    const auth = urlPassword === undefined ? (user ? `${user}@` : "") : `${user}:${encodeURIComponent(urlPassword)}@`;
    return {
        port,
        dir,
        url: `${options.tls ? "rediss" : "redis"}://${auth}127.0.0.1:${port}`,
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
