/**
 * The canonical form of a configuration, as the service stores it: booleans explicit (the service
 * defaults them to `false`), empty strings absent. Two configs are the same when their canonical
 * forms are equal. Pure.
 */
import { keyConsistent } from "./auth-key-view";
import type { AuthKeyView, RecordNotifyConfig } from "./types";

export interface CanonicalConfig {
    readonly domainName: string;
    readonly notifyUrl: string;
    readonly onDemandUrl?: string;
    readonly needStatusNotify: boolean;
    readonly notifyReqAuth: boolean;
    readonly notifyAuthKey?: string;
}

/** The fields compared, in a fixed order. */
export const CONFIG_FIELDS = [
    "domainName",
    "notifyUrl",
    "onDemandUrl",
    "needStatusNotify",
    "notifyReqAuth",
    "notifyAuthKey",
] as const satisfies ReadonlyArray<keyof RecordNotifyConfig>;

export type ConfigField = (typeof CONFIG_FIELDS)[number];

export function canonicalConfig(config: RecordNotifyConfig): CanonicalConfig {
    const out: { -readonly [K in keyof CanonicalConfig]: CanonicalConfig[K] } = {
        domainName: config.domainName,
        notifyUrl: config.notifyUrl,
        needStatusNotify: config.needStatusNotify === true,
        notifyReqAuth: config.notifyReqAuth === true,
    };
    if (config.onDemandUrl) out.onDemandUrl = config.onDemandUrl;
    if (config.notifyAuthKey) out.notifyAuthKey = config.notifyAuthKey;
    return out;
}

/** The fields whose canonical values differ, in `CONFIG_FIELDS` order. */
export function differingFields(a: RecordNotifyConfig, b: RecordNotifyConfig): ConfigField[] {
    const ca = canonicalConfig(a);
    const cb = canonicalConfig(b);
    return CONFIG_FIELDS.filter((field) => ca[field] !== cb[field]);
}

export function sameConfig(a: RecordNotifyConfig, b: RecordNotifyConfig): boolean {
    return differingFields(a, b).length === 0;
}

/**
 * Whether the service holds `desired`, as far as a Describe shows it: every field equal, and the key
 * as the view allows (a masked key that fits, or a key Describe does not show at all).
 */
export function holdsConfig(described: RecordNotifyConfig, view: AuthKeyView | undefined, desired: RecordNotifyConfig): boolean {
    if (view === undefined || view.kind === "clear") return sameConfig(described, desired);
    if (differingFields(described, desired).some((field) => field !== "notifyAuthKey")) return false;
    return keyConsistent(view, canonicalConfig(desired).notifyAuthKey) !== false;
}
