/**
 * The signed call: one HTTP request per call of an action, no retries (see provider/retry/ for those).
 *
 * Built on `@alicloud/openapi-core`, the core the official `@alicloud/live20161101` SDK is generated on,
 * and calls `callApi` with exactly the parameters that SDK passes. Knows nothing of Pulumi, nor of any
 * one configuration: which action and which parameters are the caller's (a resource's binding).
 */
import OpenApiClient, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import type Credential from "@alicloud/credentials";
import { DEFAULT_ENDPOINT, parseEndpoint } from "./endpoint";
import { toLiveApiError } from "./errors";

export const API_VERSION = "2016-11-01";

/** Connect and read timeouts. The core's own defaults are 5 s and 10 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

export interface StaticCredentials {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly securityToken?: string;
}

export interface LiveClientOptions {
    /** `live.aliyuncs.com` (default), `https://host[:port]`, or `http://` for loopback hosts only. */
    readonly endpoint?: string;
    /** Static keys. When absent, `credential` is used. */
    readonly credentials?: StaticCredentials;
    /** An `@alicloud/credentials` Credential, e.g. the default chain (`new Credential()`). */
    readonly credential?: unknown;
    /** `v3` (ACS3-HMAC-SHA256, default) or `v2` (the legacy RPC HMAC-SHA1 signature). */
    readonly signatureVersion?: "v3" | "v2";
    readonly regionId?: string;
    readonly connectTimeoutMs?: number;
    readonly readTimeoutMs?: number;
}

/** A parameter's value: a scalar, or a list or object that `OpenApiUtil.query` flattens (`RecordFormat.1.Format`). */
export type QueryValue = string | number | boolean | readonly QueryValue[] | { readonly [name: string]: QueryValue };

/** Business parameters as the official SDKs build them: PascalCase names, only the fields that are set. */
export type QueryParams = Readonly<Record<string, QueryValue>>;

/** The answer's JSON body, as the service sent it. */
export type ResponseBody = Readonly<Record<string, unknown>> | undefined;

/** One signed call of an action with its business parameters. */
export interface LiveRpc {
    call(action: string, params: QueryParams): Promise<ResponseBody>;
}

export class RpcClient implements LiveRpc {
    private readonly core: OpenApiClient;
    private readonly runtime: $dara.RuntimeOptions;
    /** `host[:port]` of the endpoint, named in network errors. */
    private readonly host: string;

    constructor(options: LiveClientOptions) {
        ({ core: this.core, runtime: this.runtime } = createCore(options));
        this.host = parseEndpoint(options.endpoint ?? DEFAULT_ENDPOINT).host;
    }

    /**
     * Exactly the official SDK's `callApi` parameters for an RPC action: one method call, one request
     * (the retry layer's limiter slot covers exactly this). The parameters go through
     * `OpenApiUtil.query`, so booleans travel as the SDK sends them, "true"/"false", under every
     * reading of the service (tests/conformance/official-sdk/).
     */
    async call(action: string, query: QueryParams): Promise<ResponseBody> {
        const params = rpcParams(action, API_VERSION);
        const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query({ ...query }) });
        try {
            const response = (await this.core.callApi(params, request, this.runtime)) as { body?: Record<string, unknown> };
            return response.body;
        } catch (error) {
            const domainName = typeof query.DomainName === "string" ? query.DomainName : undefined;
            throw toLiveApiError(error, action, { host: this.host, ...(domainName !== undefined ? { domainName } : {}) });
        }
    }
}

/** The official SDKs' `callApi` parameters of an RPC action (the Live and STS SDKs use the same). */
export function rpcParams(action: string, version: string): $OpenApiUtil.Params {
    return new $OpenApiUtil.Params({
        action,
        version,
        protocol: "HTTPS",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
    });
}

/**
 * The signed openapi-core client and runtime options for `options`: shared by every service this
 * package calls (Live, and STS to learn the account), so all sign and time out alike.
 */
export function createCore(options: LiveClientOptions): { readonly core: OpenApiClient; readonly runtime: $dara.RuntimeOptions } {
    validateOptions(options);
    const endpoint = parseEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
    const core = new OpenApiClient(
        new $OpenApiUtil.Config({
            endpoint: endpoint.host,
            protocol: endpoint.protocol,
            regionId: options.regionId,
            accessKeyId: options.credentials?.accessKeyId,
            accessKeySecret: options.credentials?.accessKeySecret,
            securityToken: options.credentials?.securityToken,
            credential: options.credentials ? undefined : (options.credential as Credential | undefined),
            signatureAlgorithm: options.signatureVersion === "v2" ? "v2" : undefined,
            userAgent: "pulumi-alicloud-live",
        }),
    );
    // No `autoretry`: retrying is the retry layer's job, with fresh signatures per attempt.
    const runtime = new $dara.RuntimeOptions({
        connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        readTimeout: options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    });
    return { core, runtime };
}

function validateOptions(options: LiveClientOptions): void {
    if (typeof options !== "object" || options === null) throw new TypeError("LiveClient options must be an object");
    const c = options.credentials;
    if (c !== undefined) {
        if (typeof c.accessKeyId !== "string" || c.accessKeyId === "") {
            throw new TypeError("credentials.accessKeyId must be a non-empty string");
        }
        if (typeof c.accessKeySecret !== "string" || c.accessKeySecret === "") {
            throw new TypeError("credentials.accessKeySecret must be a non-empty string");
        }
        if (c.securityToken !== undefined && typeof c.securityToken !== "string") {
            throw new TypeError("credentials.securityToken must be a string when set");
        }
    } else if (options.credential === undefined) {
        throw new TypeError("LiveClient needs `credentials` (static keys) or `credential` (an @alicloud/credentials Credential)");
    }
    if (options.signatureVersion !== undefined && options.signatureVersion !== "v3" && options.signatureVersion !== "v2") {
        throw new TypeError(`signatureVersion must be "v3" or "v2", not ${JSON.stringify(options.signatureVersion)}`);
    }
    for (const name of ["connectTimeoutMs", "readTimeoutMs"] as const) {
        const v = options[name];
        if (v !== undefined && (!Number.isInteger(v) || v <= 0)) {
            throw new RangeError(`${name} must be a positive whole number of milliseconds, not ${v}`);
        }
    }
}
