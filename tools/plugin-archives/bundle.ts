/**
 * The plugin as one CommonJS script: esbuild bundles the compiled plugin (`dist/provider/plugin/main.js`)
 * with everything it loads (gRPC, the SDK's generated protobuf code, the API client, ioredis, zod), so
 * a Node single executable application can run it with no `node_modules` (its `require` loads only
 * Node's own modules). Two facts are fixed at build time:
 * - the package facts (`provider/plugin/package-facts.ts` requires `package.json`): esbuild inlines the
 *   manifest, with `version` replaced by the archive's version;
 * - `PULUMI_ALICLOUD_LIVE_BUNDLE` is defined, so `provider/plugin/well-known-types.ts` takes the bundled
 *   google-protobuf; the build fails unless the bundle holds exactly one google-protobuf, the one the
 *   SDK's generated code resolves.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { PACKAGE_FACT_KEYS } from "../../provider/plugin/package-facts";
import { PluginArchiveError } from "./errors";

/** The Node the bundle runs on (the archives' Node 22). */
const TARGET = "node22";

export interface PluginBundle {
    readonly script: string;
    /** Files esbuild read (repository-relative), for the log and the checks. */
    readonly inputs: readonly string[];
    /** esbuild's warnings, as text. */
    readonly warnings: readonly string[];
}

/** The google-protobuf package folders among the bundle's inputs (relative paths). Pure. */
export function googleProtobufCopies(inputs: readonly string[]): string[] {
    const copies = new Set<string>();
    for (const input of inputs) {
        const match = /^(.*node_modules\/google-protobuf)\//.exec(input);
        if (match) copies.add(match[1]);
    }
    return [...copies].sort();
}

/** The manifest as the bundle carries it: the package facts of `package.json` (`PACKAGE_FACT_KEYS`), with the archive's version. Pure. */
export function bundledManifest(manifestText: string, version: string): string {
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    const facts = Object.fromEntries(PACKAGE_FACT_KEYS.filter((key) => key in manifest).map((key) => [key, manifest[key]]));
    return JSON.stringify({ ...facts, version });
}

export async function bundlePlugin(repoRoot: string, version: string): Promise<PluginBundle> {
    const entry = path.join(repoRoot, "dist", "provider", "plugin", "main.js");
    if (!fs.existsSync(entry)) throw new PluginArchiveError(`${path.relative(repoRoot, entry)} is missing: run \`npm run build\` first`);
    const manifest = path.join(repoRoot, "package.json");
    let manifestLoaded = false;
    const packageFacts: esbuild.Plugin = {
        name: "package-facts",
        setup(build) {
            build.onLoad({ filter: /[\\/]package\.json$/ }, (args) => {
                if (args.path !== manifest) return undefined;
                manifestLoaded = true;
                return { contents: bundledManifest(fs.readFileSync(manifest, "utf8"), version), loader: "json" };
            });
        },
    };
    let result: esbuild.BuildResult<{ write: false; metafile: true }>;
    try {
        result = await esbuild.build({
            absWorkingDir: repoRoot,
            entryPoints: [entry],
            bundle: true,
            platform: "node",
            format: "cjs",
            target: TARGET,
            write: false,
            outfile: path.join(repoRoot, "build", "plugin.js"),
            metafile: true,
            define: { PULUMI_ALICLOUD_LIVE_BUNDLE: "true" },
            legalComments: "eof",
            logLevel: "silent",
            // well-known-types.ts's require.resolve is in the branch the define turns off (the installed package's).
            logOverride: { "require-resolve-not-external": "silent" },
            plugins: [packageFacts],
        });
    } catch (error) {
        throw new PluginArchiveError(`esbuild could not bundle the plugin: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!manifestLoaded)
        throw new PluginArchiveError("the bundle does not carry package.json: provider/plugin/package-facts.ts no longer requires it");
    const inputs = Object.keys(result.metafile.inputs).sort();
    const copies = googleProtobufCopies(inputs);
    const sdkCopy = path.relative(
        repoRoot,
        path.dirname(
            require.resolve("google-protobuf/package.json", {
                paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/provider_pb", { paths: [repoRoot] }))],
            }),
        ),
    );
    if (copies.length !== 1 || copies[0] !== sdkCopy)
        throw new PluginArchiveError(
            `the bundle must hold exactly one google-protobuf, the SDK's (${sdkCopy}); it holds ${copies.join(", ") || "none"}`,
        );
    const warnings = await esbuild.formatMessages(result.warnings, { kind: "warning", color: false });
    return { script: result.outputFiles[0].text, inputs, warnings };
}
