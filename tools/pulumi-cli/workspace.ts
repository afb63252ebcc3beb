/**
 * Runs `pulumi` commands for one project the way a CI job would, with nothing shared with the
 * user's own Pulumi set-up: a file backend and a `PULUMI_HOME` in a temp folder, a throwaway
 * passphrase for the stack's secrets, no plugin downloads and no update check.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathWithCli, type PulumiCli } from "./obtain";

/** One command's deadline: a cold TypeScript program compiles for a while on a loaded machine. */
export const COMMAND_TIMEOUT_MS = 300_000;

export interface CommandResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** stdout and stderr as they came. */
    readonly output: string;
    readonly ms: number;
}

export interface RunOptions {
    /** Written to stdin (secret config values go here, never on the command line). */
    readonly stdin?: string;
    /** Each line of output as it comes (the demo shows Pulumi's own output). */
    readonly onLine?: (line: string) => void;
    readonly env?: Readonly<Record<string, string>>;
    readonly timeoutMs?: number;
}

export interface WorkspaceOptions {
    readonly cli: PulumiCli;
    /** The folder with `Pulumi.yaml`. */
    readonly projectDir: string;
    /** Added to every command's environment. */
    readonly env?: Readonly<Record<string, string>>;
}

/** Variables that would point a run at a real account or at the user's own Pulumi set-up. */
const INHERITED_BUT_NOT_WANTED = /^(ALIBABA_CLOUD_|ALICLOUD_|PULUMI_)/;

export class PulumiWorkspace {
    readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-pulumi-"));
    readonly backendDir = path.join(this.root, "state");
    readonly homeDir = path.join(this.root, "home");
    readonly env: Readonly<Record<string, string>>;
    readonly #options: WorkspaceOptions;
    readonly #children = new Set<ReturnType<typeof spawn>>();

    constructor(options: WorkspaceOptions) {
        this.#options = options;
        fs.mkdirSync(this.backendDir);
        fs.mkdirSync(this.homeDir);
        const inherited = Object.fromEntries(
            Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !INHERITED_BUT_NOT_WANTED.test(e[0])),
        );
        this.env = {
            ...inherited,
            PATH: pathWithCli(options.cli),
            PULUMI_HOME: this.homeDir,
            PULUMI_BACKEND_URL: `file://${this.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: randomBytes(16).toString("hex"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            ...options.env,
        };
    }

    get projectDir(): string {
        return this.#options.projectDir;
    }

    /** Runs `pulumi <args>` in the project folder; never throws for a non-zero exit. */
    run(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
        const started = Date.now();
        return new Promise((resolve) => {
            const child = spawn(this.#options.cli.pulumi, ["--non-interactive", ...args], {
                cwd: this.#options.projectDir,
                env: { ...this.env, ...options.env },
                stdio: ["pipe", "pipe", "pipe"],
            });
            this.#children.add(child);
            let stdout = "";
            let stderr = "";
            let output = "";
            let pending = "";
            const onData = (chunk: Buffer, toStdout: boolean) => {
                const text = chunk.toString("utf8");
                if (toStdout) stdout += text;
                else stderr += text;
                output += text;
                if (!options.onLine) return;
                const lines = (pending + text).split("\n");
                pending = lines.pop() ?? "";
                for (const line of lines) options.onLine(line);
            };
            child.stdout.on("data", (c: Buffer) => onData(c, true));
            child.stderr.on("data", (c: Buffer) => onData(c, false));
            child.stdin.end(options.stdin ?? "");
            const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? COMMAND_TIMEOUT_MS);
            const finish = (code: number | null, extra = "") => {
                clearTimeout(timer);
                this.#children.delete(child);
                if (pending && options.onLine) options.onLine(pending);
                resolve({ code, stdout, stderr: stderr + extra, output: output + extra, ms: Date.now() - started });
            };
            child.once("error", (error) => finish(null, String(error)));
            child.once("close", (code) => finish(code));
        });
    }

    /** Runs a command that must succeed; throws with its output when it does not. */
    async ok(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
        const result = await this.run(args, options);
        if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output.slice(-4000)}`);
        return result;
    }

    /** `pulumi config set` (a secret's value goes on stdin). */
    setConfig(stack: string, key: string, value: string, secret = false): Promise<CommandResult> {
        const args = ["config", "set", key, "--stack", stack, ...(secret ? ["--secret"] : ["--", value])];
        return this.ok(args, secret ? { stdin: value } : {});
    }

    /** The stack's state as `pulumi stack export` gives it. */
    async exportState(stack: string, showSecrets = false): Promise<{ text: string; deployment: StackDeployment }> {
        const { stdout } = await this.ok(["stack", "export", "--stack", stack, ...(showSecrets ? ["--show-secrets"] : [])]);
        return { text: stdout, deployment: (JSON.parse(stdout) as { deployment: StackDeployment }).deployment };
    }

    /** Stops any command still running and removes the temp folder; never throws. */
    // eslint-disable-next-line @typescript-eslint/require-await -- async so that a throw becomes a rejection, like every other step
    async cleanup(): Promise<void> {
        for (const child of this.#children) child.kill("SIGKILL");
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}

export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly id?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
}

export interface StackDeployment {
    readonly resources?: readonly StateResource[];
}
