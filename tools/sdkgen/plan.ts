/**
 * The pure parts of `npm run sdkgen`: the generator's cache key, where things go, the command line,
 * and comparing a fresh SDK tree with the committed one. `generate.ts` does the I/O.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";

/** The Go SDK version `sdk/go/go.mod` requires: the CLI's (and `pkg/v3`'s, which tools/sdkgen/gen pins). */
export const PULUMI_GO_SDK = "v3.248.0";

/**
 * The Java SDK's Maven coordinates (its classes are in the schema's `language.java.basePackage`,
 * `com.github.pulumi_alicloud_live`, package `...alicloudlive`): the group Maven Central gives the
 * GitHub owner of the repository, and the Pulumi package's name, as Pulumi's own Java SDKs are named.
 */
export const JAVA_COORDINATES = { groupId: "io.github.pulumi-alicloud-live", artifactId: "alicloud-live" } as const;

export type Language = "python" | "go" | "java";

/**
 * One Go program writing SDKs, in its own Go module below `tools/sdkgen/` (each module holds one
 * version of Pulumi's `pkg/v3`, and the Java generator needs another one than the others).
 */
export interface Generator {
    /** Its folder below `tools/sdkgen/`. */
    readonly dir: string;
    /** The built program's file name in its cache folder. */
    readonly binary: string;
    /** What it is, for progress lines. */
    readonly title: string;
    /** The languages it writes, each into `<out>/<language>/`. */
    readonly languages: readonly Language[];
    /** Its flags beyond `-schema FILE -out DIR`. */
    readonly flags: readonly string[];
}

/** The languages Pulumi's own generator writes, told to it by `-languages`. */
const GEN_LANGUAGES: readonly Language[] = ["python", "go"];

export const GENERATORS: readonly Generator[] = [
    {
        dir: "gen",
        binary: "sdkgen",
        title: "the Python and Go SDK generator (Pulumi's pkg/v3 v3.248.0 codegen)",
        languages: GEN_LANGUAGES,
        flags: ["-languages", GEN_LANGUAGES.join(","), "-pulumi-sdk", PULUMI_GO_SDK],
    },
    {
        dir: "java",
        binary: "sdkgen-java",
        title: "the Java SDK generator (pulumi-java v1.17.0 on pkg/v3 v3.205.0)",
        languages: ["java"],
        flags: ["-group-id", JAVA_COORDINATES.groupId, "-artifact-id", JAVA_COORDINATES.artifactId],
    },
];

/** The languages generated, each into `sdk/<language>/`. */
export const LANGUAGES: readonly Language[] = GENERATORS.flatMap((g) => g.languages);

/** The command line of `generator` for a schema file and an output folder. */
export const generatorArgs = (generator: Generator, schemaFile: string, out: string): string[] => [
    "-schema",
    schemaFile,
    "-out",
    out,
    ...generator.flags,
];

/** Which files of a generator's folder make up the program. */
export const isGeneratorSource = (name: string): boolean => name === "go.mod" || name === "go.sum" || name.endsWith(".go");

export interface SourceFile {
    readonly name: string;
    readonly text: string;
}

/** Changes whenever a Go source, go.mod or go.sum changes: the name of the generator's cache folder. */
export function fingerprint(files: readonly SourceFile[]): string {
    const hash = createHash("sha256");
    for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        hash.update(`${file.name}\0${file.text.length}\0${file.text}\0`);
    }
    return hash.digest("hex").slice(0, 12);
}

/** `$XDG_CACHE_HOME/pulumi-alicloud-live/sdkgen`, else `~/.cache/...` (beside the CLI's cache). */
export function cacheRoot(env: NodeJS.ProcessEnv, home: string): string {
    return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "pulumi-alicloud-live", "sdkgen");
}

/** The built generator of one fingerprint. */
export const generatorBinary = (root: string, print: string, binary = "sdkgen"): string => path.join(root, print, binary);

export interface SdkgenArgs {
    /** The folder the SDKs go to (`<out>/python`, `<out>/go`, `<out>/java`). */
    readonly out: string;
    /** Compare a fresh generation with `out` instead of writing it. */
    readonly check: boolean;
}

export class SdkgenUsageError extends Error {
    override readonly name = "SdkgenUsageError";
}

export const USAGE = "usage: npm run sdkgen [-- [--out DIR] [--check]]";

/** `--out DIR` (default `defaultOut`) and `--check`; anything else is refused, naming it. */
export function parseArgs(argv: readonly string[], defaultOut: string): SdkgenArgs {
    let out = defaultOut;
    let check = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--check") check = true;
        else if (arg === "--out" || arg.startsWith("--out=")) {
            const value = arg === "--out" ? argv[++i] : arg.slice("--out=".length);
            if (!value) throw new SdkgenUsageError(`--out needs a folder (${USAGE})`);
            out = value;
        } else throw new SdkgenUsageError(`unknown argument ${JSON.stringify(arg)} (${USAGE})`);
    }
    return { out, check };
}

/** A tree: relative path (with `/`) -> contents. */
export type Tree = ReadonlyMap<string, string>;

export interface TreeDiff {
    /** Generated, but not in the committed tree. */
    readonly missing: readonly string[];
    /** In the committed tree, but no longer generated. */
    readonly extra: readonly string[];
    /** In both, with different contents. */
    readonly changed: readonly string[];
}

export function compareTrees(generated: Tree, committed: Tree): TreeDiff {
    const missing = [...generated.keys()].filter((name) => !committed.has(name)).sort();
    const extra = [...committed.keys()].filter((name) => !generated.has(name)).sort();
    const changed = [...generated.keys()].filter((name) => committed.has(name) && committed.get(name) !== generated.get(name)).sort();
    return { missing, extra, changed };
}

/** What is stale, naming each file and the fix; `undefined` when the trees agree. */
export function staleMessage(diff: TreeDiff, sdkDir: string): string | undefined {
    const lines = [
        ...diff.changed.map((f) => `  changed: ${f}`),
        ...diff.missing.map((f) => `  missing: ${f}`),
        ...diff.extra.map((f) => `  no longer generated: ${f}`),
    ];
    if (lines.length === 0) return undefined;
    return [`${sdkDir} is stale against the plugin's schema (${lines.length} files); \`npm run sdkgen\` fixes it:`, ...lines].join("\n");
}
