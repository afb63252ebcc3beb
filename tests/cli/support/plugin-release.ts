/**
 * The plugin as users get it, for the CLI suites that start where a user starts: the archive
 * `npm run plugin-archives` makes (this machine's platform, built once per test process, a second
 * version only when asked), served from a loopback HTTP server that logs every request, and the
 * engine's override that sends the schema's `pluginDownloadURL` there.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { pluginDistribution } from "../../../provider/plugin/distribution";
import { pluginVersion } from "../../../provider/plugin/version";
import { buildPluginArchives, type BuiltArchive, type PluginArchives } from "../../../tools/plugin-archives/build";
import { PLATFORMS } from "../../../tools/plugin-archives/platforms";

const log = (line: string) => console.log(`      ${line}`);

/** One request the server answered. */
export interface ServedRequest {
    readonly method: string;
    readonly path: string;
    readonly status: number;
}

export interface ArchiveServer {
    /** `http://127.0.0.1:<port>` */
    readonly url: string;
    /** Every request so far, oldest first. */
    readonly requests: readonly ServedRequest[];
    stop(): Promise<void>;
}

/** Serves the files of `dir` (GET and HEAD of `/<name>`, nothing below it) on 127.0.0.1, logging each request. */
export async function startArchiveServer(dir: string): Promise<ArchiveServer> {
    const requests: ServedRequest[] = [];
    const server = http.createServer((req, res) => {
        const name = decodeURIComponent((req.url ?? "/").split("?")[0].slice(1));
        const file = path.join(dir, name);
        const found = (req.method === "GET" || req.method === "HEAD") && /^[\w.+-]+$/.test(name) && fs.existsSync(file);
        const status = found ? 200 : 404;
        requests.push({ method: req.method ?? "", path: req.url ?? "", status });
        if (!found) {
            res.writeHead(status).end();
            return;
        }
        res.writeHead(200, { "content-type": "application/gzip", "content-length": fs.statSync(file).size });
        if (req.method === "HEAD") res.end();
        else fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        stop: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** This machine's platform among the archives' (Pulumi's names: linux-amd64 ...). */
export function hostPlatform(): string {
    const os_ = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform as string];
    const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
    const name = `${os_}-${arch}`;
    if (!PLATFORMS.some((p) => p.name === name)) throw new Error(`no plugin archive is built for this machine (${process.platform} ${process.arch})`);
    return name;
}

/**
 * A version other than package.json's, older than it: the second version installed side by side, and the
 * version the archive tests give the command (so its `--version` is seen reaching the plugin). One build
 * of it per process serves both.
 */
export const OTHER_VERSION = "0.0.1-other";

const builds = new Map<string, Promise<PluginArchives>>();
let archiveRoot: string | undefined;

/** The archive command's result for `version` on this machine's platform, built once per process into a folder of its own. */
export function pluginArchives(version: string = pluginVersion()): Promise<PluginArchives> {
    let built = builds.get(version);
    if (!built) {
        if (!archiveRoot) {
            const root = fs.mkdtempSync(path.join(os.tmpdir(), "cli-plugin-archives-"));
            process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
            archiveRoot = root;
        }
        const outDir = path.join(archiveRoot, version);
        built = buildPluginArchives({ platforms: [hostPlatform()], version, outDir, log });
        builds.set(version, built);
    }
    return built;
}

/** The archive of `version` for this machine (the command's `--version` for another than package.json's). */
export async function pluginArchive(version: string = pluginVersion()): Promise<BuiltArchive> {
    return (await pluginArchives(version)).archives[0];
}

/**
 * `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES`' value sending `from` (a schema's pluginDownloadURL, matched
 * whole) to `to`: the engine's `<regexp>=<url>` pairs, which a mirror's users set the same way.
 */
export function downloadUrlOverride(from: string, to: string): string {
    if (/[,=]/.test(from) || /[,=]/.test(to)) throw new Error(`a download URL override cannot hold "," or "=": ${from} -> ${to}`);
    return `^${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$=${to}`;
}

export interface PluginRelease {
    readonly version: string;
    readonly archive: BuiltArchive;
    readonly server: ArchiveServer;
    /** What a `pulumi` run needs so that the schema's download URL reaches the server. */
    readonly env: Readonly<Record<string, string>>;
}

let release: Promise<PluginRelease> | undefined;

/** package.json's version released on the loopback server, once per process (stopped at its exit). */
export function pluginRelease(): Promise<PluginRelease> {
    release ??= (async () => {
        const archive = await pluginArchive();
        const server = await startArchiveServer(path.dirname(archive.file));
        process.once("exit", () => void server.stop());
        const override = downloadUrlOverride(pluginDistribution().pluginDownloadURL, server.url);
        log(`plugin ${archive.name} served at ${server.url} (PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES=${override})`);
        return {
            version: pluginVersion(),
            archive,
            server,
            env: { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: override, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false" },
        };
    })();
    return release;
}
