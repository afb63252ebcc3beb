/**
 * The matrix of emulator semantics profiles the provider is tested under: the defaults, each switch
 * varied alone (every non-default reading), and the all-adverse combination (with each key view).
 */
import type { EmulatorOptions } from "../emulator";
import { parseCliArgs } from "../emulator/cli/cli-args";
import { DEFAULT_SEMANTICS, SEMANTICS_CHOICES, SEMANTICS_KEYS } from "../emulator/api/semantics";

export interface Profile {
    readonly name: string;
    readonly options: EmulatorOptions;
}

/** Every switch at its least convenient reading, as command-line flags: the profile the long soak runs under. */
export const ALL_ADVERSE_FLAGS =
    "--update-omitted keep --empty-url malformed --describe-auth-key masked --bool-wire yesno --missing-config empty --retry-after off --throttle-code Throttling.Api --add-existing overwrite --star-app listed";

/** The same as `startEmulator` options, read by the emulator's own parser. */
export const ALL_ADVERSE: EmulatorOptions = parseCliArgs(ALL_ADVERSE_FLAGS.split(" ")).options;

const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const PROFILES: readonly Profile[] = [
    { name: "defaults", options: {} },
    ...SEMANTICS_KEYS.flatMap((key) =>
        SEMANTICS_CHOICES[key]
            .filter((value) => value !== DEFAULT_SEMANTICS[key])
            .map((value) => ({ name: `${flagOf(key)} ${value}`, options: { [key]: value } })),
    ),
    { name: "--retry-after on", options: { retryAfterHeader: true } },
    { name: "--update-omitted keep --empty-url malformed", options: { updateOmitted: "keep", emptyUrl: "malformed" } },
    { name: "all-adverse", options: ALL_ADVERSE },
    { name: "all-adverse, key absent from Describe", options: { ...ALL_ADVERSE, describeAuthKey: "absent" } },
];

/** Whether the profile's service can never clear an on-demand URL (keeps a left-out field, refuses it empty). */
export const keepsOnDemandUrl = (options: EmulatorOptions): boolean => options.updateOmitted === "keep" && options.emptyUrl === "malformed";
