/**
 * One simulated recording of a stream, as the recording service would call the configured URLs:
 *   0. only where a recording configuration (AddLiveAppRecordConfig) covers the stream
 *      (recording-coverage.ts); its OnDemand decides: 0 records, 1 asks the record-notify config's
 *      OnDemandUrl (none: nothing is recorded), 2 (ingest parameters) and 7 (RealTimeRecordCommand)
 *      record nothing at the push;
 *   1. with OnDemand 1, ask the OnDemandUrl (GET ?domain&app&stream&codec&vbitrate); the answer's
 *      NeedRecord decides whether recording happens, its Format which files are written;
 *   2. `record_started` (only with NeedStatusNotify), then `record_paused`/`record_resumed` if asked;
 *   3. one file-generated callback per format (the configuration's, unless the spec or the on-demand
 *      answer names others), with uri, duration, start_time, stop_time, push_args.
 * Callbacks go to the record-notify config's NotifyUrl (without one, the stream is recorded and nothing
 * is sent), signed with the stored key when NotifyReqAuth is on. No time passes: start and stop times
 * are computed. Depends only on the `CallbackSender` interface.
 */
import type { CallbackKind, CallbackRequest, CallbackSender, DeliveryRecord } from "./callback-delivery";
import { readOnDemandAnswer, type OnDemandDecision } from "./on-demand-answer";
import { RECORDING_FORMATS, type RecordingFormat, type RecordingSpec } from "./recording-spec";
import { recordingCoverage } from "./recording-coverage";
import type { AppRecordConfig } from "../api/app-record-actions";
import type { StoredConfig } from "../api/store";

export interface RecordingRun {
    readonly id: string;
    readonly accountId: string;
    readonly domainName: string;
    readonly app: string;
    readonly stream: string;
    readonly startedAt: string;
    /** False when the on-demand answer said no, or no usable answer came. */
    readonly recorded: boolean;
    readonly reason?: string;
    /** The id (`domain/app[/stream]`) of the recording configuration in force for the stream, if any. */
    readonly recordConfig?: string;
    readonly onDemand?: OnDemandDecision;
    /** Every callback, in the order sent, with its attempts. */
    readonly deliveries: readonly DeliveryRecord[];
}

/** The recording file names in the docs' sample use Beijing time (UTC+8): 1488985786 -> 2017-03-08-23:09:46. */
const FILE_TIME_OFFSET_MS = 8 * 3600 * 1000;

function fileTime(unixSeconds: number): string {
    const iso = new Date(unixSeconds * 1000 + FILE_TIME_OFFSET_MS).toISOString(); // 2017-03-08T23:09:46.000Z
    return `${iso.slice(0, 10)}-${iso.slice(11, 19)}`;
}

/** The ingest parameters whose names start with `callback_`, first value only (as documented). */
export function pushArgsOf(ingestQuery: string): Record<string, string> {
    const args: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(ingestQuery)) {
        if (name.startsWith("callback_") && !(name in args)) args[name] = value;
    }
    return args;
}

/** What a push meets in one account: its record-notify config, and its recording configurations. */
export interface AccountConfigs {
    readonly accountId: string;
    readonly notify?: StoredConfig;
    readonly recordConfigs: readonly AppRecordConfig[];
}

/** Why OnDemand 2 and 7 record nothing when a stream is pushed. */
const NOT_AT_PUSH: Readonly<Record<number, string>> = {
    2: "on-demand recording by ingest parameters (OnDemand 2) has no documented parameter (the on-demand recording page says it will be supported in the future): nothing is recorded at the push",
    7: "manual recording (OnDemand 7) starts with RealTimeRecordCommand, which the emulator does not serve: nothing is recorded at the push",
};

/** The configuration's formats the recording callbacks know (mp4, flv, m3u8; cmaf files are not simulated). */
function formatsOf(config: AppRecordConfig): RecordingFormat[] {
    return config.recordFormats.map((f) => f.Format as RecordingFormat).filter((f) => RECORDING_FORMATS.includes(f));
}

export async function simulateRecording(
    id: string,
    spec: RecordingSpec,
    configs: AccountConfigs,
    sender: CallbackSender,
    now: () => number,
): Promise<RecordingRun> {
    const deliveries: DeliveryRecord[] = [];
    const notify = configs.notify;
    const key = notify?.notifyReqAuth && notify.notifyAuthKey ? { notifyAuthKey: notify.notifyAuthKey } : {};
    const startedMs = now();
    const domainName =
        notify?.domainName ??
        configs.recordConfigs.find((c) => c.domainName.toLowerCase() === spec.domainName.toLowerCase())?.domainName ??
        spec.domainName;
    const stream = { domain: domainName, app: spec.app, stream: spec.stream };
    const coverage = recordingCoverage(configs.recordConfigs, { domainName, app: spec.app, stream: spec.stream }, startedMs);
    const run = (recorded: boolean, extra: Partial<RecordingRun> = {}): RecordingRun => ({
        id,
        accountId: configs.accountId,
        domainName,
        app: spec.app,
        stream: spec.stream,
        startedAt: new Date(startedMs).toISOString(),
        recorded,
        ...(coverage.config ? { recordConfig: coverage.config.id } : {}),
        ...extra,
        deliveries,
    });
    if (!coverage.covered) return run(false, { reason: coverage.reason });
    const record = coverage.config;
    const send = async (request: CallbackRequest) => {
        const result = await sender.send(request);
        deliveries.push(result.record);
        return result;
    };

    let formats: readonly RecordingFormat[] = spec.formats ?? formatsOf(record);
    let onDemand: OnDemandDecision | undefined;
    const mode = record.onDemand ?? 0;
    if (NOT_AT_PUSH[mode] !== undefined) return run(false, { reason: NOT_AT_PUSH[mode] });
    if (mode === 1) {
        if (notify?.onDemandUrl === undefined) {
            return run(false, {
                reason: `the recording configuration ${record.id} records on demand (OnDemand 1), which asks the record-notify config's OnDemandUrl, and the domain has none: nothing is recorded`,
            });
        }
        const url = new URL(notify.onDemandUrl);
        const query = { ...stream, codec: spec.codec, vbitrate: String(spec.vbitrate) };
        for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
        const asked = await send({ kind: "on_demand", method: "GET", url: url.toString() });
        if (asked.record.outcome !== "delivered") return run(false, { reason: `the on-demand query was not answered (${asked.record.outcome})` });
        const answer = readOnDemandAnswer(asked.responseBody ?? "");
        if ("error" in answer) return run(false, { reason: `the on-demand answer is unusable: ${answer.error}` });
        onDemand = answer;
        if (!answer.needRecord) return run(false, { reason: "the on-demand answer said NeedRecord false", onDemand });
        formats = answer.formats ?? formats;
    }
    // Recorded; the callbacks go to the record-notify config, when the domain has one.
    if (notify !== undefined) {
        const post = (kind: CallbackKind, body: unknown) => send({ kind, method: "POST", url: notify.notifyUrl, body, ...key });
        if (notify.needStatusNotify) {
            await post("record_started", { ...stream, event: "record_started" });
            if (spec.pause) {
                await post("record_paused", { ...stream, event: "record_paused" });
                await post("record_resumed", { ...stream, event: "record_resumed" });
            }
        }
        const startTime = Math.floor(startedMs / 1000);
        const stopTime = startTime + Math.round(spec.durationSeconds);
        const pushArgs = pushArgsOf(spec.pushArgs);
        for (const format of formats) {
            await post("file_generated", {
                ...stream,
                uri: `${spec.app}/${spec.stream}/0_${fileTime(startTime)}_${fileTime(stopTime)}.${format}`,
                duration: spec.durationSeconds,
                start_time: startTime,
                stop_time: stopTime,
                push_args: pushArgs,
            });
        }
    }
    return run(true, onDemand ? { onDemand } : {});
}
