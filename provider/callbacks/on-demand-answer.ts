/**
 * The JSON a receiver answers the on-demand recording query with. Its values override the
 * recording template's for that stream. Validated so a receiver cannot answer what Live would
 * not understand; all problems are reported together.
 */

export const RECORD_FORMATS = ["mp4", "flv", "m3u8"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** Keys of `Interval`, spelled as the docs spell them. */
export const INTERVAL_KEYS = ["Mp4", "Flv", "M3U8"] as const;
export type IntervalKey = (typeof INTERVAL_KEYS)[number];

/** Seconds per recording cycle, per format, as documented. */
export const MIN_INTERVAL_SECONDS = 5;
export const MAX_INTERVAL_SECONDS = 21_600;

const DEFAULT_API_VERSION = "1.0";

export interface OnDemandAnswerInput {
    readonly needRecord: boolean;
    readonly interval?: Readonly<Partial<Record<IntervalKey, number>>>;
    readonly format?: readonly RecordFormat[];
    /** Default "1.0". */
    readonly apiVersion?: string;
}

/** The wire form, ready for `JSON.stringify`. */
export interface OnDemandAnswer {
    readonly ApiVersion: string;
    readonly NeedRecord: boolean;
    readonly Interval?: Readonly<Partial<Record<IntervalKey, number>>>;
    readonly Format?: readonly RecordFormat[];
}

export class OnDemandAnswerError extends TypeError {
    override readonly name = "OnDemandAnswerError";
    constructor(readonly problems: readonly string[]) {
        super(`invalid on-demand answer: ${problems.join("; ")}`);
    }
}

function intervalProblems(interval: unknown): string[] {
    if (typeof interval !== "object" || interval === null || Array.isArray(interval)) return ["interval must be an object like { Mp4: 600 }"];
    const problems: string[] = [];
    for (const [name, seconds] of Object.entries(interval)) {
        if (!INTERVAL_KEYS.includes(name as IntervalKey)) {
            problems.push(`interval.${name} is not a format (allowed: ${INTERVAL_KEYS.join(", ")})`);
        } else if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
            problems.push(
                `interval.${name} must be a whole number of seconds from ${MIN_INTERVAL_SECONDS} to ${MAX_INTERVAL_SECONDS} (got ${JSON.stringify(seconds)})`,
            );
        }
    }
    return problems;
}

function formatProblems(format: unknown): string[] {
    if (!Array.isArray(format)) return [`format must be an array of ${RECORD_FORMATS.join(", ")}`];
    const problems = format
        .map((f, i) =>
            RECORD_FORMATS.includes(f as RecordFormat)
                ? undefined
                : `format[${i}] must be one of ${RECORD_FORMATS.join(", ")} (got ${JSON.stringify(f)})`,
        )
        .filter((p): p is string => p !== undefined);
    if (new Set(format).size !== format.length) problems.push("format must not list a format twice");
    return problems;
}

/** Builds the answer; throws `OnDemandAnswerError` listing every problem. */
export function onDemandAnswer(input: OnDemandAnswerInput): OnDemandAnswer {
    const problems: string[] = [];
    if (typeof input !== "object" || input === null) throw new OnDemandAnswerError(["the answer must be an object"]);
    if (typeof input.needRecord !== "boolean") problems.push(`needRecord must be a boolean (got ${JSON.stringify(input.needRecord)})`);
    if (input.interval !== undefined) problems.push(...intervalProblems(input.interval));
    if (input.format !== undefined) problems.push(...formatProblems(input.format));
    if (input.apiVersion !== undefined && (typeof input.apiVersion !== "string" || input.apiVersion === "")) {
        problems.push("apiVersion must be a non-empty string");
    }
    if (problems.length > 0) throw new OnDemandAnswerError(problems);
    return {
        ApiVersion: input.apiVersion ?? DEFAULT_API_VERSION,
        NeedRecord: input.needRecord,
        ...(input.interval !== undefined ? { Interval: { ...input.interval } } : {}),
        ...(input.format !== undefined ? { Format: [...input.format] } : {}),
    };
}
