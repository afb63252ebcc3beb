/**
 * Business parameters of each call, as the official SDK (`@alicloud/live20161101`) builds them: PascalCase
 * names, only fields that are set. The client passes them through `OpenApiUtil.query`, which turns booleans
 * into "true"/"false" exactly as the SDK does. Pure.
 */
import type { DomainRequest, RecordNotifyConfig } from "./types";

export type QueryParams = Record<string, string | boolean>;

const CONFIG_PARAMS = [
    ["domainName", "DomainName"],
    ["notifyUrl", "NotifyUrl"],
    ["onDemandUrl", "OnDemandUrl"],
    ["needStatusNotify", "NeedStatusNotify"],
    ["notifyReqAuth", "NotifyReqAuth"],
    ["notifyAuthKey", "NotifyAuthKey"],
] as const satisfies ReadonlyArray<readonly [keyof RecordNotifyConfig, string]>;

/** Parameters of Add and Update. */
export function configParams(request: RecordNotifyConfig): QueryParams {
    const query: QueryParams = {};
    for (const [field, param] of CONFIG_PARAMS) {
        const value = request[field];
        if (value !== undefined && value !== null) query[param] = value;
    }
    return query;
}

/** Parameters of Describe and Delete. */
export function domainParams(request: DomainRequest): QueryParams {
    return { DomainName: request.domainName };
}
