/**
 * The typed contract of the four ApsaraVideo Live recording-callback actions (API version 2016-11-01),
 * as `LiveClient` and `RetryingLiveApi` offer them to programs: `LiveRecordNotifyConfig`'s operations
 * with its configuration typed. Field names are the camelCase forms of the API's parameters, as the
 * official SDK (`@alicloud/live20161101`) names them. This module knows nothing of Pulumi.
 */
import type { ConfigApi, Described } from "../api/types";

export type { ApiResult, AuthKeyView, CallOptions } from "../api/types";

/** The four actions `LiveClient` calls, by their API names. */
export const ACTIONS = [
    "AddLiveRecordNotifyConfig",
    "UpdateLiveRecordNotifyConfig",
    "DescribeLiveRecordNotifyConfig",
    "DeleteLiveRecordNotifyConfig",
] as const;

export type Action = (typeof ACTIONS)[number];

/** The domain-level recording callback configuration, one per streaming domain. (A type, not an interface: it is a property bag.) */
export type RecordNotifyConfig = {
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
};

export type DomainRequest = {
    readonly domainName: string;
};

/** Describe's answer: the configuration as the service stores it (`notifyAuthKey` only when shown in clear text), and how it showed the key. */
export type DescribeResult = Described<RecordNotifyConfig>;

/**
 * The four calls. Implemented by the plain client (one HTTP call per method) and by the
 * retrying client (pacing, backoff, settling of ambiguous writes).
 */
export type LiveRecordNotifyApi = ConfigApi<RecordNotifyConfig, DomainRequest>;

/** The canonical form of a configuration, as the service stores it: booleans explicit, empty strings absent. */
export type CanonicalConfig = {
    readonly domainName: string;
    readonly notifyUrl: string;
    readonly onDemandUrl?: string;
    readonly needStatusNotify: boolean;
    readonly notifyReqAuth: boolean;
    readonly notifyAuthKey?: string;
};

/** Inputs after `check`: the API's fields (trimmed, domain lower-cased, booleans defaulted), plus one of our own. */
export type LiveRecordNotifyConfigInputs = RecordNotifyConfig & {
    /** On create, take over a configuration the domain already has instead of failing. Not sent to the service. */
    readonly adoptExisting?: boolean;
};

/** Outputs: the configuration as the service stores it (canonical form), `notifyAuthKey` secret. */
export type LiveRecordNotifyConfigOutputs = CanonicalConfig;
