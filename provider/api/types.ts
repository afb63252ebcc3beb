/**
 * The typed contract of the four ApsaraVideo Live recording-callback actions (API version 2016-11-01).
 *
 * Field names are the camelCase forms of the API's parameters, as the official SDK
 * (`@alicloud/live20161101`) names them. This module knows nothing of Pulumi.
 */

/** The four actions this package calls, by their API names. */
export const ACTIONS = [
    "AddLiveRecordNotifyConfig",
    "UpdateLiveRecordNotifyConfig",
    "DescribeLiveRecordNotifyConfig",
    "DeleteLiveRecordNotifyConfig",
] as const;

export type Action = (typeof ACTIONS)[number];

/** Writes count against the 30 calls/s quota of each write action; Describe against 50 calls/s. */
export const WRITE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
    "AddLiveRecordNotifyConfig",
    "UpdateLiveRecordNotifyConfig",
    "DeleteLiveRecordNotifyConfig",
]);

/** The domain-level recording callback configuration, one per streaming domain. */
export interface RecordNotifyConfig {
    /** The main streaming domain, e.g. `live.example.com`. */
    readonly domainName: string;
    /** Callback URL for recording events and recording task status. `http://` or `https://`. */
    readonly notifyUrl: string;
    /** Callback URL for on-demand recording. `http://` or `https://`. */
    readonly onDemandUrl?: string;
    /** Whether recording task status callbacks are sent. The service defaults to `false`. */
    readonly needStatusNotify?: boolean;
    /** Whether callbacks carry `ALI-LIVE-SIGNATURE` authentication. Requires `notifyAuthKey`. */
    readonly notifyReqAuth?: boolean;
    /** Callback authentication key (the service documents 16-32 letters and digits). A secret. */
    readonly notifyAuthKey?: string;
}

export interface DomainRequest {
    readonly domainName: string;
}

/** Every successful answer carries the service's request id. */
export interface ApiResult {
    readonly requestId: string;
}

/**
 * How Describe showed NotifyAuthKey (undocumented; see auth-key-view.ts): in clear text (`key`, or
 * none), masked, or not at all.
 */
export type AuthKeyView =
    { readonly kind: "clear"; readonly key?: string } | { readonly kind: "masked"; readonly mask: string } | { readonly kind: "absent" };

export interface DescribeResult extends ApiResult {
    /** The configuration as the service stores it; `notifyAuthKey` only when shown in clear text. */
    readonly config: RecordNotifyConfig;
    /** How the key was shown; left out means in clear text, as `config` has it. */
    readonly authKeyView?: AuthKeyView;
}

/**
 * What one call may be given beyond its request: its own deadline and a way to stop it. The retrying
 * client honours both; the plain client, one HTTP request per call, has no waits to cut short.
 */
export interface CallOptions {
    /** This call's budget in milliseconds, retries and waits included, instead of the client's default. */
    readonly timeoutMs?: number;
    /** Aborted: no further attempt is made and a wait in progress ends at once. */
    readonly signal?: AbortSignal;
}

/**
 * The four calls. Implemented by the plain client (one HTTP call per method) and by the
 * retrying client (pacing, backoff, settling of ambiguous writes); the resource uses only this.
 */
export interface LiveRecordNotifyApi {
    add(request: RecordNotifyConfig, options?: CallOptions): Promise<ApiResult>;
    update(request: RecordNotifyConfig, options?: CallOptions): Promise<ApiResult>;
    describe(request: DomainRequest, options?: CallOptions): Promise<DescribeResult>;
    delete(request: DomainRequest, options?: CallOptions): Promise<ApiResult>;
}
