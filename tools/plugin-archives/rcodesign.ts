/**
 * `rcodesign` (the crate `apple-codesign` from crates.io, built with cargo without its notarization
 * features): signs the macOS executables ad hoc on Linux, as `codesign --sign -` would on a Mac.
 * Built once into `<cache>/rcodesign/v<version>/bin/rcodesign` (staging folder, one rename), with
 * cargo's progress counted every 20 s; a clear error when cargo is missing or crates.io does not answer.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lastLines, runCommand } from "../child-process";
import { publishOnce, toolchainCache } from "../toolchain/cache";
import { PluginArchiveError } from "./errors";

/** The apple-codesign release built (its `rcodesign` binary). */
export const RCODESIGN_VERSION = "0.29.0";
/** A cold build compiles a few hundred crates: many minutes on 2 cores. */
const BUILD_TIMEOUT_MS = 60 * 60_000;
const HEARTBEAT_MS = 20_000;

export interface Rcodesign {
    readonly executable: string;
    readonly version: string;
    readonly built: boolean;
}

export interface RcodesignOptions {
    readonly log: (line: string) => void;
    /** @defaultValue `toolchainCache("rcodesign")` */
    readonly cacheRoot?: string;
    readonly env?: NodeJS.ProcessEnv;
}

export async function obtainRcodesign(options: RcodesignOptions): Promise<Rcodesign> {
    const env = options.env ?? process.env;
    const target = path.join(options.cacheRoot ?? toolchainCache("rcodesign", env), `v${RCODESIGN_VERSION}`);
    const executable = path.join(target, "bin", "rcodesign");
    const built = await publishOnce(
        target,
        (dir) => fs.existsSync(path.join(dir, "bin", "rcodesign")),
        async (staging) => {
            options.log(`Building rcodesign ${RCODESIGN_VERSION} (apple-codesign from crates.io, with cargo; a cold build takes many minutes)`);
            const started = Date.now();
            let compiled = 0;
            const heartbeat = setInterval(
                () => options.log(`  ... rcodesign: ${Math.round((Date.now() - started) / 1000)} s, ${compiled} crates compiled`),
                HEARTBEAT_MS,
            );
            try {
                const args = ["install", "apple-codesign", "--version", RCODESIGN_VERSION, "--locked", "--no-default-features"];
                const outcome = await runCommand("cargo", [...args, "--root", staging, "--target-dir", path.join(staging, "target")], {
                    env,
                    timeoutMs: BUILD_TIMEOUT_MS,
                    onLine: (line) => {
                        if (/^\s*Compiling /.test(line)) compiled++;
                    },
                });
                if (outcome.missing)
                    throw new PluginArchiveError("no `cargo` to build rcodesign (the macOS executables' signer): install Rust (rustup)");
                if (outcome.code !== 0)
                    throw new PluginArchiveError(
                        `cargo install apple-codesign@${RCODESIGN_VERSION} failed${outcome.timedOut ? " (timed out)" : ""}:\n${lastLines(outcome.stderr)}`,
                    );
            } finally {
                clearInterval(heartbeat);
            }
            fs.rmSync(path.join(staging, "target"), { recursive: true, force: true });
            options.log(`  rcodesign built in ${Math.round((Date.now() - started) / 1000)} s (${compiled} crates)`);
        },
    );
    const probe = await runCommand(executable, ["--version"], { env, timeoutMs: 60_000 });
    if (probe.code !== 0 || !probe.stdout.includes(RCODESIGN_VERSION))
        throw new PluginArchiveError(`${executable} --version said ${JSON.stringify(probe.output.trim())}, not ${RCODESIGN_VERSION}`);
    return { executable, version: RCODESIGN_VERSION, built };
}
