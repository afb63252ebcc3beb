/**
 * STS `GetCallerIdentity`: which Alibaba Cloud account a key belongs to. The quota is the account's,
 * so this is what lets keys of one account share one rate limiter. The call needs no RAM
 * permission, is signed like every call (same credentials, same signer, same transport rules as the
 * Live endpoint) and knows nothing of Pulumi.
 */
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { createCore, rpcParams, type LiveClientOptions } from "./rpc";

export const STS_API_VERSION = "2015-04-01";
export const DEFAULT_STS_ENDPOINT = "sts.aliyuncs.com";

/** What the account discovery needs of the answer. */
export interface CallerIdentity {
    readonly accountId: string;
    readonly identityType?: string;
    readonly arn?: string;
}

/** Account ids are digits; anything else in the answer is refused rather than used as a key. */
const ACCOUNT_ID = /^[0-9]{1,32}$/;

/** A failed GetCallerIdentity, described by code and status only: nothing of the request or the keys. */
class AccountDiscoveryError extends Error {
    override readonly name = "AccountDiscoveryError";
}

export interface CallerIdentityApi {
    getCallerIdentity(): Promise<CallerIdentity>;
}

export class StsClient implements CallerIdentityApi {
    readonly #call: () => Promise<unknown>;

    /** `options.endpoint`: the STS endpoint (default `sts.aliyuncs.com`). */
    constructor(options: LiveClientOptions) {
        const { core, runtime } = createCore({ ...options, endpoint: options.endpoint ?? DEFAULT_STS_ENDPOINT });
        const params = rpcParams("GetCallerIdentity", STS_API_VERSION);
        this.#call = () => core.callApi(params, new $OpenApiUtil.OpenApiRequest({}), runtime);
    }

    async getCallerIdentity(): Promise<CallerIdentity> {
        let response: { body?: Record<string, unknown> };
        try {
            response = (await this.#call()) as { body?: Record<string, unknown> };
        } catch (error) {
            throw new AccountDiscoveryError(`GetCallerIdentity failed: ${describeFailure(error)}`);
        }
        return callerIdentityOf(response?.body);
    }
}

/** The identity in a GetCallerIdentity body. Pure. */
function callerIdentityOf(body: unknown): CallerIdentity {
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const accountId = b.AccountId;
    if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
        throw new AccountDiscoveryError("GetCallerIdentity answered without a numeric AccountId");
    }
    return {
        accountId,
        ...(typeof b.IdentityType === "string" ? { identityType: b.IdentityType } : {}),
        ...(typeof b.Arn === "string" ? { arn: b.Arn } : {}),
    };
}

/** Code and HTTP status of a core or network error; never its message, which may quote the request. */
function describeFailure(error: unknown): string {
    const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    const parts: string[] = [];
    if (typeof e.code === "string" && /^[A-Za-z0-9._-]{1,80}$/.test(e.code)) parts.push(e.code);
    if (typeof e.statusCode === "number") parts.push(`HTTP ${e.statusCode}`);
    return parts.length > 0 ? parts.join(", ") : "no answer";
}
