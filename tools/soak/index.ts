/**
 * `npm run soak`: random create / update / replace / refresh / out-of-band change / delete sequences
 * through Pulumi's real dynamic-provider host and the engine stand-in, against the Live API emulator
 * injecting faults on every action. Exits 1 on any divergence between state and cloud, any unclear
 * failure message, or any failed step that did not converge when rerun; 2 on bad usage.
 *
 *   npm run soak -- --seed 7 --sequences 200 --steps 8 --resources 4 --concurrency 2
 */
import { parseSoakArgs, SoakUsageError, type SoakOptions } from "./args";
import { formatSummary, soakPassed } from "./report";
import { runSoak } from "./soak";

async function main(argv: readonly string[]): Promise<number> {
    let options: SoakOptions;
    try {
        options = parseSoakArgs(argv);
    } catch (error) {
        if (error instanceof SoakUsageError) {
            process.stderr.write(`soak: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
    const summary = await runSoak(options, (line) => console.log(line));
    console.log("");
    for (const line of formatSummary(summary)) console.log(line);
    return soakPassed(summary) ? 0 : 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
            process.exit(1);
        },
    );
}
