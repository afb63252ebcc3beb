/**
 * Starts Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), as the Pulumi
 * engine does, without the Pulumi CLI, and hands back a gRPC client of it (host-client.ts).
 *
 * The host binds 127.0.0.1:0 and prints its port as the first stdout line; it needs one argument (the
 * engine address), which it never uses. Serialized providers `require` packages relative to the host's
 * working directory, so `cwd` must be the project (program) directory, as the engine sets it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { BoundedText } from "./bounded-text";
import { GrpcProviderHost, type ProviderHost, type RpcClient } from "./host-client";
import { loadSdk } from "./sdk";

// What a started host offers, exported here too so that a caller of startProviderHost imports one module.
export type { CheckFailure, CheckResult, CreateResult, DiffChanges, DiffResult, ProviderHost, ReadResult, ResourceRef } from "./host-client";

/** The host insists on an engine address argument but never connects to it. */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";

/** How long the host may take to print its port (it takes ~0.5 s; a loaded CI machine may take far longer). */
export const DEFAULT_START_TIMEOUT_MS = 30_000;

/** Captured host output is capped (the newest bytes are kept). */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface HostOptions {
    /** The project directory. Serialized `require("pkg/...")` calls resolve from here. */
    readonly cwd: string;
    /** The host's whole environment. Default: this process's environment. */
    readonly env?: NodeJS.ProcessEnv;
    /** Sets `PULUMI_NODEJS_PROJECT`, the namespace of un-prefixed config keys, as the engine does. */
    readonly project?: string;
    readonly startTimeoutMs?: number;
    readonly rpcTimeoutMs?: number;
    readonly maxOutputBytes?: number;
}

/** Every host started here, so none outlives this process. */
const liveHosts = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    process.on("exit", () => {
        for (const child of liveHosts) child.kill("SIGKILL");
    });
}

const PARENT_WATCH = path.join(__dirname, "parent-watch.js");

export async function startProviderHost(options: HostOptions): Promise<ProviderHost> {
    const sdk = loadSdk(options.cwd);
    const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
    if (options.project !== undefined) {
        env.PULUMI_NODEJS_PROJECT = options.project;
        env.PULUMI_PROJECT = options.project;
    }
    installExitHook();
    const child = spawn(process.execPath, ["--require", PARENT_WATCH, sdk.hostScript, UNUSED_ENGINE_ADDRESS], {
        cwd: options.cwd,
        env,
        // stdin stays open: its closing tells the host (via parent-watch) that we are gone.
        stdio: ["pipe", "pipe", "pipe"],
    });
    liveHosts.add(child);
    const exited = new Promise<void>((resolve) => {
        const gone = () => {
            liveHosts.delete(child);
            resolve();
        };
        child.once("exit", gone);
        // A process that could not be spawned at all never emits "exit".
        child.once("error", () => child.pid === undefined && gone());
    });
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const stdout = new BoundedText(maxBytes);
    const stderr = new BoundedText(maxBytes);
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));

    let port: number;
    try {
        port = await readPort(child, stdout, stderr, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    } catch (error) {
        child.kill("SIGKILL");
        await exited;
        throw error;
    }

    const client = new sdk.providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, sdk.grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    return new GrpcProviderHost(sdk, child, client as unknown as RpcClient, port, exited, stdout, stderr, options.rpcTimeoutMs);
}

/** Resolves with the port from the first stdout line; keeps collecting the rest of stdout. */
function readPort(child: ChildProcess, stdout: BoundedText, stderr: BoundedText, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let firstLine: string | undefined;
        let pending = "";
        const fail = (why: string) => {
            cleanup();
            const err = stderr.text().trim();
            reject(new Error(`dynamic-provider host did not start: ${why}${err ? `\n${err}` : ""}`));
        };
        const onData = (chunk: Buffer) => {
            stdout.push(chunk);
            if (firstLine !== undefined) return;
            pending += chunk.toString("utf8");
            const newline = pending.indexOf("\n");
            if (newline < 0) return;
            firstLine = pending.slice(0, newline).trim();
            const port = Number(firstLine);
            cleanup();
            if (Number.isInteger(port) && port > 0 && port < 65536) resolve(port);
            else fail(`first stdout line is not a port: ${JSON.stringify(firstLine.slice(0, 200))}`);
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? code})`);
        const onError = (error: Error) => fail(error.message);
        const timer = setTimeout(() => fail(`no port within ${timeoutMs} ms`), timeoutMs);
        const cleanup = () => {
            clearTimeout(timer);
            child.removeListener("exit", onExit);
            child.removeListener("error", onError);
        };
        child.stdout!.on("data", onData);
        child.once("exit", onExit);
        child.once("error", onError);
    });
}
