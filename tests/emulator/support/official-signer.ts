/**
 * Builds signed requests by hand for cases the core never produces (odd timestamps, unsigned
 * headers, form bodies, GET), signing with the core's own published signer functions
 * (`OpenApiUtil.getAuthorization`, `OpenApiUtil.getRPCSignature`), not with the emulator's code.
 */
import { createHash, randomBytes } from "node:crypto";
import { OpenApiUtil } from "@alicloud/openapi-core";
import type { RawRequest } from "./raw-http";

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const form = (params: Record<string, string>): string => new URLSearchParams(params).toString();

export interface V3Input {
    readonly endpoint: string;
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly action: string;
    readonly query?: Record<string, string>;
    /** Sent as an x-www-form-urlencoded body (signed through its hash and the content-type). */
    readonly formBody?: Record<string, string>;
    readonly date?: string;
    readonly nonce?: string;
    readonly version?: string;
    /** Extra headers to sign (x-acs-* are signed by the core's rule). */
    readonly extraHeaders?: Record<string, string>;
    readonly method?: string;
}

export function signedV3(input: V3Input): RawRequest {
    const method = input.method ?? "POST";
    const body = input.formBody ? form(input.formBody) : "";
    const headers: Record<string, string> = {
        host: input.endpoint,
        "x-acs-action": input.action,
        "x-acs-version": input.version ?? "2016-11-01",
        "x-acs-date": input.date ?? isoSeconds(Date.now()),
        "x-acs-signature-nonce": input.nonce ?? randomBytes(16).toString("hex"),
        "x-acs-content-sha256": createHash("sha256").update(body).digest("hex"),
        ...(input.formBody ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...input.extraHeaders,
    };
    const query = input.query ?? {};
    const authorization = OpenApiUtil.getAuthorization(
        { pathname: "/", method, query, headers } as any,
        "ACS3-HMAC-SHA256",
        headers["x-acs-content-sha256"],
        input.accessKeyId,
        input.accessKeySecret,
    );
    const qs = form(query);
    return { method, url: qs ? `/?${qs}` : "/", headers: { ...headers, authorization }, body };
}

export interface V2Input {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly action: string;
    readonly params?: Record<string, string>;
    readonly method?: "GET" | "POST";
    /** POST only: send the parameters as a form body instead of the query. */
    readonly inBody?: boolean;
    readonly timestamp?: string;
    readonly nonce?: string;
    readonly securityToken?: string;
    /** Override the common parameters (e.g. SignatureVersion). */
    readonly overrides?: Record<string, string>;
}

export function signedV2(input: V2Input): RawRequest {
    const method = input.method ?? "POST";
    const params: Record<string, string> = {
        Action: input.action,
        Format: "json",
        Version: "2016-11-01",
        Timestamp: input.timestamp ?? isoSeconds(Date.now()),
        SignatureNonce: input.nonce ?? randomBytes(16).toString("hex"),
        SignatureMethod: "HMAC-SHA1",
        SignatureVersion: "1.0",
        AccessKeyId: input.accessKeyId,
        ...(input.securityToken !== undefined ? { SecurityToken: input.securityToken } : {}),
        ...input.params,
        ...input.overrides,
    };
    params["Signature"] = OpenApiUtil.getRPCSignature(params, method, input.accessKeySecret);
    if (method === "POST" && input.inBody) {
        return { method, url: "/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form(params) };
    }
    return { method, url: `/?${form(params)}`, headers: {} };
}
