/**
 * The message when no credentials are found anywhere: every place that was looked in, in order, what
 * was (not) found there, and exactly what to set for the common cases. Pure: what the files and the
 * environment hold is passed in (configure-check.ts gathers it).
 *
 * Config keys are written as the dynamic provider reads them (`alicloud:accessKey`); the plugin's
 * front door rewrites them to its own namespace, as it does for every settings message.
 */
import { CREDENTIALS_DOC } from "../api/error-message";
import { settingSpec } from "./settings-table";
import type { Environment } from "./settings";

/** What the places the default chain looks in hold, as seen from the provider's process. */
export interface CredentialPlaces {
    /** The environment the default chain reads (the provider process's own). */
    readonly env: Environment;
    /** The Alibaba Cloud CLI's `~/.aliyun/config.json` exists. */
    readonly cliConfigExists: boolean;
    /** The credentials file looked for: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`. */
    readonly credentialsFile: string;
    readonly credentialsFileExists: boolean;
}

/** The default credentials file, as people write it. */
export const DEFAULT_CREDENTIALS_FILE = "~/.alibabacloud/credentials";
export const CLI_CONFIG_FILE = "~/.aliyun/config.json";

const OIDC_VARS = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"] as const;

const isSet = (env: Environment, name: string) => typeof env[name] === "string" && env[name].trim() !== "";
const isTrue = (env: Environment, name: string) => env[name]?.trim().toLowerCase() === "true";
const list = (names: readonly string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/** Each place, and what was found there. */
function places(seen: CredentialPlaces): string[] {
    const { env } = seen;
    const [idKey] = settingSpec("accessKeyId").configKeys;
    const [secretKey] = settingSpec("accessKeySecret").configKeys;
    const [idVar, legacyIdVar] = settingSpec("accessKeyId").envVars;
    const [secretVar, legacySecretVar] = settingSpec("accessKeySecret").envVars;

    const oidcSet = OIDC_VARS.filter((v) => isSet(env, v));
    const oidc =
        oidcSet.length === 0
            ? "not set"
            : oidcSet.length < OIDC_VARS.length
              ? `incomplete: ${list(OIDC_VARS.filter((v) => !isSet(env, v)))} not set`
              : "set, but the role could not be assumed";

    const profile = isSet(env, "ALIBABA_CLOUD_PROFILE") ? `profile ${env.ALIBABA_CLOUD_PROFILE!.trim()}` : "its current profile";
    const cli = isTrue(env, "ALIBABA_CLOUD_CLI_PROFILE_DISABLED")
        ? "turned off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED"
        : seen.cliConfigExists
          ? `present, but ${profile} gave no credentials`
          : "no such file";

    const fileProfile = isSet(env, "ALIBABA_CLOUD_PROFILE") ? `profile ${env.ALIBABA_CLOUD_PROFILE!.trim()}` : "profile default";
    const file = seen.credentialsFileExists ? `present, but ${fileProfile} gave no credentials` : "no such file";

    const role = isSet(env, "ALIBABA_CLOUD_ECS_METADATA") ? `role ${env.ALIBABA_CLOUD_ECS_METADATA!.trim()}` : "the instance's role";
    const ecs = isTrue(env, "ALIBABA_CLOUD_ECS_METADATA_DISABLED")
        ? "turned off by ALIBABA_CLOUD_ECS_METADATA_DISABLED"
        : `no credentials for ${role} from the instance metadata service: not an ECS instance, or no RAM role attached`;

    const uri = isSet(env, "ALIBABA_CLOUD_CREDENTIALS_URI") ? "set, but gave no credentials" : "not set";

    return [
        `stack config ${idKey} and ${secretKey} (not set)`,
        `the environment variables ${idVar} and ${secretVar}, or ${legacyIdVar} and ${legacySecretVar} (not set)`,
        `an OIDC role, ${list(OIDC_VARS)} (${oidc})`,
        `the Alibaba Cloud CLI's ${CLI_CONFIG_FILE} (${cli})`,
        `the credentials file ${seen.credentialsFile} (${file})`,
        `the ECS instance RAM role (${ecs})`,
        `a credentials URI, ALIBABA_CLOUD_CREDENTIALS_URI (${uri})`,
    ];
}

/** The one message for "no credentials anywhere". Pure. */
export function noCredentialsMessage(seen: CredentialPlaces): string {
    const [idKey] = settingSpec("accessKeyId").configKeys;
    const [secretKey] = settingSpec("accessKeySecret").configKeys;
    const [idVar] = settingSpec("accessKeyId").envVars;
    const [secretVar] = settingSpec("accessKeySecret").envVars;
    const [skipKey] = settingSpec("skipCredentialsValidation").configKeys;
    return (
        `No Alibaba Cloud credentials were found. Looked in, in order: ${places(seen).join("; ")}. ` +
        `Set the keys of a RAM user in the environment (${idVar} and ${secretVar}) or in the stack ` +
        `(\`pulumi config set ${idKey} <id>\` and \`pulumi config set --secret ${secretKey} <secret>\`); ` +
        `in CI, prefer an OIDC role (${CREDENTIALS_DOC}). To preview without credentials, set ${skipKey} to true.`
    );
}
