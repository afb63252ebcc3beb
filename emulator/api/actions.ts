/**
 * Every action the emulator serves: its name, whether it writes, its documented per-account quota,
 * and the resource module that runs it. Runs after authentication, quota and fault rules;
 * synchronous, so each call is atomic.
 */
import type { ActionContext, ActionResult } from "./action-params";
import { apiError } from "./errors";
import { runAppRecordAction, type AppRecordAction } from "./app-record-actions";
import { runAppSnapshotAction, type AppSnapshotAction } from "./app-snapshot-actions";
import { runRecordNotifyAction, type RecordNotifyAction } from "./record-notify-actions";
import { runSnapshotNotifyAction, type SnapshotNotifyAction } from "./snapshot-notify-actions";
import { runStreamsNotifyAction, type StreamsNotifyAction } from "./streams-notify-actions";

export type { ActionContext, ActionResult } from "./action-params";

export const API_VERSION = "2016-11-01";

interface ActionEntry {
    /** Answers 400 Forbidden to a read-only key. */
    readonly write: boolean;
    /**
     * The documented calls/s per account; absent for the four recording-callback actions, whose quotas
     * are the `writeQps`/`readQps` options (30/s and 50/s as documented).
     */
    readonly qps?: number;
    readonly run: (params: ReadonlyMap<string, string>, ctx: ActionContext) => ActionResult;
}

const recordNotify = (action: RecordNotifyAction, write: boolean): ActionEntry => ({
    write,
    run: (params, ctx) => runRecordNotifyAction(action, params, ctx),
});
const snapshotNotify = (action: SnapshotNotifyAction, write: boolean, qps: number): ActionEntry => ({
    write,
    qps,
    run: (params, ctx) => runSnapshotNotifyAction(action, params, ctx),
});
const appRecord = (action: AppRecordAction, write: boolean, qps: number): ActionEntry => ({
    write,
    qps,
    run: (params, ctx) => runAppRecordAction(action, params, ctx),
});
const appSnapshot = (action: AppSnapshotAction, write: boolean, qps: number): ActionEntry => ({
    write,
    qps,
    run: (params, ctx) => runAppSnapshotAction(action, params, ctx),
});
const streamsNotify = (action: StreamsNotifyAction, write: boolean, qps: number): ActionEntry => ({
    write,
    qps,
    run: (params, ctx) => runStreamsNotifyAction(action, params, ctx),
});

const TABLE = {
    AddLiveRecordNotifyConfig: recordNotify("AddLiveRecordNotifyConfig", true),
    UpdateLiveRecordNotifyConfig: recordNotify("UpdateLiveRecordNotifyConfig", true),
    DescribeLiveRecordNotifyConfig: recordNotify("DescribeLiveRecordNotifyConfig", false),
    DeleteLiveRecordNotifyConfig: recordNotify("DeleteLiveRecordNotifyConfig", true),
    // Add and Update 30/s (their API pages); no page gives Describe's or Delete's: those of the recording siblings.
    AddLiveSnapshotNotifyConfig: snapshotNotify("AddLiveSnapshotNotifyConfig", true, 30),
    UpdateLiveSnapshotNotifyConfig: snapshotNotify("UpdateLiveSnapshotNotifyConfig", true, 30),
    DescribeLiveSnapshotNotifyConfig: snapshotNotify("DescribeLiveSnapshotNotifyConfig", false, 50),
    DeleteLiveSnapshotNotifyConfig: snapshotNotify("DeleteLiveSnapshotNotifyConfig", true, 30),
    // Their API pages: Add and Update 30/s, Describe 100/s, Delete 50/s (an older page).
    AddLiveAppRecordConfig: appRecord("AddLiveAppRecordConfig", true, 30),
    UpdateLiveAppRecordConfig: appRecord("UpdateLiveAppRecordConfig", true, 30),
    DescribeLiveRecordConfig: appRecord("DescribeLiveRecordConfig", false, 100),
    DeleteLiveAppRecordConfig: appRecord("DeleteLiveAppRecordConfig", true, 50),
    // Their API pages: Add, Update and Delete 30/s, Describe 100/s.
    AddLiveAppSnapshotConfig: appSnapshot("AddLiveAppSnapshotConfig", true, 30),
    UpdateLiveAppSnapshotConfig: appSnapshot("UpdateLiveAppSnapshotConfig", true, 30),
    DescribeLiveSnapshotConfig: appSnapshot("DescribeLiveSnapshotConfig", false, 100),
    DeleteLiveAppSnapshotConfig: appSnapshot("DeleteLiveAppSnapshotConfig", true, 30),
    // Set and Delete 15/s (their API pages). Describe's pages disagree (1,000 calls a minute, or a second):
    // served at the lower, 1,000 a minute, as a bucket of 16.67/s.
    SetLiveStreamsNotifyUrlConfig: streamsNotify("SetLiveStreamsNotifyUrlConfig", true, 15),
    DescribeLiveStreamsNotifyUrlConfig: streamsNotify("DescribeLiveStreamsNotifyUrlConfig", false, 1000 / 60),
    DeleteLiveStreamsNotifyUrlConfig: streamsNotify("DeleteLiveStreamsNotifyUrlConfig", true, 15),
} as const satisfies Record<string, ActionEntry>;

export type ActionName = keyof typeof TABLE;

export const ACTIONS = Object.keys(TABLE) as ActionName[];

/** The write actions: a read-only key is refused them. */
export const WRITE_ACTIONS: ReadonlySet<ActionName> = new Set(ACTIONS.filter((action) => TABLE[action].write));

/** The documented quota of an action, or `undefined` for those the `writeQps`/`readQps` options set. */
export function documentedQps(action: ActionName): number | undefined {
    return TABLE[action].qps;
}

export function isActionName(name: string): name is ActionName {
    return Object.prototype.hasOwnProperty.call(TABLE, name);
}

/** The signed action and version, checked once the signature is known to be good. */
export function resolveAction(action: string, version: string): ActionName {
    if (!isActionName(action)) throw apiError("InvalidAction.NotFound");
    if (version !== API_VERSION) throw apiError("InvalidVersion");
    return action;
}

export function runAction(action: ActionName, params: ReadonlyMap<string, string>, ctx: ActionContext): ActionResult {
    const entry: ActionEntry = TABLE[action];
    if (entry.write && ctx.key.readOnly) throw apiError("Forbidden");
    return entry.run(params, ctx);
}
