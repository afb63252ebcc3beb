/**
 * `LiveClient`: the typed client of the four recording-callback actions, for programs (one signed call
 * per method, no retries; `RetryingLiveApi` adds those). It is `LiveRecordNotifyConfig`'s plain client,
 * the same the provider uses (resource/config-client.ts), with its configuration typed. Knows nothing
 * of Pulumi.
 */
import { RpcClient, type LiveClientOptions } from "../api/rpc";
import type { Bag, ConfigApi } from "../api/types";
import { ConfigClient } from "../resource/config-client";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import type { ApiResult, DescribeResult, DomainRequest, LiveRecordNotifyApi, RecordNotifyConfig } from "./types";

export type { LiveClientOptions, StaticCredentials } from "../api/rpc";

export class LiveClient implements LiveRecordNotifyApi {
    readonly #api: ConfigApi<Bag, Bag>;

    constructor(options: LiveClientOptions) {
        this.#api = new ConfigClient(LIVE_RECORD_NOTIFY_CONFIG, new RpcClient(options));
    }

    add(request: RecordNotifyConfig): Promise<ApiResult> {
        return this.#api.add(request);
    }

    update(request: RecordNotifyConfig): Promise<ApiResult> {
        return this.#api.update(request);
    }

    async describe(request: DomainRequest): Promise<DescribeResult> {
        return (await this.#api.describe(request)) as unknown as DescribeResult;
    }

    delete(request: DomainRequest): Promise<ApiResult> {
        return this.#api.delete(request);
    }
}
