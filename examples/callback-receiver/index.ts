/**
 * A recording-callback config whose callbacks are signed, for the receiver next to it (receiver.ts).
 *
 * Stack config:
 *   domain          the streaming domain                     default live.example.com
 *   callbackBaseUrl where the receiver is reachable           default https://hooks.example.com/live
 *   onDemand        also ask the receiver whether to record   default false
 *   notifyAuthKey   (secret, required) the signing key the receiver checks (use 16-32 letters and digits, the service's documented rule)
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveRecordNotifyConfig } from "pulumi-alicloud-live";

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

export const notifyUrl = callbacks.notifyUrl;
