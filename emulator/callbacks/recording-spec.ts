/**
 * What `POST /_emulator/recordings` asks for: a simulated push of one stream of a configured domain,
 * recorded where a recording configuration covers it. Pure validation; every problem is reported at
 * once, naming the field.
 */

export const RECORDING_FORMATS = ["mp4", "flv", "m3u8"] as const;
export type RecordingFormat = (typeof RECORDING_FORMATS)[number];

export const DEFAULT_DURATION_SECONDS = 60;
/** The on-demand query's sample values. */
export const DEFAULT_CODEC = "h264";
export const DEFAULT_VBITRATE = 2000;

export interface RecordingSpec {
    readonly domainName: string;
    readonly app: string;
    readonly stream: string;
    /** Needed only when several accounts configured this domain. */
    readonly accountId?: string;
    /** Pause and resume once in the middle (status callbacks, when NeedStatusNotify). */
    readonly pause: boolean;
    readonly durationSeconds: number;
    /**
     * Files written instead of the recording configuration's formats (a test's shortcut); the on-demand
     * answer's Format still overrides. Absent: the configuration's formats.
     */
    readonly formats?: readonly RecordingFormat[];
    readonly codec: "h264" | "h265";
    readonly vbitrate: number;
    /** The ingest URL's query, e.g. "auth_key=...&callback_user=42"; its callback_* parameters become push_args. */
    readonly pushArgs: string;
}

const FIELDS = new Set(["domainName", "app", "stream", "accountId", "pause", "durationSeconds", "formats", "codec", "vbitrate", "pushArgs"]);

/** Names in the ingest URL's path segments: letters, digits, `-`, `_`, `.`. */
const NAME = /^[A-Za-z0-9._-]{1,255}$/;

export function parseRecordingSpec(value: unknown): RecordingSpec | { errors: string[] } {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return { errors: ["the body must be a JSON object {domainName, app, stream, ...}"] };
    const v = value as Record<string, unknown>;
    const errors = Object.keys(v)
        .filter((k) => !FIELDS.has(k))
        .map((k) => `unknown field ${JSON.stringify(k)} (allowed: ${[...FIELDS].join(", ")})`);
    const name = (field: string, required: boolean): string | undefined => {
        const x = v[field];
        if (x === undefined && !required) return undefined;
        if (typeof x !== "string" || !NAME.test(x)) errors.push(`"${field}" must be 1-255 letters, digits, ".", "-" or "_"`);
        return x as string;
    };
    const domainName = name("domainName", true)!;
    const app = name("app", true)!;
    const stream = name("stream", true)!;
    const accountId = name("accountId", false);
    if (v["pause"] !== undefined && typeof v["pause"] !== "boolean") errors.push(`"pause" must be a boolean`);
    const duration = v["durationSeconds"] ?? DEFAULT_DURATION_SECONDS;
    if (typeof duration !== "number" || !Number.isFinite(duration) || duration <= 0 || duration > 86_400)
        errors.push(`"durationSeconds" must be a number of seconds in (0, 86400]`);
    const formats = v["formats"];
    if (
        formats !== undefined &&
        (!Array.isArray(formats) ||
            formats.length === 0 ||
            formats.some((f) => !RECORDING_FORMATS.includes(f as RecordingFormat)) ||
            new Set(formats).size !== formats.length)
    ) {
        errors.push(`"formats" must be a non-empty list of distinct ${RECORDING_FORMATS.join(", ")}`);
    }
    const codec = v["codec"] ?? DEFAULT_CODEC;
    if (codec !== "h264" && codec !== "h265") errors.push(`"codec" must be h264 or h265`);
    const vbitrate = v["vbitrate"] ?? DEFAULT_VBITRATE;
    if (typeof vbitrate !== "number" || !Number.isInteger(vbitrate) || vbitrate < 0) errors.push(`"vbitrate" must be a whole number of Kbit/s >= 0`);
    const pushArgs = v["pushArgs"] ?? "";
    if (typeof pushArgs !== "string") errors.push(`"pushArgs" must be the ingest URL's query string`);
    if (errors.length > 0) return { errors };
    return {
        domainName,
        app,
        stream,
        ...(accountId !== undefined ? { accountId } : {}),
        pause: v["pause"] === true,
        durationSeconds: duration as number,
        ...(formats !== undefined ? { formats: [...(formats as RecordingFormat[])] } : {}),
        codec: codec as "h264" | "h265",
        vbitrate: vbitrate as number,
        pushArgs: (pushArgs as string).replace(/^\?/, ""),
    };
}
