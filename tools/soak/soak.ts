/**
 * A whole soak: the provider text and project directory set up once, then the sequences on up to
 * `concurrency` workers, each sequence with its own emulator and provider host.
 */
import * as path from "node:path";
import { projectDirFor } from "../host-driver/project-dir";
import type { SoakOptions } from "./args";
import { serializedProviderText } from "../serialized-provider";
import { summarize, type SoakSummary } from "./report";
import { runSequence } from "./runner";
import type { SequenceResult } from "./sequence";

/** The compiled tree this file belongs to (dist/ or .build/<name>/). */
const BUILD_ROOT = path.resolve(__dirname, "..", "..");

export async function runSoak(options: SoakOptions, log: (line: string) => void = () => undefined): Promise<SoakSummary> {
    const started = Date.now();
    const project = projectDirFor(BUILD_ROOT);
    try {
        const providerText = await serializedProviderText();
        const results: SequenceResult[] = [];
        const indices = options.only !== undefined ? [options.only - 1] : Array.from({ length: options.sequences }, (_, i) => i);
        let next = 0;
        const worker = async () => {
            for (let index = indices[next++]; index !== undefined; index = indices[next++]) {
                const result = await runSequence({
                    seed: options.seed,
                    index,
                    steps: options.steps,
                    resources: options.resources,
                    operationTimeoutSeconds: options.operationTimeoutSeconds,
                    outageChance: options.outageChance,
                    providerText,
                    projectDir: project.dir,
                    hostPerSequence: options.hostPerSequence,
                    emulatorOptions: options.emulatorOptions,
                    log: options.verbose ? log : undefined,
                });
                results.push(result);
                const trouble = result.divergences.length + result.unclearFailures.length + result.notConverged.length + result.secretLeaks.length;
                log(
                    `sequence ${index + 1}/${options.sequences}: ${result.steps + 1} steps, ${result.failedSteps} failed and rerun, ` +
                        `${trouble === 0 ? "consistent" : `${trouble} PROBLEMS`} (${(result.wallMs / 1000).toFixed(1)} s)`,
                );
            }
        };
        await Promise.all(Array.from({ length: Math.min(options.concurrency, indices.length) }, worker));
        results.sort((a, b) => a.index - b.index);
        return summarize(options, results, Date.now() - started);
    } finally {
        project.cleanup();
    }
}
