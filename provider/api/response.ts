/** Reads the service's JSON answers into typed results. Pure. */
import { authKeyView } from "./auth-key-view";
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
    const view = authKeyView(c.NotifyAuthKey);
    if (view.kind === "clear" && view.key !== undefined) config.notifyAuthKey = view.key;
    return { ...apiResult(body), config, authKeyView: view };
}

/**
 * A Describe answer without a config: a service may answer 200 with an empty (or URL-less)
 * `LiveRecordNotifyConfig` instead of 404 InvalidConfig.NotFound. NotifyUrl is required, so a
 * config without one is no config.
 */
export function isEmptyDescribe(body: Body): boolean {
    const raw = body?.LiveRecordNotifyConfig;
    return typeof raw !== "object" || raw === null || stringField(raw as Record<string, unknown>, "NotifyUrl") === undefined;
}

function stringField(obj: Body, name: string): string | undefined {
    const v = obj?.[name];
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** The SDK types these as booleans; its Describe model's comment lists "yes"/"no", older documents "true"/"false" strings. */
function booleanField(value: unknown): boolean {
    if (typeof value === "boolean") return value;
    if (typeof value === "string") return ["true", "yes", "on", "1"].includes(value.trim().toLowerCase());
    return false;
}
