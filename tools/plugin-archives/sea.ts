/**
 * A Node.js single executable application (Node's `node:sea`): the bundle turned into a preparation
 * blob by `node --experimental-sea-config` (run with the Linux x64 build of the target's Node version,
 * since a blob is made for one Node version; with no snapshot and no code cache, the blob does not
 * depend on the platform), then injected into a copy of the target platform's official `node` by
 * postject, which also flips the SEA fuse. Mach-O gets its section in the `NODE_SEA` segment, as Node
 * looks for it there.
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

/** The `sea-config.json` Node reads. Pure. */
export function seaConfig(main: string, output: string): Record<string, unknown> {
    // No snapshot and no code cache: both would tie the blob to the platform that made it.
    return { main, output, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false };
}

/** The blob of `script`, made by `node` (a runnable build of the target's Node version) in `workDir`. */
export async function makeSeaBlob(node: string, script: string, workDir: string): Promise<Buffer> {
    fs.mkdirSync(workDir, { recursive: true });
    const main = path.join(workDir, "plugin.js");
    const blob = path.join(workDir, "sea-prep.blob");
    const config = path.join(workDir, "sea-config.json");
    fs.writeFileSync(main, script);
    // Relative paths, resolved from `workDir`: the blob records the main script's path as given, and a temp folder's name would make every build differ.
    fs.writeFileSync(config, JSON.stringify(seaConfig(path.basename(main), path.basename(blob))));
    const made = await runCommand(node, ["--experimental-sea-config", config], {
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
