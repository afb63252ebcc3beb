/**
 * `npm run sdkgen`: writes sdk/python, sdk/go and sdk/java from the plugin's schema. `--check` generates into a
 * temporary folder and names every file of sdk/ that differs (exit 1); `--out DIR` writes elsewhere.
 */
import * as path from "node:path";
import { checkSdks, generateSdks, REPO_ROOT, SdkgenError } from "./generate";
import { parseArgs, SdkgenUsageError, staleMessage } from "./plan";

async function main(argv: readonly string[]): Promise<number> {
    const log = (line: string) => console.error(line);
    try {
        const args = parseArgs(argv, path.join(REPO_ROOT, "sdk"));
        const out = path.resolve(args.out);
        if (args.check) {
            const stale = staleMessage(await checkSdks(out, { log }), out);
            console.log(stale ?? `${out} is up to date with the plugin's schema`);
            return stale ? 1 : 0;
        }
        await generateSdks(out, { log });
        console.log(`SDKs written to ${out}`);
        return 0;
    } catch (error) {
        if (error instanceof SdkgenError || error instanceof SdkgenUsageError) {
            console.error(`Cannot generate the SDKs: ${error.message}`);
            return 1;
        }
        throw error;
    }
}

// A rejection is left unhandled on purpose: Node prints it and exits 1.
void main(process.argv.slice(2)).then((code) => process.exit(code));
