/**
 * What the configure-time check found, as a verdict: fine; fine but not proven (one warning, and the
 * first API call decides); or a definite failure with the one message a person sees at `pulumi preview`.
 * Pure: configure-check.ts gathers the facts.
 *
 * Definite: the endpoint's name does not resolve or its port refuses connections, or STS refused the
 * keys (unknown key id, wrong secret, expired token, a clock far off). Not definite: STS could not be
 * reached or failed (the Live endpoint may still work, e.g. a VPC endpoint on a runner without
 * internet), a timeout, a resolver that did not answer.
 */
import { adviceFor } from "../api/error-message";
import { DEFAULT_ENDPOINT } from "../api/endpoint";
import { UNREACHABLE_NETWORK_CODES } from "../api/error-kind";
import type { ProbeOutcome } from "../api/endpoint-probe";
import type { AccountDiscoveryError } from "../api/sts";
import type { DiscoveryOutcome } from "./account";
import { settingSpec } from "./settings-table";
import type { Settings } from "./settings";

export interface CheckFacts {
    readonly settings: Pick<Settings, "endpoint" | "endpointSource" | "accountId">;
    /** The AccessKey ID that was checked (never the secret), and where it came from. */
    readonly keyId: string;
    readonly keySource: string;
    /** Whether the Live endpoint accepted a connection. */
    readonly probe: ProbeOutcome;
    /** What STS GetCallerIdentity answered; absent when it was not asked (a local emulator with no STS endpoint). */
    readonly sts?: DiscoveryOutcome;
}

export type Verdict =
    | { readonly ok: true; readonly warning?: string }
    /** A definite failure: `message` is what the person sees. */
    | { readonly ok: false; readonly message: string };

const skipHint = () => `To preview without credentials or network, set ${settingSpec("skipCredentialsValidation").configKeys[0]} to true.`;

/** Which setting chose the endpoint, as a person reads it. */
function endpointOrigin(settings: CheckFacts["settings"]): string {
    const spec = settingSpec("endpoint");
    if (settings.endpointSource === "the default endpoint") {
        return `It is the default endpoint (none of ${[...spec.configKeys, ...spec.envVars].join(", ")} is set)`;
    }
    return `It was set by ${settings.endpointSource} (the default is ${DEFAULT_ENDPOINT})`;
}

/** The Live endpoint cannot be reached at all. */
function unreachableMessage(facts: CheckFacts, probe: Extract<ProbeOutcome, { reachable: false }>): string {
    const what =
        probe.code === "ENOTFOUND"
            ? `does not resolve: this machine's DNS knows no host ${probe.host.replace(/:\d+$/, "")}`
            : `refuses connections: nothing accepts them at ${probe.host}`;
    const todo =
        probe.code === "ENOTFOUND"
            ? "check it for a typo or another region's host, or set an endpoint this machine can resolve"
            : "check its host and port (for a local emulator, that it is running)";
    return `The ApsaraVideo Live endpoint ${facts.settings.endpoint} ${what} (${probe.code}: ${probe.words}). ${endpointOrigin(facts.settings)}: ${todo}. ${skipHint()}`;
}

/** STS refused the keys. */
function refusedMessage(facts: CheckFacts, error: AccountDiscoveryError): string {
    const answer = [error.code, error.statusCode !== undefined ? `(HTTP ${error.statusCode})` : undefined].filter(Boolean).join(" ");
    const advice = adviceFor({
        kind: error.kind,
        serviceMessage: error.serviceMessage,
        ...(error.code !== undefined ? { code: error.code } : {}),
        ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
    });
    return (
        `Checking the Alibaba Cloud credentials failed: STS GetCallerIdentity at ${error.host} answered ${answer ? `${answer}: ` : ""}${error.serviceMessage} ` +
        `The AccessKey ID is ${facts.keyId} (from ${facts.keySource}). ${advice}${error.requestId ? ` RequestId: ${error.requestId}.` : ""}`
    );
}

/** Why a check that could not decide is a warning and not an error. */
function undecided(what: string): string {
    return `could not check the credentials and endpoint at configure time (${what}); going on, and the first API call will tell.`;
}

/** The verdict on the facts. Pure. */
export function verdictOf(facts: CheckFacts): Verdict {
    const { probe, sts } = facts;
    if (!probe.reachable && UNREACHABLE_NETWORK_CODES.has(probe.code)) return { ok: false, message: unreachableMessage(facts, probe) };
    if (sts !== undefined && "error" in sts) {
        const error = sts.error as Partial<AccountDiscoveryError>;
        if ((error.kind === "authentication" || error.kind === "no-credentials") && error.host !== undefined && error.serviceMessage !== undefined) {
            return { ok: false, message: refusedMessage(facts, error as AccountDiscoveryError) };
        }
    }
    const doubts: string[] = [];
    if (!probe.reachable) doubts.push(`the endpoint ${probe.host} did not accept a connection: ${probe.code}, ${probe.words}`);
    if (sts !== undefined && "error" in sts) {
        const message = sts.error instanceof Error ? sts.error.message : String(sts.error);
        const pacing = facts.settings.accountId
            ? ""
            : `; the keys are paced as an account of their own, set ${settingSpec("accountId").configKeys[0]} to share the account's quota`;
        doubts.push(`${message}${pacing}`);
    }
    return doubts.length === 0 ? { ok: true } : { ok: true, warning: undecided(doubts.join("; ")) };
}
