/**
 * Command-line flags of `alicloud-live-emulator`, parsed into `EmulatorOptions`. Pure. Every
 * rejection names the flag and the rule, so a typo is fixed without reading the source.
 */
import { isActionName } from "../api/actions";
import type { EmulatorAccount } from "../api/accounts";
import { DeliveryRouteError, parseDeliveryRoute } from "../callbacks/delivery-routes";
import { tokenizeFlags } from "./flag-tokens";
import type { EmulatorOptions } from "../instance/options";
import { SEMANTICS_CHOICES, SEMANTICS_KEYS, type SemanticsKey } from "../api/semantics";
import { isValidDomainName } from "../api/validation";

export const USAGE = `Usage: alicloud-live-emulator [options]
       alicloud-live-emulator record --emulator URL --domain NAME --app APP --stream NAME [...]
                                 (simulate a recording; 'record --help' lists its flags)

A local emulator of the Alibaba Cloud ApsaraVideo Live recording-callback API (2016-11-01).

Options:
  --port N                 port to listen on (default 0: any free port)
  --host ADDR              address to bind (default 127.0.0.1)
  --sts-port N             also answer STS GetCallerIdentity (2015-04-01) on port N
                           (0: any free port); default: no STS listener
  --account ID:SECRET[:ACCOUNT_ID]
                           accept this access key (repeatable; default: the demo key);
                           keys with the same ACCOUNT_ID share quota and configs
  --domain NAME            a streaming domain the accounts own (repeatable)
  --any-domain             every domain is owned (the default when no --domain is given)
  --write-qps N            calls/s per account for each write action (default 30)
  --read-qps N             calls/s per account for Describe (default 50)
  --action-qps ACTION=N    calls/s per account for ACTION instead of its documented quota
                           (repeatable; ACTION * for every action besides the four above)
  --max-clock-skew SECONDS accepted clock difference (default 900; 0 turns off the
                           time window and the nonce-replay check)
  --state FILE             keep configs in FILE across restarts
  --retry-after on|off     send x-acs-retry-after (ms) with throttling errors (default off;
                           --retry-after-header is the same as --retry-after on)
  --deliver HOST=URL       send callbacks for HOST to URL's origin instead, e.g.
                           hooks.example.com=http://127.0.0.1:8080 (repeatable); the Host
                           header and the signature keep HOST
  -h, --help               print this help

Semantics profiles (readings of behaviours no document settles; the first is the default):
  --update-omitted reset|keep
                           an optional field left out of Update returns to its default, or
                           keeps its stored value (an explicitly empty value clears it)
  --empty-url clear|malformed
                           an empty OnDemandUrl means none, or is refused (InvalidOnDemandUrl.Malformed)
  --describe-auth-key clear|masked|absent
                           Describe returns NotifyAuthKey as stored, masked (ab****yz), or not at all
  --bool-wire bool|yesno   Describe writes NeedStatusNotify/NotifyReqAuth as true/false, or as
                           yes/no (requests take true/false and yes/no under both)
  --missing-config 404|empty
                           Describe without a config: 404 InvalidConfig.NotFound, or 200 with an
                           empty LiveRecordNotifyConfig
  --auth-key-rule 16-32-alnum|none
                           NotifyAuthKey must be 16-32 letters and digits (as the API pages
                           say), or any non-empty key (InvalidNotifyAuthKey.Malformed otherwise)
  --throttle-code Throttling.User|Throttling.Api|Throttling|429
                           the answer over quota: HTTP 400 with that code, or HTTP 429 Throttling
  --add-existing refuse|overwrite
                           an Add whose page does not say (AddLiveSnapshotNotifyConfig) on a configured
                           domain: 400 ConfigAlreadyExists, or an overwrite
  --star-app separate|listed
                           a Describe of app configurations for one app lists that app's only, or
                           the * app's configuration too (first)

Admin API (loopback only): /_emulator/faults, /_emulator/configs, /_emulator/requests,
/_emulator/stats, /_emulator/quota, /_emulator/reset, /_emulator/recordings.`;

export class UsageError extends Error {
    override readonly name = "UsageError";
}

export interface CliArgs {
    readonly help: boolean;
    readonly options: EmulatorOptions;
    /** True when at least one --account was given (the demo key is then not accepted). */
    readonly customAccounts: boolean;
}

/** `--update-omitted` -> `updateOmitted`, and so on for every semantics switch. */
const SEMANTICS_FLAGS: ReadonlyMap<string, SemanticsKey> = new Map(
    SEMANTICS_KEYS.map((key) => [`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, key]),
);

/** The flags that take a value, and the switches (exported so the docs test can hold the docs to them). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set([
    "--port",
    "--sts-port",
    "--host",
    "--account",
    "--domain",
    "--write-qps",
    "--read-qps",
    "--action-qps",
    "--max-clock-skew",
    "--state",
    "--retry-after",
    "--deliver",
    ...SEMANTICS_FLAGS.keys(),
]);
export const SWITCHES: ReadonlySet<string> = new Set(["--any-domain", "--retry-after-header", "--help", "-h"]);
const REPEATABLE = new Set(["--account", "--domain", "--deliver", "--action-qps"]);

function fail(message: string): never {
    throw new UsageError(message);
}

function parseNumber(flag: string, raw: string, rule: "port" | "positive" | "non-negative"): number {
    const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (rule === "port") {
        if (!Number.isInteger(value) || value > 65535) fail(`${flag} must be an integer from 0 to 65535 (got ${JSON.stringify(raw)})`);
    } else if (rule === "positive") {
        if (!(value > 0) || !Number.isFinite(value)) fail(`${flag} must be a positive number (got ${JSON.stringify(raw)})`);
    } else if (!(value >= 0) || !Number.isFinite(value)) {
        fail(`${flag} must be a number >= 0 (got ${JSON.stringify(raw)})`);
    }
    return value;
}

function parseAccount(raw: string): EmulatorAccount {
    const parts = raw.split(":");
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
        // Never echo the value: it holds a secret.
        fail("--account must look like ACCESS_KEY_ID:SECRET or ACCESS_KEY_ID:SECRET:ACCOUNT_ID, each part non-empty and without ':'");
    }
    const [accessKeyId, accessKeySecret, accountId] = parts as [string, string, string | undefined];
    if (/[\s,;]/.test(accessKeyId)) fail(`--account: the access key id must not contain whitespace, "," or ";"`);
    return { accessKeyId, accessKeySecret, ...(accountId !== undefined ? { accountId } : {}) };
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
    const { values, switches } = tokenizeFlags(argv, { switches: SWITCHES, valueFlags: VALUE_FLAGS, repeatable: REPEATABLE }, fail);
    const one = (flag: string): string | undefined => values.get(flag)?.[0];

    const options: { -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K] } = {};
    const port = one("--port");
    if (port !== undefined) options.port = parseNumber("--port", port, "port");
    const stsPort = one("--sts-port");
    if (stsPort !== undefined) options.stsPort = parseNumber("--sts-port", stsPort, "port");
    const host = one("--host");
    if (host !== undefined) {
        if (host === "") fail("--host must not be empty");
        options.host = host;
    }
    const accounts = (values.get("--account") ?? []).map(parseAccount);
    const ids = new Set<string>();
    for (const a of accounts) {
        if (ids.has(a.accessKeyId)) fail(`--account: access key id ${JSON.stringify(a.accessKeyId)} is given twice`);
        ids.add(a.accessKeyId);
    }
    if (accounts.length > 0) options.accounts = accounts;
    const domains = values.get("--domain") ?? [];
    for (const d of domains) if (!isValidDomainName(d)) fail(`--domain must be a domain name like live.example.com (got ${JSON.stringify(d)})`);
    if (domains.length > 0) options.domains = domains;
    if (switches.has("--any-domain")) options.anyDomain = true;
    const writeQps = one("--write-qps");
    if (writeQps !== undefined) options.writeQps = parseNumber("--write-qps", writeQps, "positive");
    const readQps = one("--read-qps");
    if (readQps !== undefined) options.readQps = parseNumber("--read-qps", readQps, "positive");
    const actionQps = values.get("--action-qps") ?? [];
    if (actionQps.length > 0) {
        const rates: Record<string, number> = {};
        for (const entry of actionQps) {
            const at = entry.lastIndexOf("=");
            const name = at > 0 ? entry.slice(0, at) : "";
            if (name === "" || (name !== "*" && !isActionName(name)))
                fail(`--action-qps must be ACTION=N with ACTION an action or * (got ${JSON.stringify(entry)})`);
            if (name in rates) fail(`--action-qps: ${name} is given twice`);
            rates[name] = parseNumber("--action-qps", entry.slice(at + 1), "positive");
        }
        options.actionQps = rates;
    }
    const skew = one("--max-clock-skew");
    if (skew !== undefined) options.maxClockSkewSeconds = parseNumber("--max-clock-skew", skew, "non-negative");
    const state = one("--state");
    if (state !== undefined) {
        if (state === "") fail("--state must name a file");
        options.stateFile = state;
    }
    const retryAfter = one("--retry-after");
    if (retryAfter !== undefined && retryAfter !== "on" && retryAfter !== "off")
        fail(`--retry-after must be on or off (got ${JSON.stringify(retryAfter)})`);
    if (retryAfter === "off" && switches.has("--retry-after-header")) fail("--retry-after off contradicts --retry-after-header");
    if (retryAfter !== undefined || switches.has("--retry-after-header")) options.retryAfterHeader = retryAfter !== "off";
    for (const [flag, key] of SEMANTICS_FLAGS) {
        const value = one(flag);
        if (value === undefined) continue;
        const choices: readonly string[] = SEMANTICS_CHOICES[key];
        if (!choices.includes(value)) fail(`${flag} must be one of ${choices.join(", ")} (got ${JSON.stringify(value)})`);
        Object.assign(options, { [key]: value });
    }
    const routes = (values.get("--deliver") ?? []).map((text) => {
        try {
            return parseDeliveryRoute(text);
        } catch (error) {
            if (error instanceof DeliveryRouteError) fail(error.message);
            throw error;
        }
    });
    const hosts = new Set<string>();
    for (const r of routes) {
        if (hosts.has(r.host)) fail(`--deliver: ${r.host} is given twice`);
        hosts.add(r.host);
    }
    if (routes.length > 0) options.deliver = Object.fromEntries(routes.map((r) => [r.host, r.target]));
    return { help: switches.has("--help") || switches.has("-h"), options, customAccounts: accounts.length > 0 };
}
