/**
 * The soak's command line, validated eagerly with messages that name the option and the rule:
 *
 *   node dist/tools/soak/index.js [--seed N] [--sequences N] [--steps N] [--resources N]
 *        [--concurrency N] [--operation-timeout SECONDS] [--outage-chance P] [--only N]
 *        [--host-per-sequence] [--emulator-args "<flags>"] [--verbose]
 */
import type { EmulatorOptions } from "../../emulator";
import { parseCliArgs, UsageError } from "../../emulator/cli/cli-args";
import { SEMANTICS_KEYS } from "../../emulator/api/semantics";

export interface SoakOptions {
    /** Fixes every sequence's steps and the emulator's fault dice. */
    readonly seed: number;
    readonly sequences: number;
    /** Generated steps per sequence (each sequence then ends with a destroy). */
    readonly steps: number;
    /** Resources declared at most at once. */
    readonly resources: number;
    /** Sequences run at once, each with its own emulator and provider host. */
    readonly concurrency: number;
    /** The provider's `alicloud-live:operationTimeout`, seconds. */
    readonly operationTimeoutSeconds: number;
    /** Chance that a step meets an outage longer than the timeout (so it fails and is rerun). */
    readonly outageChance: number;
    /** Run only sequence N (1-based, as the report numbers them), to reproduce it. */
    readonly only?: number;
    /** One provider host per sequence instead of one per operation (the provider's rate limiters then outlive an operation). */
    readonly hostPerSequence: boolean;
    /** Print every step. */
    readonly verbose: boolean;
    /** The emulator's semantics flags, as given (e.g. `--update-omitted keep --bool-wire yesno`); "" for the defaults. */
    readonly emulatorArgs: string;
    /** Those flags as `startEmulator` options. */
    readonly emulatorOptions: EmulatorOptions;
}

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
    seed: 1,
    sequences: 20,
    steps: 8,
    resources: 4,
    concurrency: 1,
    operationTimeoutSeconds: 3,
    outageChance: 0.15,
    hostPerSequence: false,
    verbose: false,
    emulatorArgs: "",
    emulatorOptions: {},
};

/** The emulator options `--emulator-args` may set: the semantics profile. The soak owns the rest (keys, quota, port). */
const EMULATOR_KEYS: ReadonlySet<string> = new Set<string>([...SEMANTICS_KEYS, "retryAfterHeader"]);

/** Parses `--emulator-args` with the emulator's own command-line parser. */
export function parseEmulatorArgs(text: string): EmulatorOptions {
    let options: EmulatorOptions;
    try {
        options = parseCliArgs(text.split(/\s+/).filter((word) => word !== "")).options;
    } catch (error) {
        if (error instanceof UsageError) throw new SoakUsageError(`--emulator-args: ${error.message}`);
        throw error;
    }
    const foreign = Object.keys(options).filter((key) => !EMULATOR_KEYS.has(key));
    if (foreign.length > 0) {
        throw new SoakUsageError(`--emulator-args takes only the semantics flags and --retry-after (the soak sets ${foreign.join(", ")} itself)`);
    }
    return options;
}

export class SoakUsageError extends Error {
    override readonly name = "SoakUsageError";
}

type NumericOption = Exclude<keyof SoakOptions, "verbose" | "hostPerSequence" | "emulatorArgs" | "emulatorOptions">;

const FLAGS: Readonly<Record<string, { key: NumericOption; rule: (v: number) => boolean; text: string }>> = {
    "--seed": { key: "seed", rule: (v) => Number.isSafeInteger(v), text: "an integer" },
    "--sequences": { key: "sequences", rule: (v) => Number.isInteger(v) && v >= 1 && v <= 100_000, text: "an integer from 1 to 100000" },
    "--steps": { key: "steps", rule: (v) => Number.isInteger(v) && v >= 1 && v <= 10_000, text: "an integer from 1 to 10000" },
    "--resources": { key: "resources", rule: (v) => Number.isInteger(v) && v >= 1 && v <= 50, text: "an integer from 1 to 50" },
    "--concurrency": { key: "concurrency", rule: (v) => Number.isInteger(v) && v >= 1 && v <= 16, text: "an integer from 1 to 16" },
    "--operation-timeout": { key: "operationTimeoutSeconds", rule: (v) => v > 0 && v <= 600, text: "a number of seconds above 0, at most 600" },
    "--outage-chance": { key: "outageChance", rule: (v) => v >= 0 && v <= 1, text: "a number from 0 to 1" },
    "--only": { key: "only", rule: (v) => Number.isInteger(v) && v >= 1, text: "a sequence number from 1" },
};

export function parseSoakArgs(argv: readonly string[]): SoakOptions {
    const options: { -readonly [K in keyof SoakOptions]: SoakOptions[K] } = { ...DEFAULT_SOAK_OPTIONS };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--verbose" || arg === "--host-per-sequence") {
            options[arg === "--verbose" ? "verbose" : "hostPerSequence"] = true;
            continue;
        }
        const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        if (flag === "--emulator-args") {
            const text = inline ?? argv[++i];
            if (text === undefined) throw new SoakUsageError(`--emulator-args needs a value: the emulator's semantics flags in one argument`);
            options.emulatorArgs = text.trim();
            options.emulatorOptions = parseEmulatorArgs(text);
            continue;
        }
        const spec = FLAGS[flag];
        if (!spec)
            throw new SoakUsageError(
                `unknown option ${JSON.stringify(arg)} (options: ${[...Object.keys(FLAGS), "--emulator-args", "--host-per-sequence", "--verbose"].join(", ")})`,
            );
        const text = inline ?? argv[++i];
        if (text === undefined || text === "" || text.startsWith("--")) throw new SoakUsageError(`${flag} needs a value: ${spec.text}`);
        const value = Number(text);
        if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) || !spec.rule(value))
            throw new SoakUsageError(`${flag} must be ${spec.text}, not ${JSON.stringify(text)}`);
        options[spec.key] = value;
    }
    if (options.only !== undefined && options.only > options.sequences) {
        throw new SoakUsageError(`--only ${options.only} is beyond --sequences ${options.sequences}`);
    }
    return options;
}
