/**
 * The Java side of the CLI suite: a Maven local repository (tools/maven) holding what examples/java
 * needs from Maven Central and this checkout's Java SDK (sdk/java, installed by `mvn install`),
 * obtained once per SDK and pins and cached; a program copy names it in its `.mvn/maven.config`, so
 * that every `mvn` pulumi-language-java runs there uses it, offline.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { mavenConfig } from "../../../tools/maven/maven";
import { obtainMavenRepository, type MavenRepository } from "../../../tools/maven/obtain";
import { REPO_ROOT } from "./programs";

export const JAVA_SDK_DIR = path.join(REPO_ROOT, "sdk", "java");
export const JAVA_EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "java");

/** What pulumi-language-java (v1.17.0's Maven executor) runs with these, to ask the Java SDK which plugins the program needs. */
export const BOOTSTRAP_ARGS = ["compile", "exec:java", "-DmainClass=com.pulumi.bootstrap.internal.Main", "-DmainArgs=packages"] as const;

let cached: Promise<MavenRepository> | undefined;

/**
 * The cached repository: sdk/java installed, and everything that and what the language host runs in
 * the example (`compile exec:java`, for the bootstrap and for the program) download.
 */
export function javaRepository(): Promise<MavenRepository> {
    cached ??= obtainMavenRepository({
        name: "java-example",
        projects: [
            { title: "sdk/java", dir: JAVA_SDK_DIR, args: ["install"], installed: true },
            { title: "examples/java", dir: JAVA_EXAMPLE_DIR, args: [...BOOTSTRAP_ARGS] },
        ],
        log: (line) => console.log(`      ${line}`),
    });
    return cached;
}

/** Points every `mvn` run in the program's folder at the repository, offline. */
export function useRepository(repository: MavenRepository, projectDir: string): void {
    fs.mkdirSync(path.join(projectDir, ".mvn"), { recursive: true });
    fs.writeFileSync(path.join(projectDir, ".mvn", "maven.config"), mavenConfig(repository.repository, true));
}

/** Each file below the repository with its size and modification time: equal before and after when nothing wrote into it. */
export function repositorySnapshot(repository: MavenRepository): string[] {
    return fs
        .readdirSync(repository.repository, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
            const full = path.join(entry.parentPath, entry.name);
            const stat = fs.statSync(full);
            return `${path.relative(repository.repository, full)} ${stat.size} ${stat.mtimeMs}`;
        })
        .sort();
}
