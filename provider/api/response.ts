/** Reads the service's JSON answers into typed results. Pure. */
import type { ApiResult, DescribeResult, RecordNotifyConfig } from "./types";

type Body = Record<string, unknown> | undefined;

export function apiResult(body: Body): ApiResult {
    return { requestId: stringField(body, "RequestId") ?? "" };
}

/** `{RequestId, LiveRecordNotifyConfig:{DomainName, NotifyUrl, OnDemandUrl, NeedStatusNotify, NotifyReqAuth, NotifyAuthKey}}` */
export function describeResult(body: Body, requestedDomain: string): DescribeResult {
    const raw = body?.LiveRecordNotifyConfig;
    const c = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const config: { -readonly [K in keyof RecordNotifyConfig]: RecordNotifyConfig[K] } = {
        domainName: stringField(c, "DomainName") ?? requestedDomain,
        notifyUrl: stringField(c, "NotifyUrl") ?? "",
        needStatusNotify: booleanField(c.NeedStatusNotify),
        notifyReqAuth: booleanField(c.NotifyReqAuth),
    };
    const onDemandUrl = stringField(c, "OnDemandUrl");
    if (onDemandUrl) config.onDemandUrl = onDemandUrl;
    const notifyAuthKey = stringField(c, "NotifyAuthKey");
    if (notifyAuthKey) config.notifyAuthKey = notifyAuthKey;
    return { ...apiResult(body), config };
}

function stringField(obj: Body, name: string): string | undefined {
    const v = obj?.[name];
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** The SDK types these as booleans; older documents show "true"/"false" and "yes"/"no" strings. */
function booleanField(value: unknown): boolean {
    if (typeof value === "boolean") return value;
    if (typeof value === "string") return ["true", "yes", "on", "1"].includes(value.trim().toLowerCase());
    return false;
}
