/**
 * `npm run pulumi-cli`: obtains the Pulumi CLI (PATH, cache or a fresh build) and prints where it is.
 * `--print-bin-dir` prints only the folder to put first on PATH (empty for the install on PATH).
 */
import { CliBuildError } from "./build";
import { describeCli, obtainPulumiCli } from "./obtain";

async function main(argv: readonly string[]): Promise<number> {
    const quiet = argv.includes("--print-bin-dir");
    try {
        const cli = await obtainPulumiCli({ log: (line) => console.error(line) });
        if (quiet) console.log(cli.binDir ?? "");
        else {
            console.log(describeCli(cli));
            if (cli.binDir) console.log(`Put it first on PATH to use it: export PATH="${cli.binDir}:$PATH"`);
        }
        return 0;
    } catch (error) {
        console.error(error instanceof CliBuildError ? `Cannot obtain the Pulumi CLI: ${error.message}` : error);
        return 1;
    }
}

// A rejection is left unhandled on purpose: Node prints it and exits 1.
void main(process.argv.slice(2)).then((code) => process.exit(code));
