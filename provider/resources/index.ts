/**
 * The list of resources this package provides: each a folder of its definition (property table and API
 * binding). Adding a resource is one folder and one line here; the front doors, the schema, the SDKs
 * and the docs' tables follow from this list (the TypeScript entry points name each class, as
 * TypeScript needs, and a test checks they name every one).
 */
import { actionsOf, type ResourceDefinition } from "../resource/definition";
import { LIVE_APP_RECORD_CONFIG } from "./live-app-record-config/definition";
import { LIVE_APP_SNAPSHOT_CONFIG } from "./live-app-snapshot-config/definition";
import { LIVE_RECORD_NOTIFY_CONFIG } from "./live-record-notify-config/definition";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "./live-snapshot-notify-config/definition";
import { LIVE_STREAMS_NOTIFY_URL_CONFIG } from "./live-streams-notify-url-config/definition";

export const RESOURCES: readonly ResourceDefinition[] = [
    LIVE_RECORD_NOTIFY_CONFIG,
    LIVE_SNAPSHOT_NOTIFY_CONFIG,
    LIVE_APP_RECORD_CONFIG,
    LIVE_APP_SNAPSHOT_CONFIG,
    LIVE_STREAMS_NOTIFY_URL_CONFIG,
];

/** The resource of a type name, e.g. `LiveSnapshotNotifyConfig`. */
export function resourceNamed(type: string): ResourceDefinition | undefined {
    return RESOURCES.find((definition) => definition.type === type);
}

/** Every action of every resource: what the `actionQps` setting may name. */
export const ALL_ACTIONS: ReadonlySet<string> = new Set(RESOURCES.flatMap((definition) => actionsOf(definition.binding).map((a) => a.name)));
