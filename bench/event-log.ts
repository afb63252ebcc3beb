/**
 * What one `pulumi` command did to the benchmark's resources, read from its `--event-log` file (one
 * engine event as JSON per line, as `sdk/go/common/apitype/events.go` defines them). Pure.
 *
 * The event log, not the CLI's exit code or its text output, tells how many operations succeeded
 * and which failed, resource by resource.
 */

/** Distinct error messages kept, for the report. */
const MAX_ERROR_SAMPLES = 3;
const MAX_ERROR_LENGTH = 300;

export interface EventLogSummary {
    /** Finished steps on resources of the type, by operation (`create`, `update`, `delete`, `same`, ...). */
    readonly completed: Readonly<Record<string, number>>;
    /** Resources of the type whose step failed, or that got an error diagnostic. */
    readonly failedUrns: readonly string[];
    /** The first distinct error messages (any resource, the stack's own included). */
    readonly errorSamples: readonly string[];
    /** Lines that were not JSON (a truncated last line when the CLI was killed). */
    readonly unreadableLines: number;
}

interface StepMetadata {
    readonly op?: string;
    readonly urn?: string;
    readonly type?: string;
}

interface EngineEventLine {
    readonly resOutputsEvent?: { readonly metadata?: StepMetadata };
    readonly resOpFailedEvent?: { readonly metadata?: StepMetadata };
    readonly diagnosticEvent?: { readonly urn?: string; readonly message?: string; readonly severity?: string };
}

/** `resourceType`: the type token whose steps are counted (other resources, the stack itself, are not). */
export function summarizeEventLog(text: string, resourceType: string): EventLogSummary {
    const completed: Record<string, number> = {};
    const failed = new Set<string>();
    const samples: string[] = [];
    let unreadableLines = 0;
    for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        let event: EngineEventLine;
        try {
            event = JSON.parse(line) as EngineEventLine;
        } catch {
            unreadableLines++;
            continue;
        }
        const done = event.resOutputsEvent?.metadata;
        if (done?.type === resourceType && done.op) completed[done.op] = (completed[done.op] ?? 0) + 1;
        const failedStep = event.resOpFailedEvent?.metadata;
        if (failedStep?.type === resourceType && failedStep.urn) failed.add(failedStep.urn);
        const diagnostic = event.diagnosticEvent;
        if (diagnostic?.severity === "error") {
            if (diagnostic.urn && urnType(diagnostic.urn) === resourceType) failed.add(diagnostic.urn);
            const message = (diagnostic.message ?? "").trim().slice(0, MAX_ERROR_LENGTH);
            if (message && samples.length < MAX_ERROR_SAMPLES && !samples.includes(message)) samples.push(message);
        }
    }
    return { completed, failedUrns: [...failed].sort(), errorSamples: samples, unreadableLines };
}

/** The type token of a URN: `urn:pulumi:stack::project::[parent$]type::name`. */
export function urnType(urn: string): string | undefined {
    const parts = urn.split("::");
    if (parts.length < 4) return undefined;
    const qualified = parts[2];
    return qualified.slice(qualified.lastIndexOf("$") + 1);
}
