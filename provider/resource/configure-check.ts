/**
 * The check made when the provider is configured, once per process and settings, so that a broken
 * set-up fails `pulumi preview` in seconds with one message instead of every resource's `up` minutes
 * later: the credentials are resolved, the Live endpoint must resolve and accept a connection, and STS
 * `GetCallerIdentity` (the same call account discovery makes, made once for both: account.ts) must
 * accept the keys. What the findings mean is decided by configure-verdict.ts; this file gathers them.
 *
 * Off with `skipCredentialsValidation`. A local emulator (a loopback endpoint) with no STS endpoint set
 * is not sent to the public STS: its credentials are resolved and its endpoint probed, nothing more.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { defaultCredential, NoCredentialsError, type CredentialSource } from "../api/default-credential";
import { probeEndpoint, type ProbeOutcome } from "../api/endpoint-probe";
import type { CallerIdentityApi } from "../api/sts";
import { discoveryOf, stsSkipped } from "./account";
import { verdictOf, type Verdict } from "./configure-verdict";
import { CLI_CONFIG_FILE, DEFAULT_CREDENTIALS_FILE, noCredentialsMessage, type CredentialPlaces } from "./no-credentials";
import { sayOnce } from "./said-once";
import type { Settings } from "./settings";

export interface ConfigureCheckDeps {
    /** Where the warning of an undecided check goes (once per process). */
    readonly notice: (message: string) => void;
    /** Default: the signed STS client account discovery uses. */
    readonly stsFor?: (settings: Settings) => CallerIdentityApi;
    /** Default: a TCP connection to the endpoint (endpoint-probe.ts). */
    readonly probe?: (endpoint: string) => Promise<ProbeOutcome>;
    /** Default: the process's default credentials chain. */
    readonly credential?: () => CredentialSource;
    /** Default: what the environment and the home folder hold. */
    readonly places?: () => CredentialPlaces;
}

/** A definite failure of the check: its message is the one a person sees. */
export class CredentialsCheckError extends Error {
    override readonly name = "CredentialsCheckError";
}

/** Where the default chain's credentials came from, by its provider's name. */
const CHAIN_SOURCES: Readonly<Record<string, string>> = {
    env: "the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    oidc_role_arn: "the OIDC role",
    cli_profile: `the Alibaba Cloud CLI profile (${CLI_CONFIG_FILE})`,
    profile: "the credentials file",
    ecs_ram_role: "the ECS instance RAM role",
    credential_uri: "the credentials URI",
};

/** The places the default chain looks in, as this process sees them. */
function placesHere(): CredentialPlaces {
    const env = process.env;
    const home = homedir();
    const fileVar = env.ALIBABA_CLOUD_CREDENTIALS_FILE?.trim();
    const credentialsFile = fileVar ? fileVar : DEFAULT_CREDENTIALS_FILE;
    const credentialsPath = fileVar ? fileVar : path.join(home, ".alibabacloud", "credentials");
    return {
        env,
        cliConfigExists: home !== "" && existsSync(path.join(home, ".aliyun", "config.json")),
        credentialsFile,
        credentialsFileExists: existsSync(credentialsPath),
    };
}

/** Checks done in this process, by what they checked (never a secret: its hash). */
const CHECKS_KEY: unique symbol = Symbol.for("pulumi-alicloud-live.configure-checks.v1");

function checks(): Map<string, Promise<Verdict>> {
    const global = globalThis as unknown as Record<symbol, Map<string, Promise<Verdict>> | undefined>;
    let found = global[CHECKS_KEY];
    if (!(found instanceof Map)) {
        found = new Map();
        Object.defineProperty(globalThis, CHECKS_KEY, { value: found, enumerable: false, configurable: false, writable: false });
    }
    return found;
}

function checkKey(settings: Settings): string {
    const keys = settings.credentials;
    const secretHash = keys
        ? createHash("sha256")
              .update(`${keys.accessKeySecret}\u0000${keys.securityToken ?? ""}`)
              .digest("hex")
        : "default-chain";
    return [
        settings.endpoint,
        settings.stsEndpointSet ? settings.stsEndpoint : "",
        settings.signatureVersion,
        keys?.accessKeyId ?? "",
        secretHash,
    ].join("\u0000");
}

async function verdictFor(settings: Settings, deps: ConfigureCheckDeps): Promise<Verdict> {
    let keyId: string;
    let keySource: string;
    if (settings.credentials) {
        keyId = settings.credentials.accessKeyId;
        keySource = settings.credentialsSource ?? "the settings";
    } else {
        let found: Awaited<ReturnType<CredentialSource["getCredential"]>>;
        try {
            found = await (deps.credential ?? defaultCredential)().getCredential();
        } catch (error) {
            if (!(error instanceof NoCredentialsError)) throw error;
            return { ok: false, message: noCredentialsMessage((deps.places ?? placesHere)()) };
        }
        keyId = found.accessKeyId ?? "";
        const provider = found.providerName?.split("/").at(-1) ?? "";
        keySource = CHAIN_SOURCES[provider] ?? "the default credentials chain";
    }
    const [probe, sts] = await Promise.all([
        (deps.probe ?? probeEndpoint)(settings.endpoint),
        stsSkipped(settings) ? undefined : discoveryOf(settings, deps.stsFor).outcome,
    ]);
    const verdict = verdictOf({ settings, keyId, keySource, probe, ...(sts !== undefined ? { sts } : {}) });
    // Told here, with the rest of what could not be checked: account discovery does not tell it again.
    if (sts !== undefined && "error" in sts) discoveryOf(settings, deps.stsFor).said = true;
    return verdict;
}

/**
 * Resolves when the set-up is fine or could not be proven wrong (then warns, once per process);
 * rejects with a `CredentialsCheckError` when it is definitely wrong.
 */
export async function checkAtConfigure(settings: Settings, deps: ConfigureCheckDeps): Promise<void> {
    if (settings.skipCredentialsValidation) return;
    const known = checks();
    const key = checkKey(settings);
    let verdict = known.get(key);
    if (!verdict) {
        verdict = verdictFor(settings, deps);
        known.set(key, verdict);
    }
    const found = await verdict;
    if (!found.ok) throw new CredentialsCheckError(found.message);
    if (found.warning !== undefined) sayOnce(deps.notice, found.warning);
}

/** Forgets every check (tests). */
export function forgetConfigureChecks(): void {
    checks().clear();
}
