/**
 * `RetryingLiveApi`: the four recording-callback actions with pacing, retries and settling of
 * ambiguous writes (retry/retrying-api.ts), typed for programs; the retrying layer the provider puts
 * over every resource's client, here over any `LiveRecordNotifyApi` (a `LiveClient`, or a stand-in).
 */
import { actionsOf } from "../resource/definition";
import { retryTarget } from "../resource/retry-target";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import { RetryingConfigApi, type RetryTarget } from "../retry/retrying-api";
import type { ActionQuota, RetryingLiveApiOptions } from "../retry/retrying-options";
import type { DomainRequest, LiveRecordNotifyApi, RecordNotifyConfig } from "./types";

/** The four actions with the quotas they are paced to (`quota.writeQps`/`readQps` raise them). */
export const RECORD_NOTIFY_ACTIONS: readonly ActionQuota[] = actionsOf(LIVE_RECORD_NOTIFY_CONFIG.binding);

const TARGET = retryTarget(LIVE_RECORD_NOTIFY_CONFIG) as unknown as RetryTarget<RecordNotifyConfig, DomainRequest>;

export class RetryingLiveApi extends RetryingConfigApi<RecordNotifyConfig, DomainRequest> implements LiveRecordNotifyApi {
    constructor(inner: LiveRecordNotifyApi, options: RetryingLiveApiOptions) {
        super(inner, TARGET, options);
    }
}
