/**
 * Which recording configuration (AddLiveAppRecordConfig) is in force for a pushed stream: Live records
 * only where one covers the stream, so without one no recording callback is ever sent. A configuration
 * covers its domain's app (every app for `*`) and, with a StreamName, only that stream. When several
 * cover a stream, the most specific is in force: the app's stream, the app, `*`'s stream, `*` (no page
 * says; the emulator's choice, the same under both `starApp` readings, which concern only what Describe
 * lists). A stream-level StartTime/EndTime window covers the stream only inside it. Pure.
 */
import type { AppRecordConfig } from "../api/app-record-actions";

export interface PushedStream {
    readonly domainName: string;
    readonly app: string;
    readonly stream: string;
}

/** Most specific first. */
const PRECEDENCE: readonly ((c: AppRecordConfig, s: PushedStream) => boolean)[] = [
    (c, s) => c.appName === s.app && c.streamName === s.stream,
    (c, s) => c.appName === s.app && c.streamName === undefined,
    (c, s) => c.appName === "*" && c.streamName === s.stream,
    (c) => c.appName === "*" && c.streamName === undefined,
];

/** Whether `nowMs` lies inside the configuration's recording window (always, without one). */
function inWindow(config: AppRecordConfig, nowMs: number): boolean {
    if (config.startTime !== undefined && nowMs < Date.parse(config.startTime)) return false;
    if (config.endTime !== undefined && nowMs > Date.parse(config.endTime)) return false;
    return true;
}

export type Coverage =
    | { readonly covered: true; readonly config: AppRecordConfig }
    | { readonly covered: false; readonly reason: string; readonly config?: AppRecordConfig };

/** The configuration in force for `pushed` among one account's `configs`, or why none is. */
export function recordingCoverage(configs: readonly AppRecordConfig[], pushed: PushedStream, nowMs: number): Coverage {
    const ofDomain = configs.filter((c) => c.domainName.toLowerCase() === pushed.domainName.toLowerCase());
    const where = `${pushed.domainName}/${pushed.app}/${pushed.stream}`;
    for (const matches of PRECEDENCE) {
        const config = ofDomain.find((c) => matches(c, pushed));
        if (config === undefined) continue;
        if (!inWindow(config, nowMs)) {
            return {
                covered: false,
                config,
                reason: `the recording configuration ${config.id} records ${where} only from ${config.startTime ?? "-"} to ${config.endTime ?? "-"}`,
            };
        }
        return { covered: true, config };
    }
    return {
        covered: false,
        reason: `no recording configuration covers ${where}: Live records only where AddLiveAppRecordConfig configured the app (or "*"), so no recording callback is sent`,
    };
}
