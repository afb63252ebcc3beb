/**
 * A Maven local repository holding everything some Maven projects need (their dependencies and the
 * plugins of the goals they run, downloaded from the projects' repositories, Maven Central) and what
 * they install themselves (this checkout's Java SDK), cached under
 * `~/.cache/pulumi-alicloud-live/maven-repository/` and keyed by the Maven version, the arguments run,
 * each project's pom.xml and, for a project that is installed, all its files: a changed pin or a
 * regenerated SDK makes a new entry, an unchanged one is reused.
 *
 * Never half-installed: the projects are run in a staging folder (copies of them, so nothing is written
 * into this checkout), online, then again offline from fresh copies, which proves the entry complete;
 * only then is it renamed into place. Runs that use it use it offline (`mavenConfig`), which reads the
 * repository and writes nothing into it.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { lastLines, type Outcome } from "../child-process";
import { publishOnce, toolchainCache } from "../toolchain/cache";
import { MavenError, mavenVersion, runMaven } from "./maven";

/** A cold download is some hundred files from Maven Central: a minute or two; past this something is wrong. */
const RUN_TIMEOUT_MS = 20 * 60_000;
const HEARTBEAT_MS = 20_000;
/** Written last into a finished entry. */
const MARKER = "pulumi-alicloud-live-maven.json";

export interface MavenProject {
    /** What it is, for progress lines, e.g. `sdk/java`. */
    readonly title: string;
    /** The project's folder (its pom.xml); copied before anything runs in it. */
    readonly dir: string;
    /** What is run in it, e.g. `["install"]`, or goals with `-D` properties. */
    readonly args: readonly string[];
    /** `args` installs the project itself into the repository: every file of it is part of the key, not only its pom.xml. */
    readonly installed?: boolean;
}

export interface RepositoryOptions {
    /** Names the cache entry, e.g. `java-example`. */
    readonly name: string;
    /** Run in this order (an earlier one may install what a later one depends on). */
    readonly projects: readonly MavenProject[];
    /** Progress lines. @defaultValue `console.error` */
    readonly log?: (line: string) => void;
    /** @defaultValue `~/.cache/pulumi-alicloud-live/maven-repository` (or below `$XDG_CACHE_HOME`) */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
}

export interface MavenRepository {
    /** The local repository, for `-Dmaven.repo.local` with `--offline`. */
    readonly repository: string;
    /** `Apache Maven 3.8.7; Java version: 17.0.15, ...` */
    readonly maven: string;
    readonly source: "cache" | "download";
}

/** What a project adds to the key: its pom.xml, or, when it is installed, every file (but `target/`), by name and content. */
export function projectDigest(project: MavenProject): string {
    const hash = createHash("sha256").update(`${project.args.join("\0")}\n`);
    const files = project.installed ? listFiles(project.dir) : ["pom.xml"];
    for (const name of files) {
        const content = fs.readFileSync(path.join(project.dir, name));
        hash.update(`${name}\n${content.length}\n`).update(content);
    }
    return hash.digest("hex");
}

/** Every file below `dir` but build output, relative, sorted. */
function listFiles(dir: string, prefix = ""): string[] {
    return fs
        .readdirSync(path.join(dir, prefix), { withFileTypes: true })
        .filter((entry) => entry.name !== "target")
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((entry) => {
            const name = path.posix.join(prefix, entry.name);
            if (entry.isDirectory()) return listFiles(dir, name);
            return entry.isFile() ? [name] : [];
        });
}

/** The entry's folder name: the name and a digest of the Maven version and the projects' digests, in order. Pure. */
export function repositoryKey(name: string, maven: string, projectDigests: readonly string[]): string {
    const hash = createHash("sha256").update(`${maven}\n${projectDigests.join("\n")}\n`);
    return `${name}-${hash.digest("hex").slice(0, 16)}`;
}

/** What a failed Maven run says: its first `[ERROR]` lines (the later ones are Maven's help links), else its last lines. Pure. */
export function mavenErrors(output: string): string {
    const errors = output.split("\n").filter((l) => l.startsWith("[ERROR]") && !/\[Help 1\]|^\[ERROR\]\s*$|-> \[Help/.test(l));
    return errors.length > 0 ? errors.slice(0, 8).join("\n") : lastLines(output, 8);
}

export async function obtainMavenRepository(options: RepositoryOptions): Promise<MavenRepository> {
    const env = options.env ?? process.env;
    const log = options.log ?? ((line: string) => console.error(line));
    const maven = await mavenVersion(env);
    const projects = options.projects;
    const key = repositoryKey(options.name, maven, projects.map(projectDigest));
    const entry = path.join(options.cacheRoot ?? toolchainCache("maven-repository", env), key);
    const complete = (dir: string) => fs.existsSync(path.join(dir, MARKER));
    const built = await publishOnce(entry, complete, async (staging) => {
        const repository = path.join(staging, "repository");
        log(`maven: downloading what ${projects.map((p) => p.title).join(" and ")} need into a new local repository at ${entry} (${maven})`);
        const started = Date.now();
        let downloaded = 0;
        const heartbeat = setInterval(
            () => log(`maven: ... ${downloaded} files downloaded, ${Math.round((Date.now() - started) / 1000)} s`),
            HEARTBEAT_MS,
        );
        try {
            for (const offline of [false, true]) {
                for (const [i, project] of projects.entries()) {
                    const copy = path.join(staging, "work", `${offline ? "offline" : "online"}-${i}`);
                    fs.cpSync(project.dir, copy, { recursive: true, filter: (from) => path.basename(from) !== "target" });
                    const outcome = await runMaven(project.args, {
                        cwd: copy,
                        repository,
                        offline,
                        env,
                        timeoutMs: RUN_TIMEOUT_MS,
                        onLine: (line) => {
                            if (/^(\[INFO\] )?Downloaded from /.test(line)) downloaded++;
                            else if (/^\[INFO\] (--- |Building )/.test(line)) log(`maven: ${line.slice("[INFO] ".length)}`);
                        },
                    });
                    if (outcome.code !== 0) throw failure(project, offline, outcome);
                }
                if (!offline)
                    log(
                        `maven: ${downloaded} files downloaded in ${Math.round((Date.now() - started) / 1000)} s; checking the projects build offline from it`,
                    );
            }
        } finally {
            clearInterval(heartbeat);
        }
        fs.rmSync(path.join(staging, "work"), { recursive: true, force: true });
        const described = projects.map((p) => ({ title: p.title, args: p.args, installed: p.installed ?? false }));
        fs.writeFileSync(path.join(staging, MARKER), `${JSON.stringify({ maven, projects: described }, null, 2)}\n`);
        log(`maven: ready at ${entry}`);
    });
    return { repository: path.join(entry, "repository"), maven, source: built ? "download" : "cache" };
}

function failure(project: MavenProject, offline: boolean, outcome: Outcome): MavenError {
    const command = `mvn ${project.args.join(" ")}`;
    if (outcome.timedOut)
        return new MavenError(`maven: \`${command}\` in a copy of ${project.title} did not finish in ${RUN_TIMEOUT_MS / 60_000} minutes`);
    const why = offline
        ? "offline, from what the online run downloaded: the entry would be incomplete"
        : "(is Maven Central reachable? Maven's own settings, e.g. a mirror in ~/.m2/settings.xml, apply)";
    return new MavenError(`maven: \`${command}\` in a copy of ${project.title} (${project.dir}) failed ${why}:\n${mavenErrors(outcome.output)}`);
}
