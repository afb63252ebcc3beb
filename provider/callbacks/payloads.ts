/**
 * Typed parsers for what Live sends a receiver: the recording status and file-generated callbacks
 * (POST JSON to NotifyUrl) and the on-demand recording query (GET to OnDemandUrl). Pure; every
 * problem is reported at once, each naming the field and the rule.
 */

export const RECORD_EVENTS = ["record_started", "record_paused", "record_resumed"] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

/** Sent only when NeedStatusNotify is true. */
export interface RecordStatusCallback {
    readonly kind: "status";
    readonly domain: string;
    readonly app: string;
    readonly stream: string;
    readonly event: RecordEvent;
}

export interface FileGeneratedCallback {
    readonly kind: "file";
    readonly domain: string;
    readonly app: string;
    readonly stream: string;
    /** The file's path in the recording OSS bucket. */
    readonly uri: string;
    /** Seconds of content (fractional, e.g. 69.403). */
    readonly duration: number;
    /** Unix seconds. */
    readonly startTime: number;
    readonly stopTime: number;
    /** The ingest URL's `callback_*` parameters (first value of each); `{}` when the callback has none. */
    readonly pushArgs: Readonly<Record<string, string>>;
}

export type RecordingCallback = RecordStatusCallback | FileGeneratedCallback;

export const CODECS = ["h264", "h265"] as const;
export type Codec = (typeof CODECS)[number];

export interface OnDemandRequest {
    readonly domain: string;
    readonly app: string;
    readonly stream: string;
    readonly codec: Codec;
    /** Video bitrate, Kbit/s. */
    readonly vbitrate: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly string[] };

type Fields = Readonly<Record<string, unknown>>;

/** Accepts the raw body (string or Buffer) or an already parsed value. */
function asObject(body: unknown): { fields: Fields } | { error: string } {
    let value = body;
    if (typeof body === "string" || Buffer.isBuffer(body)) {
        try {
            value = JSON.parse(body.toString("utf8"));
        } catch {
            return { error: "the body is not valid JSON" };
        }
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "the body must be a JSON object" };
    return { fields: value as Fields };
}

function requireString(fields: Fields, name: string, errors: string[]): string {
    const v = fields[name];
    if (typeof v !== "string" || v === "") errors.push(`"${name}" must be a non-empty string`);
    return v as string;
}

function requireNumber(fields: Fields, name: string, rule: "integer" | "non-negative", errors: string[]): number {
    const v = fields[name];
    const valid = typeof v === "number" && Number.isFinite(v) && v >= 0 && (rule !== "integer" || Number.isInteger(v));
    if (!valid) errors.push(rule === "integer" ? `"${name}" must be a Unix time in whole seconds` : `"${name}" must be a number of seconds >= 0`);
    return v as number;
}

function pushArgsOf(fields: Fields, errors: string[]): Record<string, string> {
    const v = fields["push_args"];
    if (v === undefined) return {};
    if (typeof v !== "object" || v === null || Array.isArray(v) || Object.values(v).some((x) => typeof x !== "string")) {
        errors.push(`"push_args" must be an object of string values`);
        return {};
    }
    return { ...(v as Record<string, string>) };
}

const result = <T>(errors: string[], value: () => T): Parsed<T> => (errors.length > 0 ? { ok: false, errors } : { ok: true, value: value() });

export function parseRecordStatusCallback(body: unknown): Parsed<RecordStatusCallback> {
    const object = asObject(body);
    if ("error" in object) return { ok: false, errors: [object.error] };
    const f = object.fields;
    const errors: string[] = [];
    const [domain, app, stream] = ["domain", "app", "stream"].map((n) => requireString(f, n, errors)) as [string, string, string];
    const event = f["event"];
    if (!RECORD_EVENTS.includes(event as RecordEvent))
        errors.push(`"event" must be one of ${RECORD_EVENTS.join(", ")} (got ${JSON.stringify(event)})`);
    return result(errors, () => ({ kind: "status", domain, app, stream, event: event as RecordEvent }));
}

export function parseFileGeneratedCallback(body: unknown): Parsed<FileGeneratedCallback> {
    const object = asObject(body);
    if ("error" in object) return { ok: false, errors: [object.error] };
    const f = object.fields;
    const errors: string[] = [];
    const [domain, app, stream, uri] = ["domain", "app", "stream", "uri"].map((n) => requireString(f, n, errors)) as [string, string, string, string];
    const duration = requireNumber(f, "duration", "non-negative", errors);
    const startTime = requireNumber(f, "start_time", "integer", errors);
    const stopTime = requireNumber(f, "stop_time", "integer", errors);
    if (errors.length === 0 && stopTime < startTime) errors.push(`"stop_time" must not be before "start_time"`);
    const pushArgs = pushArgsOf(f, errors);
    return result(errors, () => ({ kind: "file", domain, app, stream, uri, duration, startTime, stopTime, pushArgs }));
}

/** Either kind of NotifyUrl callback: a body with `event` is a status callback, one with `uri` a file callback. */
export function parseRecordingCallback(body: unknown): Parsed<RecordingCallback> {
    const object = asObject(body);
    if ("error" in object) return { ok: false, errors: [object.error] };
    if ("event" in object.fields) return parseRecordStatusCallback(object.fields);
    if ("uri" in object.fields) return parseFileGeneratedCallback(object.fields);
    return { ok: false, errors: [`the body is neither a recording status callback (no "event") nor a file-generated callback (no "uri")`] };
}

/** The on-demand query: `?domain=&app=&stream=&codec=&vbitrate=` (a query string, with or without `?`, or parsed params). */
export function parseOnDemandRequest(query: string | URLSearchParams): Parsed<OnDemandRequest> {
    const params = typeof query === "string" ? new URLSearchParams(query.startsWith("?") ? query.slice(1) : query) : query;
    const errors: string[] = [];
    const text = (name: string): string => {
        const v = params.get(name);
        if (v === null || v === "") errors.push(`query parameter "${name}" is missing`);
        return v ?? "";
    };
    const [domain, app, stream] = [text("domain"), text("app"), text("stream")];
    const codec = params.get("codec");
    if (!CODECS.includes(codec as Codec)) errors.push(`query parameter "codec" must be one of ${CODECS.join(", ")} (got ${JSON.stringify(codec)})`);
    const rawBitrate = params.get("vbitrate");
    if (rawBitrate === null || !/^\d+(\.\d+)?$/.test(rawBitrate)) {
        errors.push(`query parameter "vbitrate" must be a number of Kbit/s (got ${JSON.stringify(rawBitrate)})`);
    }
    return result(errors, () => ({ domain, app, stream, codec: codec as Codec, vbitrate: Number(rawBitrate) }));
}
