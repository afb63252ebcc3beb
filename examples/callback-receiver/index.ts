/**
 * A recording-callback config whose callbacks are signed, for the receiver next to it (receiver.ts),
 * and the recording configuration of the app without which Live records nothing and so sends no
 * recording callback (examples/recording-chain has the whole chain).
 *
 * Stack config:
 *   domain          the streaming domain                     default live.example.com
 *   app             the app whose streams are recorded       default live
 *   ossBucket       the OSS bucket the recordings go to      default live-recordings (endpoint oss-cn-shanghai.aliyuncs.com)
 *   callbackBaseUrl where the receiver is reachable           default https://hooks.example.com/live
 *   onDemand        also ask the receiver whether to record   default false
 *   notifyAuthKey   (secret, required) the signing key the receiver checks (use 16-32 letters and digits, the service's documented rule)
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveAppRecordConfig, LiveRecordNotifyConfig } from "pulumi-alicloud-live";

const config = new pulumi.Config();
const domain = config.get("domain") ?? "live.example.com";
const callbackBaseUrl = (config.get("callbackBaseUrl") ?? "https://hooks.example.com/live").replace(/\/+$/, "");

const callbacks = new LiveRecordNotifyConfig(domain, {
    domainName: domain,
    notifyUrl: `${callbackBaseUrl}/record`,
    ...(config.getBoolean("onDemand") ? { onDemandUrl: `${callbackBaseUrl}/on-demand` } : {}),
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: config.requireSecret("notifyAuthKey"),
});

// Live records the app's streams as FLV (on demand, asking the receiver first, when onDemand is set).
new LiveAppRecordConfig(
    "recording",
    {
        domainName: domain,
        appName: config.get("app") ?? "live",
        ossEndpoint: "oss-cn-shanghai.aliyuncs.com",
        ossBucket: config.get("ossBucket") ?? "live-recordings",
        recordFormats: [{ format: "flv", ossObjectPrefix: "record/{AppName}/{StreamName}/{StartTime}_{EndTime}" }],
        onDemand: config.getBoolean("onDemand") ? 1 : 0,
    },
    { dependsOn: [callbacks] },
);

export const notifyUrl = callbacks.notifyUrl;
