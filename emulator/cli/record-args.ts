/**
 * Flags of `alicloud-live-emulator record`: which running emulator, and the recording to simulate.
 * Pure; the spec itself is validated by the admin API (one set of rules), so only the flags'
 * shapes are checked here.
 */
import type { RecordingRequest } from "../admin/client";
import { UsageError } from "./cli-args";
import { tokenizeFlags } from "./flag-tokens";

export const RECORD_USAGE = `Usage: alicloud-live-emulator record --emulator URL --domain NAME --app APP --stream NAME [options]

Simulates a push on a running emulator, recorded only where a recording configuration
(AddLiveAppRecordConfig) covers the app or stream: the on-demand query (OnDemand 1, to the OnDemandUrl),
the status callbacks (with NeedStatusNotify), and a file-generated callback per format, each signed
with the stored key when NotifyReqAuth is on. Prints each delivery; exits 0 when the stream was recorded and
every callback delivered, 1 otherwise, 2 on bad flags.

Options:
  --emulator URL       the emulator's base URL, e.g. http://127.0.0.1:9000 (required)
  --domain NAME        a domain with a recording configuration (required)
  --app APP            the application name (required)
  --stream NAME        the stream name (required)
  --account-id ID      which account's config, when several configured the domain
  --pause              pause and resume once (record_paused, record_resumed)
  --duration SECONDS   the recording's length (default 60)
  --format F           mp4, flv or m3u8 (repeatable; default: the recording configuration's)
  --codec C            h264 or h265, sent in the on-demand query (default h264)
  --vbitrate KBPS      sent in the on-demand query (default 2000)
  --push-args QUERY    the ingest URL's query; its callback_* parameters become push_args
  --json               print the whole run as JSON instead
  -h, --help           print this help`;

export interface RecordArgs {
    readonly help: boolean;
    readonly json: boolean;
    readonly emulator: string;
    readonly request: RecordingRequest;
}

/** The flags of `record` that take a value, and its switches (exported so the docs test can hold the docs to them). */
export const RECORD_VALUE_FLAGS: ReadonlySet<string> = new Set([
    "--emulator",
    "--domain",
    "--app",
    "--stream",
    "--account-id",
    "--duration",
    "--format",
    "--codec",
    "--vbitrate",
    "--push-args",
]);
export const RECORD_SWITCHES: ReadonlySet<string> = new Set(["--pause", "--json", "--help", "-h"]);
const REPEATABLE = new Set(["--format"]);

function fail(message: string): never {
    throw new UsageError(`record: ${message}`);
}

function number(flag: string, raw: string): number {
    if (!/^\d+(\.\d+)?$/.test(raw)) fail(`${flag} must be a number (got ${JSON.stringify(raw)})`);
    return Number(raw);
}

export function parseRecordArgs(argv: readonly string[]): RecordArgs {
    const { values, switches } = tokenizeFlags(argv, { switches: RECORD_SWITCHES, valueFlags: RECORD_VALUE_FLAGS, repeatable: REPEATABLE }, fail);
    const help = switches.has("--help") || switches.has("-h");
    const one = (flag: string): string | undefined => values.get(flag)?.[0];
    const required = (flag: string): string => one(flag) ?? (help ? "" : fail(`${flag} is required`));
    const emulator = required("--emulator");
    if (!help && !/^https?:\/\/[^/]+\/?$/.test(emulator))
        fail(`--emulator must be the emulator's base URL, like http://127.0.0.1:9000 (got ${JSON.stringify(emulator)})`);
    const codec = one("--codec");
    if (codec !== undefined && codec !== "h264" && codec !== "h265") fail(`--codec must be h264 or h265 (got ${JSON.stringify(codec)})`);
    const duration = one("--duration");
    const vbitrate = one("--vbitrate");
    const accountId = one("--account-id");
    const pushArgs = one("--push-args");
    const formats = values.get("--format");
    const request: RecordingRequest = {
        domainName: required("--domain"),
        app: required("--app"),
        stream: required("--stream"),
        ...(accountId !== undefined ? { accountId } : {}),
        ...(switches.has("--pause") ? { pause: true } : {}),
        ...(duration !== undefined ? { durationSeconds: number("--duration", duration) } : {}),
        ...(formats !== undefined ? { formats: formats as RecordingRequest["formats"] } : {}),
        ...(codec !== undefined ? { codec } : {}),
        ...(vbitrate !== undefined ? { vbitrate: number("--vbitrate", vbitrate) } : {}),
        ...(pushArgs !== undefined ? { pushArgs } : {}),
    };
    return { help, json: switches.has("--json"), emulator, request };
}
