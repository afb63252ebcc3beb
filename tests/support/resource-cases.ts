/**
 * One test case per resource: a valid configuration, a change Update makes in place, a change that
 * replaces, and a change made out of band. The suites parameterised by resource (the provider against
 * the emulator under every profile, the CLI lifecycle) take their steps from here, so a new resource
 * is covered by adding its case.
 */
import type { ResourceDefinition } from "../../provider/resource/definition";
import { LIVE_APP_RECORD_CONFIG } from "../../provider/resources/live-app-record-config/definition";
import { LIVE_APP_SNAPSHOT_CONFIG } from "../../provider/resources/live-app-snapshot-config/definition";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../../provider/resources/live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../../provider/resources/live-snapshot-notify-config/definition";
import { LIVE_STREAMS_NOTIFY_URL_CONFIG } from "../../provider/resources/live-streams-notify-url-config/definition";

export type Args = Readonly<Record<string, unknown>>;

export interface ResourceCase {
    readonly definition: ResourceDefinition;
    /** A valid configuration for identity `n` (each `n` its own domain), signed with `key` when the resource has one. */
    args(n: number, key?: string): Args;
    /** Overrides that change a property in place. */
    readonly inPlace: Args;
    /** Overrides that replace the resource, for identity `n`: a new identity, or a field Update cannot take (the same identity). */
    replaced(n: number): Args;
    /** A property changed out of band, and its new value (as the cloud then holds it). */
    readonly drift: { readonly property: string; readonly value: unknown };
}

export const RECORD_NOTIFY_CASE: ResourceCase = {
    definition: LIVE_RECORD_NOTIFY_CONFIG,
    args: (n, key) => ({
        domainName: `record-${n}.example.com`,
        notifyUrl: `https://hooks.example.com/record/${n}`,
        onDemandUrl: `https://hooks.example.com/on-demand/${n}`,
        ...(key === undefined ? {} : { notifyReqAuth: true, notifyAuthKey: key }),
    }),
    inPlace: { needStatusNotify: true },
    replaced: (n) => ({ domainName: `record-${n}-moved.example.com` }),
    drift: { property: "notifyUrl", value: "https://elsewhere.example.net/drift" },
};

export const SNAPSHOT_NOTIFY_CASE: ResourceCase = {
    definition: LIVE_SNAPSHOT_NOTIFY_CONFIG,
    args: (n, key) => ({
        domainName: `snapshot-${n}.example.com`,
        notifyUrl: `https://hooks.example.com/snapshot/${n}`,
        ...(key === undefined ? {} : { notifyReqAuth: true, notifyAuthKey: key }),
    }),
    inPlace: { notifyUrl: "https://hooks.example.com/snapshot/changed" },
    replaced: (n) => ({ domainName: `snapshot-${n}-moved.example.com` }),
    drift: { property: "notifyUrl", value: "https://elsewhere.example.net/snapshot-drift" },
};

const OSS_ENDPOINT = "oss-cn-shanghai.aliyuncs.com";

export const APP_RECORD_CASE: ResourceCase = {
    definition: LIVE_APP_RECORD_CONFIG,
    args: (n) => ({
        domainName: `app-record-${n}.example.com`,
        appName: "live",
        ossEndpoint: OSS_ENDPOINT,
        ossBucket: "recordings-bucket",
        recordFormats: [
            {
                format: "m3u8",
                ossObjectPrefix: "record/{AppName}/{StreamName}/{Sequence}{EscapedStartTime}{EscapedEndTime}",
                sliceOssObjectPrefix: "record/{AppName}/{StreamName}/{UnixTimestamp}_{Sequence}",
                cycleDuration: 3600,
                sliceDuration: 10,
            },
            { format: "flv", ossObjectPrefix: "record/{AppName}/{StreamName}/{StartTime}_{EndTime}" },
        ],
        onDemand: 1,
        delayTime: 120,
    }),
    inPlace: { delayTime: 300 },
    // Update has no OssBucket: a new bucket replaces the configuration of the same app (deleted first).
    replaced: () => ({ ossBucket: "recordings-moved" }),
    drift: { property: "delayTime", value: 600 },
};

export const APP_SNAPSHOT_CASE: ResourceCase = {
    definition: LIVE_APP_SNAPSHOT_CONFIG,
    args: (n) => ({
        domainName: `app-snapshot-${n}.example.com`,
        appName: "live",
        timeInterval: 10,
        ossEndpoint: OSS_ENDPOINT,
        ossBucket: "snapshots-bucket",
        overwriteOssObject: "{AppName}/{StreamName}.jpg",
        sequenceOssObject: "{AppName}/{StreamName}/{UnixTimestamp}.jpg",
    }),
    inPlace: { timeInterval: 30 },
    replaced: (n) => ({ domainName: `app-snapshot-${n}-moved.example.com` }),
    drift: { property: "timeInterval", value: 60 },
};

export const STREAMS_NOTIFY_CASE: ResourceCase = {
    definition: LIVE_STREAMS_NOTIFY_URL_CONFIG,
    args: (n, key) => ({
        domainName: `streams-${n}.example.com`,
        notifyUrl: `https://hooks.example.com/streams/${n}`,
        exceptionNotifyUrl: `https://hooks.example.com/streams-exception/${n}`,
        ...(key === undefined ? {} : { notifyReqAuth: true, notifyAuthKey: key }),
    }),
    // Set is the update too: an in-place change is one Set.
    inPlace: { exceptionNotifyUrl: "https://hooks.example.com/streams-exception/changed" },
    replaced: (n) => ({ domainName: `streams-${n}-moved.example.com` }),
    drift: { property: "notifyUrl", value: "https://elsewhere.example.net/streams-drift" },
};

/** Every resource's case, in the order of the package's list (a test checks none is missing). */
export const RESOURCE_CASES: readonly ResourceCase[] = [
    RECORD_NOTIFY_CASE,
    SNAPSHOT_NOTIFY_CASE,
    APP_RECORD_CASE,
    APP_SNAPSHOT_CASE,
    STREAMS_NOTIFY_CASE,
];
