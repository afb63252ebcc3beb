/**
 * The demo's story, as data: the stack config of each phase and the out-of-band change. Both ways of
 * running the demo (the Pulumi CLI, or the engine stand-in) play the same scenario.
 */
import { randomBytes } from "node:crypto";

export const PROJECT = "alicloud-live-basic";
export const STACK = "demo";

export const DOMAINS = ["live1.example.com", "live2.example.com", "live3.example.com"] as const;
/** The domain whose callbacks are signed (the example's default: the first domain). */
export const SIGNED_DOMAIN = DOMAINS[0];
/** The domain changed by the config change. */
export const STATUS_DOMAIN = DOMAINS[1];
/** The domain someone changes behind Pulumi's back. */
export const DRIFT_DOMAIN = DOMAINS[2];
export const DRIFTED_ON_DEMAND_URL = `https://elsewhere.example.net/${DRIFT_DOMAIN}/on-demand`;

export interface DemoConfigEntry {
    readonly key: string;
    readonly value: string;
    readonly secret: boolean;
}

export interface DemoConnection {
    /** `http://127.0.0.1:PORT` of the embedded emulator. */
    readonly endpoint: string;
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
}

/** A fresh callback signing key per run (16-32 letters and digits), so no key is written in the source. */
export function newNotifyAuthKey(): string {
    return randomBytes(12).toString("hex");
}

/** The stack config the demo starts with: where the API is, the keys, and the signing key. */
export function initialConfig(connection: DemoConnection, notifyAuthKey: string): DemoConfigEntry[] {
    return [
        { key: "alicloud-live:endpoint", value: connection.endpoint, secret: false },
        { key: "alicloud:accessKey", value: connection.accessKeyId, secret: false },
        { key: "alicloud:secretKey", value: connection.accessKeySecret, secret: true },
        { key: `${PROJECT}:domains`, value: JSON.stringify(DOMAINS), secret: false },
        { key: `${PROJECT}:notifyAuthKey`, value: notifyAuthKey, secret: true },
    ];
}

/** The config change: also send recording task status callbacks for one domain. */
export function changedConfig(): DemoConfigEntry {
    return { key: `${PROJECT}:statusNotifyDomains`, value: JSON.stringify([STATUS_DOMAIN]), secret: false };
}

/** The recording chain's project (examples/recording-chain), its domain, the app it records, and its callbacks' host. */
export const CHAIN_PROJECT = "alicloud-live-recording-chain";
export const CHAIN_DOMAIN = "live.example.com";
export const CHAIN_APP = "live";
/** An app no recording configuration covers. */
export const UNCOVERED_APP = "other";
export const CALLBACK_HOST = "hooks.example.com";

/** The chain's stack config: where the API is, the keys, and the key its callbacks are signed with. */
export function chainConfig(connection: DemoConnection, notifyAuthKey: string): DemoConfigEntry[] {
    return [
        { key: "alicloud-live:endpoint", value: connection.endpoint, secret: false },
        { key: "alicloud:accessKey", value: connection.accessKeyId, secret: false },
        { key: "alicloud:secretKey", value: connection.accessKeySecret, secret: true },
        { key: `${CHAIN_PROJECT}:notifyAuthKey`, value: notifyAuthKey, secret: true },
    ];
}
