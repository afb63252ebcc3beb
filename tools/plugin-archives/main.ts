/**
 * `npm run plugin-archives`: builds the plugin archives (see build.ts) and prints each file made, one
 * absolute path a line, on stdout; progress goes to stderr.
 */
import { parseArchiveArgs, USAGE } from "./args";
import { buildPluginArchives } from "./build";
import { PluginArchiveError } from "./errors";
import { runCheck, runCheckLine } from "./run-check";
import { ToolchainError } from "../toolchain/node-runtime";

async function main(argv: readonly string[]): Promise<number> {
    let args;
    try {
        args = parseArchiveArgs(argv);
    } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        return 2;
    }
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    try {
        const built = await buildPluginArchives({ platforms: args.platforms, version: args.version, outDir: args.outDir });
        for (const file of built.files) console.log(file);
        if (!args.run) return 0;
        console.error("Running each executable as far as this machine allows:");
        let ok = true;
        for (const archive of built.archives) {
            const check = await runCheck(archive, (line) => console.error(line));
            console.error(runCheckLine(check));
            ok &&= check.ok;
        }
        return ok ? 0 : 1;
    } catch (error) {
        const known = error instanceof PluginArchiveError || error instanceof ToolchainError || error instanceof RangeError;
        console.error(known ? `Cannot build the plugin archives: ${error.message}` : error);
        return 1;
    }
}

// A rejection is left unhandled on purpose: Node prints it and exits 1.
void main(process.argv.slice(2)).then((code) => process.exit(code));
