/**
 * Reads the receiver's answer to the on-demand query, as [CB-ONDEMAND] documents it:
 * `{ApiVersion?, NeedRecord (required bool), Interval? {Mp4|Flv|M3U8: 5-21600}, Format? [mp4|flv|m3u8]}`.
 * Pure. An answer Live could not read is reported with the reason.
 */
import { RECORDING_FORMATS, type RecordingFormat } from "./recording-spec";

export interface OnDemandDecision {
    readonly needRecord: boolean;
    /** Overrides the formats to record, when the answer names them. */
    readonly formats?: readonly RecordingFormat[];
    readonly intervals?: Readonly<Record<string, number>>;
}

const INTERVAL_NAMES = new Set(["Mp4", "Flv", "M3U8"]);

export function readOnDemandAnswer(text: string): OnDemandDecision | { error: string } {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return { error: "the answer is not JSON" };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "the answer is not a JSON object" };
    const a = value as Record<string, unknown>;
    if (typeof a["NeedRecord"] !== "boolean") return { error: "NeedRecord is missing or not a boolean" };
    if (a["ApiVersion"] !== undefined && typeof a["ApiVersion"] !== "string") return { error: "ApiVersion is not a string" };
    const format = a["Format"];
    if (format !== undefined && (!Array.isArray(format) || format.some((f) => !RECORDING_FORMATS.includes(f as RecordingFormat)))) {
        return { error: `Format must be a list of ${RECORDING_FORMATS.join(", ")}` };
    }
    const interval = a["Interval"];
    if (interval !== undefined) {
        if (typeof interval !== "object" || interval === null || Array.isArray(interval)) return { error: "Interval is not an object" };
        for (const [name, seconds] of Object.entries(interval)) {
            if (!INTERVAL_NAMES.has(name)) return { error: `Interval.${name} is not Mp4, Flv or M3U8` };
            if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 5 || seconds > 21_600)
                return { error: `Interval.${name} is not 5-21600 seconds` };
        }
    }
    return {
        needRecord: a["NeedRecord"],
        ...(Array.isArray(format) && format.length > 0 ? { formats: [...new Set(format as RecordingFormat[])] } : {}),
        ...(interval !== undefined ? { intervals: { ...(interval as Record<string, number>) } } : {}),
    };
}
