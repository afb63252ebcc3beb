/**
 * Calls through the official core (`@alicloud/openapi-core`), exactly as the generated Live SDK
 * does: the client real users send requests with.
 */
import Client, * as core from "@alicloud/openapi-core";
import { RuntimeOptions } from "@darabonba/typescript";

export interface Credentials {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly securityToken?: string;
}

export interface CoreCallOptions {
    readonly signatureAlgorithm?: "v2";
    readonly version?: string;
    readonly readTimeout?: number;
}

export type CoreResult =
    | { readonly ok: true; readonly statusCode: number; readonly body: Record<string, any>; readonly headers: Record<string, string> }
    | {
          readonly ok: false;
          readonly name: string;
          readonly code: string;
          readonly statusCode?: number;
          readonly requestId?: string;
          readonly retryAfter?: number;
          readonly data?: Record<string, any>;
          readonly message: string;
      };

export async function coreCall(
    endpoint: string,
    credentials: Credentials,
    action: string,
    query: Record<string, string | number | boolean | undefined>,
    options: CoreCallOptions = {},
): Promise<CoreResult> {
    const client = new Client(
        new core.$OpenApiUtil.Config({
            accessKeyId: credentials.accessKeyId,
            accessKeySecret: credentials.accessKeySecret,
            ...(credentials.securityToken !== undefined ? { securityToken: credentials.securityToken } : {}),
            endpoint,
            protocol: "http",
            ...(options.signatureAlgorithm ? { signatureAlgorithm: options.signatureAlgorithm } : {}),
        }),
    );
    const params = new core.$OpenApiUtil.Params({
        action,
        version: options.version ?? "2016-11-01",
        protocol: "HTTPS",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
    });
    const request = new core.$OpenApiUtil.OpenApiRequest({ query: core.OpenApiUtil.query(query) });
    try {
        const response = await client.callApi(
            params,
            request,
            new RuntimeOptions(options.readTimeout !== undefined ? { readTimeout: options.readTimeout } : {}),
        );
        return { ok: true, statusCode: response.statusCode, body: response.body, headers: response.headers };
    } catch (error) {
        const e = error as Record<string, any>;
        return {
            ok: false,
            name: String(e["name"]),
            code: String(e["code"]),
            statusCode: e["statusCode"],
            requestId: e["requestId"],
            retryAfter: e["retryAfter"],
            data: e["data"],
            message: String(e["message"]),
        };
    }
}

/** The `code` of a failed call, or "OK". */
export function outcomeOf(result: CoreResult): string {
    return result.ok ? "OK" : result.code;
}
