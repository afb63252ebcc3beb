/**
 * STS `GetCallerIdentity`: which Alibaba Cloud account a key belongs to. The quota is the account's,
 * so this is what lets keys of one account share one rate limiter. The call needs no RAM
 * permission, is signed like every call (same credentials, same signer, same transport rules as the
 * Live endpoint) and knows nothing of Pulumi.
 */
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { classify, errorFacts } from "./classify";
import { createCore, rpcParams, type LiveClientOptions } from "./rpc";
import { parseEndpoint } from "./endpoint";
import type { ErrorKind } from "./error-kind";
import { serviceWords } from "./errors";

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

/**
 * A failed GetCallerIdentity: what failed, classified like every other call (`kind`), with the
 * service's code and words (or Node's, for a network failure) and where the call went; nothing of
 * the request or the keys.
 */
export class AccountDiscoveryError extends Error {
    override readonly name = "AccountDiscoveryError";
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly statusCode?: number;
    readonly requestId?: string;
    /** The service's (or Node's) words. */
    readonly serviceMessage: string;
    /** `host[:port]` of the STS endpoint. */
    readonly host: string;

    constructor(init: { kind: ErrorKind; code?: string; statusCode?: number; requestId?: string; serviceMessage: string; host: string }) {
        const detail = [init.code, init.statusCode !== undefined ? `HTTP ${init.statusCode}` : undefined].filter(Boolean).join(", ");
        super(`GetCallerIdentity at ${init.host} failed${detail ? ` (${detail})` : ""}: ${init.serviceMessage}`);
        this.kind = init.kind;
        if (init.code !== undefined) this.code = init.code;
        if (init.statusCode !== undefined) this.statusCode = init.statusCode;
        if (init.requestId !== undefined) this.requestId = init.requestId;
        this.serviceMessage = init.serviceMessage;
        this.host = init.host;
    }
}

export interface CallerIdentityApi {
    getCallerIdentity(): Promise<CallerIdentity>;
}

export class StsClient implements CallerIdentityApi {
    readonly #call: () => Promise<unknown>;
    readonly #host: string;

    /** `options.endpoint`: the STS endpoint (default `sts.aliyuncs.com`). */
    constructor(options: LiveClientOptions) {
        const endpoint = options.endpoint ?? DEFAULT_STS_ENDPOINT;
        const { core, runtime } = createCore({ ...options, endpoint });
        const params = rpcParams("GetCallerIdentity", STS_API_VERSION);
        this.#call = () => core.callApi(params, new $OpenApiUtil.OpenApiRequest({}), runtime);
        this.#host = parseEndpoint(endpoint).host;
    }

    async getCallerIdentity(): Promise<CallerIdentity> {
        let response: { body?: Record<string, unknown> };
        try {
            response = (await this.#call()) as { body?: Record<string, unknown> };
        } catch (error) {
            throw discoveryError(error, this.#host);
        }
        return callerIdentityOf(response?.body, this.#host);
    }
}

/** A thrown core or network error as an AccountDiscoveryError. Pure. */
function discoveryError(error: unknown, host: string): AccountDiscoveryError {
    const facts = errorFacts(error);
    const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    const data = (typeof e.data === "object" && e.data !== null ? e.data : {}) as Record<string, unknown>;
    const requestId = [data.RequestId, e.requestId].find((v): v is string => typeof v === "string" && v !== "" && v !== "undefined");
    const code = facts.code !== undefined && /^[A-Za-z0-9._-]{1,80}$/.test(facts.code) ? facts.code : undefined;
    return new AccountDiscoveryError({
        kind: classify(facts),
        ...(code !== undefined ? { code } : {}),
        ...(facts.statusCode !== undefined ? { statusCode: facts.statusCode } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
        serviceMessage: serviceWords(error),
        host,
    });
}

/** The identity in a GetCallerIdentity body. Pure. */
function callerIdentityOf(body: unknown, host: string): CallerIdentity {
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const accountId = b.AccountId;
    if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
        throw new AccountDiscoveryError({ kind: "unknown", serviceMessage: "the answer holds no numeric AccountId", host });
    }
    return {
        accountId,
        ...(typeof b.IdentityType === "string" ? { identityType: b.IdentityType } : {}),
        ...(typeof b.Arn === "string" ? { arn: b.Arn } : {}),
    };
}
