/**
 * Legacy RPC signatures (HMAC-SHA1, SignatureVersion 1.0), used by `signatureAlgorithm: "v2"`,
 * older SDKs and Terraform. Pure. Reproduces Alibaba's published DescribeRegions example exactly.
 *
 *   StringToSign = METHOD & encode("/") & encode(sorted "encode(k)=encode(v)" joined by "&")
 *   Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
 */
import { createHmac } from "node:crypto";
import { percentEncode, type QueryPair } from "./signature-v3";

export const V2_SIGNATURE_METHOD = "HMAC-SHA1";
export const V2_SIGNATURE_VERSION = "1.0";

function compareCodeUnits(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Every parameter except `Signature` itself, from the query and the form body alike. */
export function stringToSignV2(method: string, params: readonly QueryPair[]): string {
    const canonical = params
        .filter(([name]) => name !== "Signature")
        .sort(([an, av], [bn, bv]) => compareCodeUnits(an, bn) || compareCodeUnits(av, bv))
        .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
        .join("&");
    return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

export function signatureV2(accessKeySecret: string, method: string, params: readonly QueryPair[]): string {
    return createHmac("sha1", `${accessKeySecret}&`).update(stringToSignV2(method, params)).digest("base64");
}
