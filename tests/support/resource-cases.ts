/**
 * One test case per resource: a valid configuration, a change Update makes in place, a change that
 * replaces, and a change made out of band. The suites parameterised by resource (the provider against
 * the emulator under every profile, the CLI lifecycle) take their steps from here, so a new resource
 * is covered by adding its case.
 */
import type { ResourceDefinition } from "../../provider/resource/definition";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../../provider/resources/live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../../provider/resources/live-snapshot-notify-config/definition";

export type Args = Readonly<Record<string, unknown>>;

export interface ResourceCase {
    readonly definition: ResourceDefinition;
    /** A valid configuration for identity `n` (each `n` its own domain), signed with `key` when the resource has one. */
    args(n: number, key?: string): Args;
    /** Overrides that change a property in place. */
    readonly inPlace: Args;
    /** Overrides that replace the resource (a new identity), for identity `n`. */
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

/** Every resource's case, in the order of the package's list (a test checks none is missing). */
export const RESOURCE_CASES: readonly ResourceCase[] = [RECORD_NOTIFY_CASE, SNAPSHOT_NOTIFY_CASE];
