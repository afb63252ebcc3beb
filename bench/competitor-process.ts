/**
 * Starts the competing client (competitor.js) in its own process and stops it, always: the child
 * is killed when stopping takes too long, and when this process exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { COMPETITOR_ENV, type CompetitorSummary } from "./competitor";

const SCRIPT = path.join(__dirname, "competitor.js");
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface CompetitorOptions {
    /** The emulator's base URL (loopback). */
    readonly endpoint: string;
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    /** Calls/s on each write action. */
    readonly rate: number;
    /** Makes its domain names unique to one scenario. */
    readonly prefix: string;
}

export interface RunningCompetitor {
    readonly pid: number;
    /** Stops the schedule, waits for calls in flight, and returns its own counts (undefined if it died). */
    stop(): Promise<CompetitorSummary | undefined>;
}

const children = new Set<ChildProcess>();
let hookInstalled = false;

export async function startCompetitor(options: CompetitorOptions): Promise<RunningCompetitor> {
    if (!hookInstalled) {
        hookInstalled = true;
        process.on("exit", () => {
            for (const child of children) child.kill("SIGKILL");
        });
    }
    const child = spawn(process.execPath, [SCRIPT], {
        env: {
            PATH: process.env.PATH ?? "",
            [COMPETITOR_ENV.endpoint]: options.endpoint,
            [COMPETITOR_ENV.accessKeyId]: options.accessKeyId,
            [COMPETITOR_ENV.accessKeySecret]: options.accessKeySecret,
            [COMPETITOR_ENV.rate]: String(options.rate),
            [COMPETITOR_ENV.prefix]: options.prefix,
        },
        stdio: ["pipe", "pipe", "pipe"],
    });
    children.add(child);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    void exited.then(() => children.delete(child));
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString("utf8");
    });
    const messages: unknown[] = [];
    const waiters: (() => void)[] = [];
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
        try {
            messages.push(JSON.parse(line));
        } catch {
            return; // not ours
        }
        for (const wake of waiters.splice(0)) wake();
    });

    const next = (type: string, timeoutMs: number): Promise<unknown> =>
        new Promise((resolve) => {
            const look = () => {
                const found = messages.find((m) => (m as { type?: unknown } | null)?.type === type);
                if (found !== undefined) {
                    clearTimeout(timer);
                    resolve(found);
                    return true;
                }
                return false;
            };
            const timer = setTimeout(() => resolve(undefined), timeoutMs);
            if (look()) return;
            const wait = () => {
                if (!look()) waiters.push(wait);
            };
            waiters.push(wait);
            void exited.then(() => {
                clearTimeout(timer);
                resolve(messages.find((m) => (m as { type?: unknown } | null)?.type === type));
            });
        });

    const kill = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited;
    };

    if ((await next("started", START_TIMEOUT_MS)) === undefined) {
        await kill();
        throw new Error(`the competitor did not start${stderr ? `: ${stderr.trim()}` : ""}`);
    }
    return {
        pid: child.pid ?? -1,
        async stop() {
            child.stdin.end("stop\n");
            const summary = (await next("summary", STOP_TIMEOUT_MS)) as CompetitorSummary | undefined;
            await kill();
            return summary;
        },
    };
}
