/**
 * Runs Apache Maven (`mvn`) for the repository's tools, always against a local repository of ours
 * (`-Dmaven.repo.local`), never the user's `~/.m2`. Finds no Maven by itself: when `mvn` is missing or
 * does not run, the error says so and how to get it.
 */
import { lastLines, runCommand, type Outcome } from "../child-process";

/** `mvn --version` answers in seconds (a JVM start). */
const PROBE_TIMEOUT_MS = 60_000;

export class MavenError extends Error {
    override readonly name = "MavenError";
}

const INSTALL_HINT = "install Apache Maven 3.8 or newer and a JDK 11 or newer (Debian: `apt-get install maven openjdk-17-jdk-headless`)";

/** The first line of `mvn --version` and its Java line, e.g. `Apache Maven 3.8.7; Java version: 17.0.15, ...`; throws when Maven does not run. */
export async function mavenVersion(env: NodeJS.ProcessEnv): Promise<string> {
    const probe = await runCommand("mvn", ["--version", "--batch-mode", "-Dstyle.color=never"], { env, timeoutMs: PROBE_TIMEOUT_MS });
    if (probe.missing) throw new MavenError(`no Maven (the \`mvn\` command): ${INSTALL_HINT}`);
    if (probe.code !== 0) throw new MavenError(`\`mvn --version\` failed (${INSTALL_HINT}):\n${lastLines(probe.output)}`);
    return describeVersion(probe.stdout);
}

/** `Apache Maven 3.8.7; Java version: 17.0.15, vendor: Debian, ...` from `mvn --version`'s output, colour codes removed. Pure. */
export function describeVersion(output: string): string {
    // eslint-disable-next-line no-control-regex -- an older Maven colours its first line whatever it is told
    const lines = output.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
    const maven =
        lines
            .find((l) => l.startsWith("Apache Maven"))
            ?.replace(/\s*\(.*\)\s*$/, "")
            .trim() ?? "Apache Maven (version unknown)";
    const java = lines.find((l) => l.startsWith("Java version:"))?.trim();
    return java ? `${maven}; ${java}` : maven;
}

/** The arguments every run starts with: batch mode without colours, our local repository, and `--offline` when offline. Pure. */
export function mavenArgs(repository: string, offline: boolean): string[] {
    return ["--batch-mode", "-Dstyle.color=never", `-Dmaven.repo.local=${repository}`, ...(offline ? ["--offline"] : [])];
}

/**
 * The text of a project's `.mvn/maven.config`: the same arguments for every `mvn` anyone runs in that
 * project (pulumi-language-java runs its own `mvn compile exec:java`), one per line. Pure.
 */
export function mavenConfig(repository: string, offline: boolean): string {
    return `${mavenArgs(repository, offline).join("\n")}\n`;
}

export interface MavenRun {
    readonly cwd: string;
    readonly repository: string;
    readonly offline: boolean;
    readonly env: NodeJS.ProcessEnv;
    readonly timeoutMs: number;
    readonly onLine?: (line: string) => void;
}

/** `mvn <our arguments> <args>` in `cwd`. */
export function runMaven(args: readonly string[], run: MavenRun): Promise<Outcome> {
    return runCommand("mvn", [...mavenArgs(run.repository, run.offline), ...args], {
        cwd: run.cwd,
        env: run.env,
        timeoutMs: run.timeoutMs,
        onLine: run.onLine,
    });
}
