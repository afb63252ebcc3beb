/**
 * Every setting the provider reads, where from, and in which order: the single source for the
 * resolver (settings.ts) and for the configuration table in docs/configuration.md. Data only.
 *
 * Precedence: the Pulumi config keys in the order listed, then the environment variables in the order
 * listed, then the default. The `alicloud:*` keys and `ALIBABA_CLOUD_*` variables are the ones
 * `@pulumi/alicloud` and the Alibaba tools use, so a stack set up for them needs nothing more.
 */
import { DEFAULT_ENDPOINT } from "../api/endpoint";
import { DEFAULT_STS_ENDPOINT } from "../api/sts";
import { DEFAULT_OPERATION_TIMEOUT_MS, DOCUMENTED_READ_QPS, DOCUMENTED_WRITE_QPS } from "../retry/constants";

export type SettingName =
    | "accessKeyId"
    | "accessKeySecret"
    | "securityToken"
    | "region"
    | "endpoint"
    | "stsEndpoint"
    | "accountId"
    | "quotaStore"
    | "quotaStoreCa"
    | "operationTimeout"
    | "quotaHeadroom"
    | "writeQps"
    | "readQps"
    | "actionQps"
    | "signatureVersion"
    | "skipCredentialsValidation";

export interface SettingSpec {
    readonly name: SettingName;
    /** Pulumi config keys, namespaced, first found wins. */
    readonly configKeys: readonly string[];
    /** Environment variables, first non-empty wins; read only when no config key is set. */
    readonly envVars: readonly string[];
    /** The value used when nothing is set, as the docs show it; `undefined` when there is none. */
    readonly defaultValue?: string;
    /** Never written to a message or log; set it with `pulumi config set --secret`. */
    readonly secret: boolean;
    readonly description: string;
}

/** The default per-operation deadline, in seconds (retries included), as the retry layer defines it. */
export const DEFAULT_OPERATION_TIMEOUT_SECONDS = DEFAULT_OPERATION_TIMEOUT_MS / 1000;

export const SETTINGS: readonly SettingSpec[] = [
    {
        name: "accessKeyId",
        configKeys: ["alicloud:accessKey"],
        envVars: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"],
        secret: false,
        description:
            "AccessKey ID of static keys. Taken together with the secret (and token) from the same place: config or environment. " +
            "When no static keys are set, the `@alicloud/credentials` default chain is used.",
    },
    {
        name: "accessKeySecret",
        configKeys: ["alicloud:secretKey"],
        envVars: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"],
        secret: true,
        description: "AccessKey secret of static keys. Required with an AccessKey ID.",
    },
    {
        name: "securityToken",
        configKeys: ["alicloud:securityToken"],
        envVars: ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"],
        secret: true,
        description: "STS security token, for temporary static keys.",
    },
    {
        name: "region",
        configKeys: ["alicloud:region"],
        envVars: ["ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"],
        secret: false,
        description: "Region id sent with requests. The Live API has one endpoint for every region, so it rarely matters.",
    },
    {
        name: "endpoint",
        configKeys: ["alicloud-live:endpoint", "alicloud:endpoints"],
        envVars: ["ALICLOUD_LIVE_ENDPOINT"],
        defaultValue: DEFAULT_ENDPOINT,
        secret: false,
        description:
            "Live API endpoint: `host`, `https://host[:port]`, or `http://` for a loopback host (a local emulator). " +
            "`alicloud:endpoints` is `@pulumi/alicloud`'s JSON list; its `live` entry is used.",
    },
    {
        name: "stsEndpoint",
        configKeys: ["alicloud-live:stsEndpoint", "alicloud:endpoints"],
        envVars: ["ALICLOUD_LIVE_STS_ENDPOINT"],
        defaultValue: DEFAULT_STS_ENDPOINT,
        secret: false,
        description:
            "STS endpoint the provider asks `GetCallerIdentity` for the account behind its keys (no RAM permission needed); " +
            "same forms and transport rules as the Live endpoint. `alicloud:endpoints`' `sts` entry is used.",
    },
    {
        name: "accountId",
        configKeys: ["alicloud-live:accountId"],
        envVars: ["ALICLOUD_LIVE_ACCOUNT_ID"],
        secret: false,
        description:
            "Alibaba Cloud account id. Calls made with different keys of one account share its quota, and so one rate limiter " +
            "keyed by this id. Default: the id STS `GetCallerIdentity` reports, once per process; if that fails, one limiter " +
            "per endpoint and AccessKey ID.",
    },
    {
        name: "quotaStore",
        configKeys: ["alicloud-live:quotaStore"],
        envVars: ["ALICLOUD_LIVE_QUOTA_STORE"],
        secret: true,
        description:
            "Opt-in shared quota store: `redis://[user:password@]host[:port][/db]`, a Redis Cluster as " +
            "`redis-cluster://[user:password@]host:port[,host:port…]`, or a master behind Sentinel as " +
            "`redis-sentinel://[user:password@]host:port[,host:port…]/masterName[/db]`; `rediss…://` for TLS. Every process " +
            "of the account, on any machine, then paces its calls by one schedule per action held there. Never fails a " +
            "deployment: when unreachable, each process paces alone. Secret when it carries a password.",
    },
    {
        name: "quotaStoreCa",
        configKeys: ["alicloud-live:quotaStoreCa"],
        envVars: ["ALICLOUD_LIVE_QUOTA_STORE_CA"],
        secret: false,
        description:
            "For a `rediss…://` quota store: the CA certificate(s) to trust, as PEM text or the path of a PEM file, instead " +
            "of Node's default CAs (for a managed Redis, the CA its console offers for download). Default: Node's CAs.",
    },
    {
        name: "operationTimeout",
        configKeys: ["alicloud-live:operationTimeout"],
        envVars: ["ALICLOUD_LIVE_OPERATION_TIMEOUT"],
        defaultValue: String(DEFAULT_OPERATION_TIMEOUT_SECONDS),
        secret: false,
        description: "Deadline of each operation in seconds, retries and waits included (`customTimeouts` do not reach dynamic providers).",
    },
    {
        name: "quotaHeadroom",
        configKeys: ["alicloud-live:quotaHeadroom"],
        envVars: ["ALICLOUD_LIVE_QUOTA_HEADROOM"],
        defaultValue: "0",
        secret: false,
        description: "Fraction (0 to 0.9) of the quota left for other users of the account; the provider paces itself to the rest.",
    },
    {
        name: "writeQps",
        configKeys: ["alicloud-live:writeQps"],
        envVars: ["ALICLOUD_LIVE_WRITE_QPS"],
        defaultValue: String(DOCUMENTED_WRITE_QPS),
        secret: false,
        description:
            "Calls per second allowed for each write action of `LiveRecordNotifyConfig` (Add, Update, Delete); raise it for accounts with " +
            "a raised quota. The other resources' actions are raised with `actionQps`.",
    },
    {
        name: "readQps",
        configKeys: ["alicloud-live:readQps"],
        envVars: ["ALICLOUD_LIVE_READ_QPS"],
        defaultValue: String(DOCUMENTED_READ_QPS),
        secret: false,
        description: "Calls per second allowed for `DescribeLiveRecordNotifyConfig`.",
    },
    {
        name: "actionQps",
        configKeys: ["alicloud-live:actionQps"],
        envVars: ["ALICLOUD_LIVE_ACTION_QPS"],
        secret: false,
        description:
            'Raised quotas of single actions, as a JSON object of action names and calls per second, such as `{"SetLiveStreamsNotifyUrlConfig": 30}`. ' +
            "Each action named is paced to that rate instead of its documented quota (every action and its quota: docs/throttling.md); " +
            "for the `LiveRecordNotifyConfig` actions it wins over `writeQps` and `readQps`. Default: each action's documented quota.",
    },
    {
        name: "signatureVersion",
        configKeys: ["alicloud-live:signatureVersion"],
        envVars: ["ALICLOUD_LIVE_SIGNATURE_VERSION"],
        defaultValue: "v3",
        secret: false,
        description: "`v3` (ACS3-HMAC-SHA256) or `v2` (the legacy RPC HMAC-SHA1 signature).",
    },
    {
        name: "skipCredentialsValidation",
        configKeys: ["alicloud-live:skipCredentialsValidation"],
        envVars: ["ALICLOUD_LIVE_SKIP_CREDENTIALS_VALIDATION"],
        defaultValue: "false",
        secret: false,
        description:
            "`true` skips the check made when the provider is configured (once per process, so at `pulumi preview`): that " +
            "credentials are found, that the endpoint resolves and accepts connections, and that STS `GetCallerIdentity` " +
            "accepts the keys. For previews without credentials or network: configuring then calls nothing (account discovery " +
            "waits for the first API call), and the first API call tells instead.",
    },
];

export function settingSpec(name: SettingName): SettingSpec {
    const spec = SETTINGS.find((s) => s.name === name);
    if (!spec) throw new Error(`no setting named ${name}`);
    return spec;
}

/** Markers around the generated table in docs/configuration.md, so a test can check the two agree. */
export const SETTINGS_TABLE_START = "<!-- settings-table:start -->";
export const SETTINGS_TABLE_END = "<!-- settings-table:end -->";

/** The configuration table of docs/configuration.md, generated from `SETTINGS`. */
export function renderSettingsTable(settings: readonly SettingSpec[] = SETTINGS): string {
    const code = (items: readonly string[]) => (items.length ? items.map((i) => `\`${i}\``).join(", ") : "-");
    const rows = settings.map((s) =>
        [code(s.configKeys), code(s.envVars), s.defaultValue === undefined ? "-" : `\`${s.defaultValue}\``, s.secret ? "yes" : "no", s.description]
            .map((cell) => cell.replace(/\|/g, "\\|"))
            .join(" | "),
    );
    return [
        "| Pulumi config | Environment variables | Default | Secret | Description |",
        "|---|---|---|---|---|",
        ...rows.map((row) => `| ${row} |`),
    ].join("\n");
}
