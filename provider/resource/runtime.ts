/**
 * Builds the API the provider calls from resolved settings: the signed client wrapped in the retrying,
 * rate-limited layer. The one place that knows both constructors' options.
 */
import Credential from "@alicloud/credentials";
import { LiveClient } from "../api/client";
import { parseEndpoint } from "../api/endpoint";
import type { LiveRecordNotifyApi } from "../api/types";
import { RetryingLiveApi } from "../retry/retrying-api";
import type { Settings } from "./settings";

/**
 * Which rate limiter a call draws from. The quota belongs to the Alibaba account, which the provider
 * cannot see: a configured account id is the truth; otherwise each endpoint and key is assumed to be
 * its own account (keys of one account then over-spend together until throttles slow them down).
 */
export function accountKeyFor(settings: Settings): string {
    if (settings.accountId) return settings.accountId;
    const { host } = parseEndpoint(settings.endpoint);
    return `${host}/${settings.credentials ? settings.credentials.accessKeyId : "default-chain"}`;
}

export function buildApi(settings: Settings): LiveRecordNotifyApi {
    const client = new LiveClient({
        endpoint: settings.endpoint,
        credentials: settings.credentials,
        // The default chain (env, OIDC role, CLI profile, credentials file, ECS RAM role, credentials URI)
        // resolves lazily, on the first call, inside the provider process.
        credential: settings.credentials ? undefined : new Credential(),
        signatureVersion: settings.signatureVersion,
        regionId: settings.regionId,
    });
    return new RetryingLiveApi(client, {
        accountKey: accountKeyFor(settings),
        operationTimeoutMs: settings.operationTimeoutMs,
        quota: { writeQps: settings.writeQps, readQps: settings.readQps },
        quotaHeadroom: settings.quotaHeadroom,
    });
}
