/**
 * A Node.js single executable application (Node's `node:sea`): the bundle turned into a preparation
 * blob by `node --experimental-sea-config` (run with the Linux x64 build of the target's Node version,
 * since a blob is made for one Node version), then injected into a copy of the target platform's
 * official `node` by postject, which also flips the SEA fuse. Mach-O gets its section in the `NODE_SEA`
 * segment, as Node looks for it there.
 *
 * The blob carries V8's code cache of the script only for the platform that makes it (Linux x64): a
 * code cache is the maker's V8's, and another platform's Node may reject it. It saves about a third of
 * the plugin's start-up CPU (130 ms against 180 ms here). V8 fills it in an order that depends on its
 * random seed, so the maker runs with a fixed `--random-seed`, which V8 leaves out of the flag hash a
 * cache is checked against (so the cache is still accepted): the same script gives the same blob.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { inject } from "postject";
import { lastLines, runCommand } from "../child-process";
import { PluginArchiveError } from "./errors";
import { withoutAuthenticode } from "./pe-signature";
import type { ExecutableFormat } from "./platforms";

/** The resource name Node looks for (an ELF note, a PE resource, a Mach-O section `__NODE_SEA_BLOB`). */
export const SEA_RESOURCE = "NODE_SEA_BLOB";
/** The fuse string compiled into every official `node` since 18.16; postject flips its last character to 1. */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** The Mach-O segment Node reads the blob from. */
export const MACHO_SEGMENT = "NODE_SEA";

/** V8's seed while the blob is made: any fixed value makes the code cache's bytes repeatable. */
export const BLOB_RANDOM_SEED = 42;

/** The `sea-config.json` Node reads. Pure. */
export function seaConfig(main: string, output: string, codeCache: boolean): Record<string, unknown> {
    // No snapshot: it would need the plugin written for V8's startup snapshot API.
    return { main, output, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: codeCache };
}

/** The blob of `script`, made by `node` (a runnable build of the target's Node version) in `workDir`; with V8's code cache when `codeCache`. */
export async function makeSeaBlob(node: string, script: string, workDir: string, codeCache: boolean): Promise<Buffer> {
    fs.mkdirSync(workDir, { recursive: true });
    const main = path.join(workDir, "plugin.js");
    const blob = path.join(workDir, "sea-prep.blob");
    const config = path.join(workDir, "sea-config.json");
    fs.writeFileSync(main, script);
    // Relative paths, resolved from `workDir`: the blob records the main script's path as given, and a temp folder's name would make every build differ.
    fs.writeFileSync(config, JSON.stringify(seaConfig(path.basename(main), path.basename(blob), codeCache)));
    const made = await runCommand(node, [`--random-seed=${BLOB_RANDOM_SEED}`, "--experimental-sea-config", config], {
        env: { PATH: process.env.PATH ?? "" },
        cwd: workDir,
        timeoutMs: 120_000,
    });
    if (made.code !== 0 || !fs.existsSync(blob)) throw new PluginArchiveError(`${node} --experimental-sea-config failed: ${lastLines(made.output)}`);
    return fs.readFileSync(blob);
}

/** Copies `nodeExecutable` to `target` and injects `blob` into it. */
export async function injectSeaBlob(nodeExecutable: string, target: string, blob: Buffer, format: ExecutableFormat): Promise<void> {
    // Windows: the signature goes first (it would be corrupted by the injection, see pe-signature.ts).
    if (format === "pe") fs.writeFileSync(target, withoutAuthenticode(fs.readFileSync(nodeExecutable)));
    else fs.copyFileSync(nodeExecutable, target);
    fs.chmodSync(target, 0o755);
    try {
        await inject(target, SEA_RESOURCE, blob, { sentinelFuse: SEA_FUSE, ...(format === "macho" ? { machoSegmentName: MACHO_SEGMENT } : {}) });
    } catch (error) {
        throw new PluginArchiveError(
            `postject could not inject the blob into ${path.basename(target)}: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
}

/** Where the executable stands: the fuse flipped (`:1`) exactly once, and the blob's bytes inside it. Pure. */
export function seaInjection(executable: Buffer, blob: Buffer): { readonly fuse: "flipped" | "unflipped" | "missing"; readonly blobAt: number } {
    const at = executable.indexOf(SEA_FUSE);
    const fuse = at < 0 ? "missing" : executable[at + SEA_FUSE.length + 1] === 0x31 ? "flipped" : "unflipped";
    return { fuse, blobAt: executable.indexOf(blob) };
}
