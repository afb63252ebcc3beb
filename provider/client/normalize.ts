/**
 * `LiveRecordNotifyConfig`'s canonical form, typed: the generic comparison of its property table
 * (resource/canonical.ts) for programs and tests that hold a `RecordNotifyConfig`. Pure.
 */
import type { AuthKeyView } from "../api/types";
import * as canonical from "../resource/canonical";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";
import type { CanonicalConfig, RecordNotifyConfig } from "./types";

export type { CanonicalConfig } from "./types";

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
    return canonical.canonicalConfig(LIVE_RECORD_NOTIFY_CONFIG, config) as unknown as CanonicalConfig;
}

/** The fields whose canonical values differ, in `CONFIG_FIELDS` order. */
export function differingFields(a: RecordNotifyConfig, b: RecordNotifyConfig): ConfigField[] {
    return canonical.differingFields(LIVE_RECORD_NOTIFY_CONFIG, a, b) as ConfigField[];
}

export function sameConfig(a: RecordNotifyConfig, b: RecordNotifyConfig): boolean {
    return differingFields(a, b).length === 0;
}

/**
 * Whether the service holds `desired`, as far as a Describe shows it: every field equal, and the key
 * as the view allows (a masked key that fits, or a key Describe does not show at all).
 */
export function holdsConfig(described: RecordNotifyConfig, view: AuthKeyView | undefined, desired: RecordNotifyConfig): boolean {
    return canonical.holdsConfig(LIVE_RECORD_NOTIFY_CONFIG, described, view, desired);
}
