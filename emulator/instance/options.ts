/**
 * Options of `startEmulator`, validated eagerly: a wrong option fails at start with a message
 * naming the option and the rule, never later as odd behaviour.
 */
import { DEMO_ACCOUNT, type EmulatorAccount } from "../api/accounts";
import { resolveCallbackOptions, type CallbackDeliveryOptions, type ResolvedCallbackOptions } from "../callbacks/callback-options";
import { ACTIONS, isActionName } from "../api/actions";
import { DEFAULT_READ_QPS, DEFAULT_WRITE_QPS } from "../api/quota";
import { DEFAULT_SEMANTICS, isSemanticsValue, SEMANTICS_CHOICES, SEMANTICS_KEYS, type SemanticsProfile } from "../api/semantics";

/** The semantics profile, one option per open question (see api/semantics.ts); each defaults to today's reading. */
export type SemanticsOptions = { readonly [K in keyof SemanticsProfile]?: SemanticsProfile[K] };

export interface EmulatorOptions extends SemanticsOptions {
    /** Default "127.0.0.1". */
    readonly host?: string;
    /** Default 0 (any free port). */
    readonly port?: number;
    /** Also answer STS GetCallerIdentity on this port (0: any free one); default: no STS listener. */
    readonly stsPort?: number;
    /** Default: [DEMO_ACCOUNT]. */
    readonly accounts?: readonly EmulatorAccount[];
    /** Domains the accounts own; default: none listed => any domain is owned. */
    readonly domains?: readonly string[];
    /** Every domain is owned (default true when `domains` is empty). */
    readonly anyDomain?: boolean;
    /** Per account, per write action; default 30. */
    readonly writeQps?: number;
    /** Per account, Describe; default 50. */
    readonly readQps?: number;
    /**
     * Quotas by action name (calls/s per account) instead of the documented ones; `"*"` for every action
     * with a documented quota of its own (all but the four writeQps/readQps set) not named.
     */
    readonly actionQps?: Readonly<Record<string, number>>;
    /** Default 900; 0 turns off the time window AND the nonce-replay check. */
    readonly maxClockSkewSeconds?: number;
    /** Persist configs here (atomic write: temp file + fsync + rename). */
    readonly stateFile?: string;
    /** Send x-acs-retry-after (ms) with throttles; default false (unverified on the real gateway). */
    readonly retryAfterHeader?: boolean;
    /** Clock (epoch ms) for deterministic tests; default `preciseNow`. */
    readonly now?: () => number;
    /** For fault probabilities; default Math.random. */
    readonly random?: () => number;
    /** Callbacks to these hostnames go to these origins instead: `{ "hooks.example.com": "http://127.0.0.1:8080" }`. */
    readonly deliver?: Readonly<Record<string, string>>;
    /** Callback timings; default the documented 5 s timeout, 5 retries, 1 s apart. */
    readonly callbackDelivery?: CallbackDeliveryOptions;
}

export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 900;

/**
 * Epoch milliseconds with sub-millisecond resolution. Date.now's whole milliseconds made a quota
 * raised at run time refill nothing for a call in the same millisecond (a client on loopback sends
 * several per millisecond), so that call was throttled at 10,000 calls/s.
 */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export interface ResolvedOptions {
    readonly host: string;
    readonly port: number;
    readonly stsPort?: number;
    readonly accounts: readonly EmulatorAccount[];
    readonly domains: readonly string[];
    readonly anyDomain: boolean;
    readonly writeQps: number;
    readonly readQps: number;
    readonly actionQps?: Readonly<Record<string, number>>;
    readonly maxClockSkewSeconds: number;
    readonly stateFile?: string;
    readonly retryAfterHeader: boolean;
    readonly semantics: SemanticsProfile;
    readonly now: () => number;
    readonly random: () => number;
    readonly callbacks: ResolvedCallbackOptions;
}

function fail(message: string): never {
    throw new TypeError(`startEmulator: ${message}`);
}

const show = (value: unknown): string => (typeof value === "function" ? "a function" : (JSON.stringify(value) ?? String(value)));

function checkAccount(account: unknown, index: number): EmulatorAccount {
    const where = `options.accounts[${index}]`;
    if (typeof account !== "object" || account === null) fail(`${where} must be an object`);
    const a = account as Record<string, unknown>;
    for (const name of ["accessKeyId", "accessKeySecret"]) {
        if (typeof a[name] !== "string" || a[name] === "") fail(`${where}.${name} must be a non-empty string`);
    }
    if (/[\s,;]/.test(a["accessKeyId"] as string)) fail(`${where}.accessKeyId must not contain whitespace, "," or ";"`);
    if (a["accountId"] !== undefined && (typeof a["accountId"] !== "string" || a["accountId"] === "")) {
        fail(`${where}.accountId must be a non-empty string when given`);
    }
    if (a["readOnly"] !== undefined && typeof a["readOnly"] !== "boolean") fail(`${where}.readOnly must be a boolean when given`);
    if (a["securityToken"] !== undefined && (typeof a["securityToken"] !== "string" || a["securityToken"] === "")) {
        fail(`${where}.securityToken must be a non-empty string when given`);
    }
    if (a["expiresAt"] !== undefined) {
        if (typeof a["expiresAt"] !== "number" || !Number.isFinite(a["expiresAt"])) fail(`${where}.expiresAt must be a finite number (epoch ms)`);
        if (a["securityToken"] === undefined) fail(`${where}.expiresAt only applies to STS keys: give securityToken too`);
    }
    return account as EmulatorAccount;
}

function positiveRate(name: string, value: unknown, fallback: number): number {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        fail(`options.${name} must be a positive finite number (got ${show(value)})`);
    }
    return value;
}

/** `actionQps`: known action names (or "*") to positive rates. */
function actionRates(value: unknown): Readonly<Record<string, number>> | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        fail(`options.actionQps must be an object of action names and calls per second (got ${show(value)})`);
    }
    for (const [name, rate] of Object.entries(value)) {
        if (name !== "*" && !isActionName(name))
            fail(`options.actionQps: ${JSON.stringify(name)} is not an action (known: "*", ${ACTIONS.join(", ")})`);
        positiveRate(`actionQps[${JSON.stringify(name)}]`, rate, 0);
    }
    return { ...(value as Record<string, number>) };
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
    if (typeof options !== "object" || options === null) fail("options must be an object");
    const host = options.host ?? "127.0.0.1";
    if (typeof host !== "string" || host === "") fail(`options.host must be a non-empty string (got ${show(host)})`);
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`options.port must be an integer from 0 to 65535 (got ${show(port)})`);
    const stsPort = options.stsPort;
    if (stsPort !== undefined && (!Number.isInteger(stsPort) || stsPort < 0 || stsPort > 65535)) {
        fail(`options.stsPort must be an integer from 0 to 65535 when given (got ${show(stsPort)})`);
    }

    const accountsInput = options.accounts ?? [DEMO_ACCOUNT];
    if (!Array.isArray(accountsInput) || accountsInput.length === 0) fail("options.accounts must be a non-empty array");
    const accounts = accountsInput.map(checkAccount);
    const seen = new Set<string>();
    for (const a of accounts) {
        if (seen.has(a.accessKeyId)) fail(`options.accounts lists accessKeyId ${JSON.stringify(a.accessKeyId)} twice`);
        seen.add(a.accessKeyId);
    }

    const domains = options.domains ?? [];
    if (!Array.isArray(domains) || domains.some((d) => typeof d !== "string" || d === "")) {
        fail("options.domains must be an array of non-empty strings");
    }
    const anyDomain = options.anyDomain ?? domains.length === 0;
    if (typeof anyDomain !== "boolean") fail(`options.anyDomain must be a boolean (got ${show(anyDomain)})`);

    const maxClockSkewSeconds = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    if (typeof maxClockSkewSeconds !== "number" || !Number.isFinite(maxClockSkewSeconds) || maxClockSkewSeconds < 0) {
        fail(`options.maxClockSkewSeconds must be a finite number >= 0 (got ${show(maxClockSkewSeconds)})`);
    }
    if (options.stateFile !== undefined && (typeof options.stateFile !== "string" || options.stateFile === "")) {
        fail(`options.stateFile must be a non-empty string when given`);
    }
    const retryAfterHeader = options.retryAfterHeader ?? false;
    if (typeof retryAfterHeader !== "boolean") fail(`options.retryAfterHeader must be a boolean (got ${show(retryAfterHeader)})`);
    const semantics: Record<string, unknown> = { ...DEFAULT_SEMANTICS };
    for (const key of SEMANTICS_KEYS) {
        const value = options[key];
        if (value === undefined) continue;
        if (!isSemanticsValue(key, value))
            fail(`options.${key} must be one of ${SEMANTICS_CHOICES[key].map((c) => JSON.stringify(c)).join(", ")} (got ${show(value)})`);
        semantics[key] = value;
    }
    for (const name of ["now", "random"] as const) {
        if (options[name] !== undefined && typeof options[name] !== "function") fail(`options.${name} must be a function when given`);
    }
    return {
        host,
        port,
        ...(stsPort !== undefined ? { stsPort } : {}),
        accounts,
        domains: [...(domains as readonly string[])],
        anyDomain,
        writeQps: positiveRate("writeQps", options.writeQps, DEFAULT_WRITE_QPS),
        readQps: positiveRate("readQps", options.readQps, DEFAULT_READ_QPS),
        ...(options.actionQps !== undefined ? { actionQps: actionRates(options.actionQps) } : {}),
        maxClockSkewSeconds,
        ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
        retryAfterHeader,
        semantics: semantics as unknown as SemanticsProfile,
        now: options.now ?? preciseNow,
        random: options.random ?? Math.random,
        callbacks: resolveCallbackOptions(options.deliver, options.callbackDelivery),
    };
}
