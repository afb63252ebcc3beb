/**
 * One simulated recording of a stream, as the recording service would call the configured URLs:
 *   1. with an OnDemandUrl, ask it (GET ?domain&app&stream&codec&vbitrate); the answer's NeedRecord
 *      decides whether recording happens, its Format which files are written;
 *   2. `record_started` (only with NeedStatusNotify), then `record_paused`/`record_resumed` if asked;
 *   3. one file-generated callback per format, with uri, duration, start_time, stop_time, push_args.
 * Signed with the stored key when NotifyReqAuth is on. No time passes: start and stop times are
 * computed. Depends only on the `CallbackSender` interface.
 */
import type { CallbackKind, CallbackRequest, CallbackSender, DeliveryRecord } from "./callback-delivery";
import { readOnDemandAnswer, type OnDemandDecision } from "./on-demand-answer";
import type { RecordingFormat, RecordingSpec } from "./recording-spec";
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

export async function simulateRecording(
    id: string,
    spec: RecordingSpec,
    config: StoredConfig,
    sender: CallbackSender,
    now: () => number,
): Promise<RecordingRun> {
    const deliveries: DeliveryRecord[] = [];
    const key = config.notifyReqAuth && config.notifyAuthKey ? { notifyAuthKey: config.notifyAuthKey } : {};
    const startedMs = now();
    const stream = { domain: config.domainName, app: spec.app, stream: spec.stream };
    const run = (recorded: boolean, extra: Partial<RecordingRun> = {}): RecordingRun => ({
        id,
        accountId: config.accountId,
        domainName: config.domainName,
        app: spec.app,
        stream: spec.stream,
        startedAt: new Date(startedMs).toISOString(),
        recorded,
        ...extra,
        deliveries,
    });
    const send = async (request: CallbackRequest) => {
        const result = await sender.send(request);
        deliveries.push(result.record);
        return result;
    };
    const post = (kind: CallbackKind, body: unknown) => send({ kind, method: "POST", url: config.notifyUrl, body, ...key });

    let formats: readonly RecordingFormat[] = spec.formats;
    let onDemand: OnDemandDecision | undefined;
    if (config.onDemandUrl !== undefined) {
        const url = new URL(config.onDemandUrl);
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

    if (config.needStatusNotify) {
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
    return run(true, onDemand ? { onDemand } : {});
}
