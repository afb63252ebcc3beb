/** Reads values out of the service's JSON answers, whatever the action. Pure. */
import type { ResponseBody } from "./rpc";
import type { ApiResult } from "./types";

export function apiResult(body: ResponseBody): ApiResult {
    return { requestId: stringField(body, "RequestId") ?? "" };
}

/** A non-empty string field, or `undefined`. */
export function stringField(obj: ResponseBody, name: string): string | undefined {
    const v = obj?.[name];
    return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * A flag, however the answer writes it: a JSON boolean, or a string ("true"/"false" in older documents,
 * "yes"/"no" where the API pages and the SDKs' Describe models list those). Anything else is `false`.
 */
export function booleanField(value: unknown): boolean {
    if (typeof value === "boolean") return value;
    if (typeof value === "string") return ["true", "yes", "on", "1"].includes(value.trim().toLowerCase());
    return false;
}

/** A whole number, written as a JSON number or a numeric string; `undefined` otherwise. */
export function integerField(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}
