/**
 * The demo's stack, run by the real `pulumi` CLI in an isolated workspace (file backend and
 * PULUMI_HOME in a temp folder, a throwaway passphrase), printing each command and Pulumi's own
 * output as a person at a terminal would see them.
 */
import type { PulumiCli } from "../pulumi-cli/obtain";
import { PulumiWorkspace } from "../pulumi-cli/workspace";
import { STACK, type DemoConfigEntry } from "./scenario";

export class DemoStack {
    readonly #workspace: PulumiWorkspace;
    readonly #print: (line: string) => void;
    #initialized = false;

    /** `env` is added to every command's environment. */
    constructor(cli: PulumiCli, projectDir: string, print: (line: string) => void, env?: Readonly<Record<string, string>>) {
        this.#workspace = new PulumiWorkspace({ cli, projectDir, ...(env ? { env } : {}) });
        this.#print = print;
    }

    get backendDir(): string {
        return this.#workspace.backendDir;
    }

    async setConfig(entries: readonly DemoConfigEntry[]): Promise<void> {
        if (!this.#initialized) {
            await this.#pulumi(`stack init ${STACK}`, ["stack", "init", STACK]);
            this.#initialized = true;
        }
        for (const e of entries) {
            const title = e.secret ? `config set --secret ${e.key} (value on stdin)` : `config set ${e.key} ${e.value}`;
            const args = ["config", "set", e.key, "--stack", STACK, ...(e.secret ? ["--secret"] : ["--", e.value])];
            if (!(await this.#pulumi(title, args, e.secret ? e.value : undefined))) throw new Error(`could not set ${e.key}`);
        }
    }

    up = () => this.#pulumi("up --yes", ["up", "--yes", "--skip-preview", "--stack", STACK]);
    /** Fails (as intended) when the live configs drifted from what the program declares. */
    previewExpectNoChanges = () =>
        this.#pulumi("preview --refresh --expect-no-changes --diff", ["preview", "--refresh", "--expect-no-changes", "--diff", "--stack", STACK]);
    refresh = () => this.#pulumi("refresh --yes", ["refresh", "--yes", "--skip-preview", "--stack", STACK]);
    destroy = () => this.#pulumi("destroy --yes", ["destroy", "--yes", "--skip-preview", "--stack", STACK]);

    /** Removes the stack's temp folder; never throws. */
    cleanup(): Promise<void> {
        return this.#workspace.cleanup();
    }

    /** Runs one command, showing its output; resolves true on exit status 0. */
    async #pulumi(title: string, args: readonly string[], stdin?: string): Promise<boolean> {
        this.#print(`  $ pulumi ${title}`);
        const result = await this.#workspace.run(args, { stdin, onLine: (line) => line.trim() && this.#print(`  | ${line}`) });
        return result.code === 0;
    }
}
