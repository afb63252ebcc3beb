/**
 * Which account pays for the calls, so that every key of one account draws from one limiter: the
 * configured `accountId` if set, else the id STS `GetCallerIdentity` reports for the keys (asked once
 * per process and cached), else today's key per endpoint and AccessKey ID, said once in the log.
 *
 * A loopback Live endpoint (a local emulator) with no STS endpoint configured is not asked about:
 * the public STS cannot know an emulator's keys, and they should not travel there.
 *
 * The configure-time check (configure-check.ts) makes this same call, through `discoveryOf`, so one
 * GetCallerIdentity serves both, and a failure is told once, by whichever reports it first.
 */
import { defaultCredential } from "../api/default-credential";
import { isLoopbackHost, parseEndpoint } from "../api/endpoint";
import { StsClient, type CallerIdentity, type CallerIdentityApi } from "../api/sts";
import type { Settings } from "./settings";

/** The account's id, or the key to pace by when it is unknown. */
export interface AccountKey {
    /** Pacing key of the local limiters. */
    readonly key: string;
    /** The account id, when configured or discovered; shared schedules need it. */
    readonly accountId?: string;
}

export interface AccountDeps {
    /** The STS client for `settings`. Default: a signed `StsClient` with the same credentials. */
    readonly stsFor?: (settings: Settings) => CallerIdentityApi;
    /** Where "said once" messages go. */
    readonly notice: (message: string) => void;
}

/** What GetCallerIdentity answered, or how it failed. */
export type DiscoveryOutcome = { readonly identity: CallerIdentity } | { readonly error: unknown };

/** One discovery: its outcome (never rejects), and whether its failure was told already. */
export interface Discovery {
    readonly outcome: Promise<DiscoveryOutcome>;
    said: boolean;
}

/** Discoveries by STS endpoint and key, process-wide: each `pulumi up` asks once. */
const CACHE_KEY: unique symbol = Symbol.for("pulumi-alicloud-live.account-discoveries.v2");

function cache(): Map<string, Discovery> {
    const global = globalThis as unknown as Record<symbol, Map<string, Discovery> | undefined>;
    let found = global[CACHE_KEY];
    if (!(found instanceof Map)) {
        found = new Map();
        Object.defineProperty(globalThis, CACHE_KEY, { value: found, enumerable: false, configurable: false, writable: false });
    }
    return found;
}

/** Today's key when the account is unknown: one limiter per endpoint and AccessKey ID. */
export function perKeyAccountKey(settings: Settings): string {
    const { host } = parseEndpoint(settings.endpoint);
    return `${host}/${settings.credentials ? settings.credentials.accessKeyId : "default-chain"}`;
}

/**
 * Discovery's connect and read timeouts: the first call of a deployment waits for it, and the
 * fallback (a limiter per key) is only somewhat worse than the answer.
 */
const DISCOVERY_CONNECT_TIMEOUT_MS = 2_000;
const DISCOVERY_READ_TIMEOUT_MS = 3_000;

function defaultStsFor(settings: Settings): CallerIdentityApi {
    return new StsClient({
        connectTimeoutMs: DISCOVERY_CONNECT_TIMEOUT_MS,
        readTimeoutMs: DISCOVERY_READ_TIMEOUT_MS,
        endpoint: settings.stsEndpoint,
        credentials: settings.credentials,
        credential: settings.credentials ? undefined : defaultCredential(),
        signatureVersion: settings.signatureVersion,
        regionId: settings.regionId,
    });
}

/** Whether STS is left alone: a loopback Live endpoint (a local emulator) and no STS endpoint set. Pure. */
export function stsSkipped(settings: Settings): boolean {
    return !settings.stsEndpointSet && isLoopbackHost(new URL(`http://${parseEndpoint(settings.endpoint).host}`).hostname);
}

/** The process's GetCallerIdentity for these settings' STS endpoint and key: asked on first use, then remembered. */
export function discoveryOf(settings: Settings, stsFor: (settings: Settings) => CallerIdentityApi = defaultStsFor): Discovery {
    const id = `${parseEndpoint(settings.stsEndpoint).host}/${perKeyAccountKey(settings)}`;
    const known = cache();
    let discovery = known.get(id);
    if (!discovery) {
        const outcome = Promise.resolve()
            .then(() => stsFor(settings).getCallerIdentity())
            .then(
                (identity): DiscoveryOutcome => ({ identity }),
                (error: unknown): DiscoveryOutcome => ({ error }),
            );
        discovery = { outcome, said: false };
        known.set(id, discovery);
    }
    return discovery;
}

/** Never rejects: a failed discovery falls back to the per-key limiter and says so once. */
export async function resolveAccount(settings: Settings, deps: AccountDeps): Promise<AccountKey> {
    if (settings.accountId) return { key: settings.accountId, accountId: settings.accountId };
    const fallback = perKeyAccountKey(settings);
    if (stsSkipped(settings)) return { key: fallback };
    const discovery = discoveryOf(settings, deps.stsFor);
    const outcome = await discovery.outcome;
    if ("identity" in outcome) return { key: outcome.identity.accountId, accountId: outcome.identity.accountId };
    if (!discovery.said) {
        discovery.said = true;
        deps.notice(accountUnknownNotice(outcome.error));
    }
    return { key: fallback };
}

/** The warning of a failed discovery: why, and what it means for pacing. Pure. */
function accountUnknownNotice(error: unknown): string {
    return (
        `could not learn the Alibaba Cloud account of the configured keys (${error instanceof Error ? error.message : "unknown error"}); ` +
        "pacing them as an account of their own. Set alicloud-live:accountId to share the account's quota with its other keys."
    );
}

/** Forgets every discovery (tests). */
export function forgetDiscoveredAccounts(): void {
    cache().clear();
}
