/**
 * The whole recording chain of one streaming domain, as code: Live records an app's streams into OSS
 * (LiveAppRecordConfig) on demand, asking the receiver first (onDemand 1 needs the record-notify
 * config's onDemandUrl); the recording callbacks go to the receiver, signed (LiveRecordNotifyConfig);
 * snapshots of the same app go to OSS (LiveAppSnapshotConfig) and their callbacks to the receiver,
 * signed too (LiveSnapshotNotifyConfig); streams pushed to and stopped on the ingest domain are called
 * back too (LiveStreamsNotifyUrlConfig). receiver.ts is the other end of the recording callbacks.
 *
 * Stack config:
 *   domain          the streaming domain                        default live.example.com
 *   ingestDomain    the ingest domain (stream callbacks)         default push.example.com
 *   app             the app whose streams are recorded          default live
 *   callbackBaseUrl where the receiver is reachable              default https://hooks.example.com/live
 *   ossEndpoint     the OSS endpoint of the buckets             default oss-cn-shanghai.aliyuncs.com
 *   ossBucket       the bucket recordings and snapshots go to   default live-recordings
 *   notifyAuthKey   (secret, required) the key every callback is signed with (16-32 letters and digits)
 */
import * as pulumi from "@pulumi/pulumi";
import {
    LiveAppRecordConfig,
    LiveAppSnapshotConfig,
    LiveRecordNotifyConfig,
    LiveSnapshotNotifyConfig,
    LiveStreamsNotifyUrlConfig,
} from "pulumi-alicloud-live";

const config = new pulumi.Config();
const domainName = config.get("domain") ?? "live.example.com";
const ingestDomain = config.get("ingestDomain") ?? "push.example.com";
const appName = config.get("app") ?? "live";
const callbackBaseUrl = (config.get("callbackBaseUrl") ?? "https://hooks.example.com/live").replace(/\/+$/, "");
const ossEndpoint = config.get("ossEndpoint") ?? "oss-cn-shanghai.aliyuncs.com";
const ossBucket = config.get("ossBucket") ?? "live-recordings";
const notifyAuthKey = config.requireSecret("notifyAuthKey");

// Where the recording callbacks go, and where Live asks whether to record a stream.
const recordCallbacks = new LiveRecordNotifyConfig("record-callbacks", {
    domainName,
    notifyUrl: `${callbackBaseUrl}/record`,
    onDemandUrl: `${callbackBaseUrl}/on-demand`,
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey,
});

// What makes Live record at all: the app's recording configuration. On demand (1), it asks the
// onDemandUrl above, so it is created after it.
const recording = new LiveAppRecordConfig(
    "recording",
    {
        domainName,
        appName,
        ossEndpoint,
        ossBucket,
        recordFormats: [{ format: "mp4", ossObjectPrefix: "record/{AppName}/{StreamName}/{StartTime}_{EndTime}", cycleDuration: 3600 }],
        onDemand: 1,
    },
    { dependsOn: [recordCallbacks] },
);

// Snapshots of the same app every 10 seconds, and their callbacks.
const snapshots = new LiveAppSnapshotConfig("snapshots", {
    domainName,
    appName,
    timeInterval: 10,
    ossEndpoint,
    ossBucket,
    overwriteOssObject: "snapshot/{AppName}/{StreamName}.jpg",
    sequenceOssObject: "snapshot/{AppName}/{StreamName}/{UnixTimestamp}.jpg",
});
const snapshotCallbacks = new LiveSnapshotNotifyConfig("snapshot-callbacks", {
    domainName,
    notifyUrl: `${callbackBaseUrl}/snapshot`,
    notifyReqAuth: true,
    notifyAuthKey,
});

// Streams pushed and stopped (and stream exceptions), called back from the ingest domain.
const streamCallbacks = new LiveStreamsNotifyUrlConfig("stream-callbacks", {
    domainName: ingestDomain,
    notifyUrl: `${callbackBaseUrl}/stream`,
    exceptionNotifyUrl: `${callbackBaseUrl}/stream-exception`,
    notifyReqAuth: true,
    notifyAuthKey,
});

export const recordedApp = recording.appName;
export const recordNotifyUrl = recordCallbacks.notifyUrl;
export const snapshotInterval = snapshots.timeInterval;
export const snapshotNotifyUrl = snapshotCallbacks.notifyUrl;
export const streamNotifyUrl = streamCallbacks.notifyUrl;
