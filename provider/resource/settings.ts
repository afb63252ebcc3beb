/**
 * Resolves the provider's settings from Pulumi config and the environment, in the precedence of
 * settings-table.ts, validating every value. Pure: the config and the environment are passed in.
 *
 * A bad value is a `SettingsError` naming the config key or environment variable it came from and the
 * rule it broke; values of secret settings are never part of a message.
 */
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { DEFAULT_ENDPOINT, parseEndpoint } from "../api/endpoint";
import { DEFAULT_STS_ENDPOINT } from "../api/sts";
import { parseQuotaStoreUrl, type QuotaStoreUrl } from "../quota/store-url";
import { DOCUMENTED_READ_QPS, DOCUMENTED_WRITE_QPS, MAX_OPERATION_TIMEOUT_MS, MAX_QUOTA_HEADROOM } from "../retry/constants";
import { DEFAULT_OPERATION_TIMEOUT_SECONDS, settingSpec, type SettingName } from "./settings-table";

export type ConfigGetter = (key: string) => string | undefined;
export type Environment = Readonly<Record<string, string | undefined>>;

export interface StaticKeys {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly securityToken?: string;
}

export interface Settings {
    /** Endpoint text, already checked by `parseEndpoint`. */
    readonly endpoint: string;
    /** The config key or environment variable the endpoint came from, or `the default endpoint`. */
    readonly endpointSource: string;
    /** STS endpoint text for account discovery, already checked by `parseEndpoint`. */
    readonly stsEndpoint: string;
    /** The STS endpoint was configured (not the default). */
    readonly stsEndpointSet: boolean;
    /** The shared quota store; absent: each process paces alone. Prints with its password hidden. */
    readonly quotaStore?: QuotaStoreUrl;
    /** PEM certificates a `rediss…://` store's certificate must chain to (instead of Node's CAs). */
    readonly quotaStoreCa?: string;
    /** Static keys; absent means the `@alicloud/credentials` default chain. */
    readonly credentials?: StaticKeys;
    /** The config key or environment variable that held the static keys' AccessKey ID. */
    readonly credentialsSource?: string;
    readonly regionId?: string;
    readonly accountId?: string;
    readonly operationTimeoutMs: number;
    /** Fraction of the quota left to others, 0..0.9. */
    readonly quotaHeadroom: number;
    /** Documented (or raised) quotas per second, before the headroom is taken off. */
    readonly writeQps: number;
    readonly readQps: number;
    /** Raised quotas of single actions (calls/s), by action name; before the headroom is taken off. */
    readonly actionQps: ReadonlyMap<string, number>;
    readonly signatureVersion: "v3" | "v2";
    /** Skip the configure-time check of credentials and endpoint (configure-check.ts). */
    readonly skipCredentialsValidation: boolean;
}

/** Bounds of the numeric settings (the retry layer's, where it has them). */
const MAX_OPERATION_TIMEOUT_SECONDS = MAX_OPERATION_TIMEOUT_MS / 1000;
/** No account's quota is anywhere near this; a larger number is a typo. */
const MAX_QPS = 10_000;

export class SettingsError extends Error {
    override readonly name = "SettingsError";
    /** The config key or environment variable that held the bad value. */
    readonly key: string;
    /** What the value broke, without the value. */
    readonly rule: string;

    constructor(key: string, rule: string) {
        super(`Invalid setting ${key}: ${rule}`);
        this.key = key;
        this.rule = rule;
    }
}

/** A value found for a setting, and where. */
interface Found {
    readonly value: string;
    readonly key: string;
}

/** Reads a file named by a setting (the store's CA); passed in so the resolver stays testable. */
export type FileReader = (path: string) => string;
const readUtf8: FileReader = (path) => readFileSync(path, "utf8");

/**
 * Resolves every setting. `knownActions`: the actions `actionQps` may name (those of the resources the
 * caller serves); a name outside them is refused. Without it, any action name of the API's form is taken.
 */
export function resolveSettings(get: ConfigGetter, env: Environment, readFile: FileReader = readUtf8, knownActions?: ReadonlySet<string>): Settings {
    const endpointFound = find("endpoint", get, env) ?? { value: DEFAULT_ENDPOINT, key: "the default endpoint" };
    const endpoint = checkedEndpoint(endpointFound);
    const stsFound = find("stsEndpoint", get, env);
    const stsEndpoint = checkedEndpoint(stsFound ?? { value: DEFAULT_STS_ENDPOINT, key: "the default STS endpoint" });
    const settings: { -readonly [K in keyof Settings]: Settings[K] } = {
        endpoint,
        endpointSource: endpointFound.key,
        stsEndpoint,
        stsEndpointSet: stsFound !== undefined,
        operationTimeoutMs: (number(find("operationTimeout", get, env), TIMEOUT_RULE) ?? DEFAULT_OPERATION_TIMEOUT_SECONDS) * 1000,
        quotaHeadroom: number(find("quotaHeadroom", get, env), HEADROOM_RULE) ?? 0,
        writeQps: number(find("writeQps", get, env), QPS_RULE) ?? DOCUMENTED_WRITE_QPS,
        readQps: number(find("readQps", get, env), QPS_RULE) ?? DOCUMENTED_READ_QPS,
        actionQps: actionQps(find("actionQps", get, env), knownActions),
        signatureVersion: signatureVersion(find("signatureVersion", get, env)),
        skipCredentialsValidation: flag(find("skipCredentialsValidation", get, env)) ?? false,
    };
    const found = staticKeys(get, env);
    if (found) {
        settings.credentials = found.keys;
        settings.credentialsSource = found.source;
    }
    const region = find("region", get, env);
    if (region) settings.regionId = matching(region, /^[a-z0-9][a-z0-9-]{0,63}$/, "must be a region id such as cn-shanghai");
    const accountId = find("accountId", get, env);
    if (accountId) {
        settings.accountId = matching(accountId, /^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, dots, underscores or hyphens");
    }
    const store = find("quotaStore", get, env);
    if (store) {
        try {
            settings.quotaStore = parseQuotaStoreUrl(store.value);
        } catch (error) {
            throw new SettingsError(store.key, (error as Error).message);
        }
    }
    const ca = find("quotaStoreCa", get, env);
    if (ca) {
        if (!settings.quotaStore?.tls)
            throw new SettingsError(ca.key, "applies only to a TLS quota store (rediss://, rediss-cluster:// or rediss-sentinel://)");
        settings.quotaStoreCa = pemCertificates(ca, readFile);
    }
    return settings;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** PEM text as given, or read from the file it names; either way it must hold a certificate. */
function pemCertificates(found: Found, readFile: FileReader): string {
    const rule = "must be PEM certificates (-----BEGIN CERTIFICATE-----…) or the path of a file holding them";
    if (found.value.includes("-----BEGIN")) {
        if (!PEM_CERTIFICATE.test(found.value)) throw new SettingsError(found.key, rule);
        return found.value;
    }
    let text: string;
    try {
        text = readFile(found.value);
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new SettingsError(
            found.key,
            `${rule}; the file ${JSON.stringify(found.value)} cannot be read (${typeof code === "string" ? code : "error"})`,
        );
    }
    if (!PEM_CERTIFICATE.test(text)) throw new SettingsError(found.key, `${rule}; the file ${JSON.stringify(found.value)} holds no PEM certificate`);
    return text;
}

function checkedEndpoint(found: Found): string {
    try {
        parseEndpoint(found.value);
    } catch (error) {
        throw new SettingsError(found.key, (error as Error).message);
    }
    return found.value;
}

/** The first value set for a setting: config keys in order, then environment variables in order. */
function find(name: SettingName, get: ConfigGetter, env: Environment): Found | undefined {
    const spec = settingSpec(name);
    for (const key of spec.configKeys) {
        const raw = present(get(key));
        if (raw === undefined) continue;
        const value = key === "alicloud:endpoints" ? endpointEntry(raw, name === "stsEndpoint" ? "sts" : "live") : raw;
        if (value !== undefined) return { value, key };
    }
    for (const key of spec.envVars) {
        const value = present(env[key]);
        if (value !== undefined) return { value, key };
    }
    return undefined;
}

function present(value: string | undefined): string | undefined {
    if (typeof value !== "string") return undefined;
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
}

/** An entry (`live`, `sts`) of `@pulumi/alicloud`'s `endpoints` config: `[{"live": "host"}, ...]` (an object is accepted too). */
function endpointEntry(json: string, entry: "live" | "sts"): string | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch {
        throw new SettingsError("alicloud:endpoints", 'must be a JSON list of endpoint objects, such as [{"live":"live.aliyuncs.com"}]');
    }
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    for (const item of entries) {
        if (typeof item !== "object" || item === null) {
            throw new SettingsError("alicloud:endpoints", 'must be a JSON list of endpoint objects, such as [{"live":"live.aliyuncs.com"}]');
        }
        const value = (item as Record<string, unknown>)[entry];
        if (value === undefined) continue;
        if (typeof value !== "string" || present(value) === undefined) {
            throw new SettingsError("alicloud:endpoints", `the \`${entry}\` entry must be a non-empty string`);
        }
        return present(value);
    }
    return undefined;
}

/**
 * Static keys, taken as a set from one place: the config if it names an AccessKey ID or secret, else
 * the environment. Mixing a config key with an environment secret (or token) from another session
 * would sign with a pair that does not belong together.
 */
function staticKeys(get: ConfigGetter, env: Environment): { readonly keys: StaticKeys; readonly source: string } | undefined {
    const sources = [
        { lookup: (name: SettingName) => first(settingSpec(name).configKeys, (k) => present(get(k))) },
        { lookup: (name: SettingName) => first(settingSpec(name).envVars, (k) => present(env[k])) },
    ];
    for (const { lookup } of sources) {
        const id = lookup("accessKeyId");
        const secret = lookup("accessKeySecret");
        if (!id && !secret) continue;
        if (!id) throw new SettingsError(secret!.key, `is set but no AccessKey ID is (set ${describe("accessKeyId", secret!.key)})`);
        if (!secret) throw new SettingsError(id.key, `is set but no AccessKey secret is (set ${describe("accessKeySecret", id.key)})`);
        if (/\s/.test(id.value)) throw new SettingsError(id.key, "must not contain whitespace");
        if (/\s/.test(secret.value)) throw new SettingsError(secret.key, "must not contain whitespace");
        const token = lookup("securityToken");
        return {
            keys: redacted({ accessKeyId: id.value, accessKeySecret: secret.value, ...(token ? { securityToken: token.value } : {}) }),
            source: id.key,
        };
    }
    return undefined;
}

/** The config key or variables of a setting, in the same place (config or environment) as `nearKey`. */
function describe(name: SettingName, nearKey: string): string {
    const spec = settingSpec(name);
    return nearKey.includes(":") ? spec.configKeys.join(" or ") : spec.envVars.join(" or ");
}

function first(keys: readonly string[], read: (key: string) => string | undefined): Found | undefined {
    for (const key of keys) {
        const value = read(key);
        if (value !== undefined) return { value, key };
    }
    return undefined;
}

/** Keys whose secret and token print as `[secret]` through JSON.stringify and util.inspect. */
function redacted(keys: StaticKeys): StaticKeys {
    const safe = () => ({
        accessKeyId: keys.accessKeyId,
        accessKeySecret: "[secret]",
        ...(keys.securityToken !== undefined ? { securityToken: "[secret]" } : {}),
    });
    return Object.freeze(
        Object.defineProperties(
            { ...keys },
            {
                toJSON: { value: safe, enumerable: false },
                [inspect.custom]: { value: () => safe(), enumerable: false },
            },
        ),
    );
}

interface NumberRule {
    readonly min: number;
    readonly minInclusive: boolean;
    readonly max: number;
    readonly unit: string;
}

const TIMEOUT_RULE: NumberRule = { min: 0, minInclusive: false, max: MAX_OPERATION_TIMEOUT_SECONDS, unit: "seconds" };
const HEADROOM_RULE: NumberRule = { min: 0, minInclusive: true, max: MAX_QUOTA_HEADROOM, unit: "a fraction of the quota" };
const QPS_RULE: NumberRule = { min: 0, minInclusive: false, max: MAX_QPS, unit: "calls per second" };

/** A number within bounds, or `undefined` when the setting is not set. */
function number(found: Found | undefined, rule: NumberRule): number | undefined {
    if (!found) return undefined;
    const value = Number(found.value);
    const above = rule.minInclusive ? value >= rule.min : value > rule.min;
    if (!/^[+]?(\d+\.?\d*|\.\d+)$/.test(found.value) || !Number.isFinite(value) || !above || value > rule.max) {
        const lower = rule.minInclusive ? `at least ${rule.min}` : `greater than ${rule.min}`;
        throw new SettingsError(found.key, `must be a number ${lower} and at most ${rule.max} (${rule.unit}), not ${JSON.stringify(found.value)}`);
    }
    return value;
}

/** An action name as the API spells them: `SetLiveStreamsNotifyUrlConfig`. */
const ACTION_NAME = /^[A-Z][A-Za-z0-9]{2,100}$/;

/** `{"Action": qps, ...}`: each name an action (one of `known`, when given), each rate within the QPS bounds. */
function actionQps(found: Found | undefined, known: ReadonlySet<string> | undefined): ReadonlyMap<string, number> {
    const rates = new Map<string, number>();
    if (!found) return rates;
    const form = 'must be a JSON object of action names and calls per second, such as {"SetLiveStreamsNotifyUrlConfig": 30}';
    let parsed: unknown;
    try {
        parsed = JSON.parse(found.value);
    } catch {
        throw new SettingsError(found.key, form);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SettingsError(found.key, form);
    for (const [name, rate] of Object.entries(parsed)) {
        if (!ACTION_NAME.test(name)) throw new SettingsError(found.key, `${form}; ${JSON.stringify(name)} is not an action name`);
        if (known !== undefined && !known.has(name)) {
            throw new SettingsError(
                found.key,
                `names ${JSON.stringify(name)}, which is not an action of this provider (known: ${[...known].join(", ")})`,
            );
        }
        number({ value: String(rate), key: `${found.key} (${name})` }, QPS_RULE);
        if (typeof rate !== "number")
            throw new SettingsError(`${found.key} (${name})`, `must be a number of calls per second, not ${JSON.stringify(rate)}`);
        rates.set(name, rate);
    }
    return rates;
}

function signatureVersion(found: Found | undefined): "v3" | "v2" {
    if (!found) return "v3";
    const value = found.value.toLowerCase();
    if (value === "v3" || value === "v2") return value;
    throw new SettingsError(found.key, `must be "v3" or "v2", not ${JSON.stringify(found.value)}`);
}

/** `true` or `false` (any case), or `undefined` when the setting is not set. */
function flag(found: Found | undefined): boolean | undefined {
    if (!found) return undefined;
    const value = found.value.toLowerCase();
    if (value === "true" || value === "false") return value === "true";
    throw new SettingsError(found.key, `must be true or false, not ${JSON.stringify(found.value)}`);
}

function matching(found: Found, pattern: RegExp, rule: string): string {
    if (!pattern.test(found.value)) throw new SettingsError(found.key, `${rule}, not ${JSON.stringify(found.value)}`);
    return found.value;
}
