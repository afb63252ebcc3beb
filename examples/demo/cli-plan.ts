/**
 * The Pulumi CLI commands the demo runs when `pulumi` is on PATH, built as data so that they can be
 * checked without the CLI. A local file backend in a temp directory (no login), a throwaway
 * passphrase, secrets passed on stdin (never on the command line, where `ps` would show them).
 */
import type { DemoConfigEntry } from "./scenario";

export interface CliCommand {
    /** What the demo prints before running it. */
    readonly title: string;
    readonly args: readonly string[];
    /** Written to the command's stdin (secret config values). */
    readonly stdin?: string;
    /** `failure` for `preview --expect-no-changes` after drift. */
    readonly expect: "success" | "failure";
}

export interface CliEnvOptions {
    /** Where the file backend keeps the stack's state. */
    readonly backendDir: string;
    /** Encrypts the stack's secrets in that backend; generated per run. */
    readonly passphrase: string;
}

/** The environment for every `pulumi` command: local backend, no login, no update check. */
export function cliEnv(options: CliEnvOptions): Record<string, string> {
    return {
        PULUMI_BACKEND_URL: `file://${options.backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: options.passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
    };
}

const NON_INTERACTIVE = "--non-interactive";

export function stackInit(stack: string): CliCommand {
    return { title: `pulumi stack init ${stack}`, args: ["stack", "init", stack, NON_INTERACTIVE], expect: "success" };
}

/** `pulumi config set`; a secret's value goes on stdin. */
export function configSet(stack: string, entry: DemoConfigEntry): CliCommand {
    const base = ["config", "set", entry.key, "--stack", stack, NON_INTERACTIVE];
    if (entry.secret) {
        return { title: `pulumi config set --secret ${entry.key} (value on stdin)`, args: [...base, "--secret"], stdin: entry.value, expect: "success" };
    }
    return { title: `pulumi config set ${entry.key} ${entry.value}`, args: [...base, "--", entry.value], expect: "success" };
}

export function up(stack: string): CliCommand {
    return { title: "pulumi up --yes", args: ["up", "--yes", "--skip-preview", "--stack", stack, NON_INTERACTIVE], expect: "success" };
}

/** Fails (as intended) when the live configs drifted from what the program declares. */
export function previewExpectNoChanges(stack: string): CliCommand {
    return {
        title: "pulumi preview --refresh --expect-no-changes (expected to fail: drift)",
        args: ["preview", "--refresh", "--expect-no-changes", "--stack", stack, NON_INTERACTIVE],
        expect: "failure",
    };
}

export function refresh(stack: string): CliCommand {
    return { title: "pulumi refresh --yes", args: ["refresh", "--yes", "--skip-preview", "--stack", stack, NON_INTERACTIVE], expect: "success" };
}

export function destroy(stack: string): CliCommand {
    return { title: "pulumi destroy --yes", args: ["destroy", "--yes", "--skip-preview", "--stack", stack, NON_INTERACTIVE], expect: "success" };
}

/** Removes the stack and its config file (`Pulumi.<stack>.yaml`). */
export function stackRm(stack: string): CliCommand {
    return { title: `pulumi stack rm ${stack}`, args: ["stack", "rm", stack, "--yes", "--force", NON_INTERACTIVE], expect: "success" };
}
