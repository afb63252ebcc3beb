/**
 * `alicloud-live-emulator record ...`: asks a running emulator's admin API to simulate a recording
 * and prints what was delivered. Waits as long as the deliveries take (with the documented timings,
 * up to about 35 s per unanswered callback).
 */
import { EmulatorAdmin } from "../admin/client";
import type { RecordingRun } from "../callbacks/recording";
import { parseRecordArgs, RECORD_USAGE } from "./record-args";

export const EXIT_NOT_DELIVERED = 1;

/** One line per delivery, then the verdict. Pure. */
export function formatRun(run: RecordingRun): string[] {
    const lines = run.deliveries.map((d) => {
        const tries = d.attempts.map((a) => a.status ?? a.error).join(", ");
        const via = d.deliveredTo ? ` via ${d.deliveredTo}` : "";
        return `${d.kind.padEnd(14)} ${d.method} ${d.url}${via}${d.signed ? " (signed)" : ""}: ${d.outcome}${tries ? ` [${tries}]` : ""}${d.reason ? ` - ${d.reason}` : ""}`;
    });
    lines.push(
        run.recorded ? `${run.id}: recorded ${run.domainName}/${run.app}/${run.stream}` : `${run.id}: not recorded: ${run.reason ?? "unknown"}`,
    );
    return lines;
}

/** True when the run recorded and every callback got a 2xx answer. */
export function runSucceeded(run: RecordingRun): boolean {
    return run.recorded && run.deliveries.every((d) => d.outcome === "delivered");
}

/** Runs the subcommand; `argv` excludes "record". Throws UsageError for bad flags. */
export async function recordCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
    const args = parseRecordArgs(argv);
    if (args.help) {
        out(RECORD_USAGE);
        return 0;
    }
    const run = await new EmulatorAdmin(args.emulator).simulateRecording(args.request);
    if (args.json) out(JSON.stringify(run, null, 2));
    else formatRun(run).forEach(out);
    return runSucceeded(run) ? 0 : EXIT_NOT_DELIVERED;
}
