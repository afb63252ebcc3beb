/**
 * `LiveSnapshotNotifyConfig`: where Live sends a streaming domain's snapshot callbacks, and how they are
 * signed. The API: Add/Update/Describe/DeleteLiveSnapshotNotifyConfig, one configuration per domain;
 * NotifyReqAuth is the strings yes/no, Describe answers a flat body (the official SDK's models,
 * alibabacloud-live20161101; docs/resources/live-snapshot-notify-config.md). Data only.
 */
import type { ResourceDefinition } from "../../resource/definition";
import { adoptExistingOption } from "../../resource/options";
import { domainNameProperty, signingProperties } from "../../resource/shared-properties";

export const LIVE_SNAPSHOT_NOTIFY_CONFIG = {
    type: "LiveSnapshotNotifyConfig",
    title: "snapshot callback configuration",
    description:
        "The snapshot callback configuration of one Alibaba Cloud ApsaraVideo Live streaming domain: where Live sends a callback " +
        "for every snapshot it captures, and how the callbacks are signed. The service holds at most one per domain; the " +
        "resource id is the domain. Snapshots are captured only for apps with a snapshot configuration.",
    docsPage: "docs/resources/live-snapshot-notify-config.md",
    properties: [
        domainNameProperty(
            "live.example.com",
            "The main streaming domain, such as `live.example.com`; also the resource's id. Trimmed and lower-cased; a fully " +
                "qualified name of at most 253 characters. Changing it replaces the resource.",
        ),
        {
            name: "notifyUrl",
            type: "string",
            required: true,
            secret: false,
            replaces: false,
            output: true,
            rule: "callbackUrl",
            // AddLiveSnapshotNotifyConfig: "a valid URL that is up to 500 characters in length".
            maxLength: 500,
            wire: { name: "NotifyUrl" },
            description:
                "The URL that receives snapshot callbacks: an absolute `http://` or `https://` URL of a public host, without " +
                "user-info (the receiver's key goes in `notifyAuthKey`), at most 500 characters.",
        },
        // The official SDK types it as a string whose values are "yes" and "no".
        ...signingProperties({
            yesno: true,
            keyRule: "authKey",
            signedDescription: "Whether callbacks are signed (sent as `yes`/`no`); requires `notifyAuthKey`.",
        }),
        adoptExistingOption("domain"),
    ],
    binding: {
        actions: {
            create: { name: "AddLiveSnapshotNotifyConfig", qps: 30, source: "API page" },
            update: { name: "UpdateLiveSnapshotNotifyConfig", qps: 30, source: "API page" },
            // No page gives these two: paced as the record-notify siblings are (Describe 50/s, Delete 30/s).
            read: { name: "DescribeLiveSnapshotNotifyConfig", qps: 50, source: "no page; as DescribeLiveRecordNotifyConfig" },
            delete: { name: "DeleteLiveSnapshotNotifyConfig", qps: 30, source: "no page; as DeleteLiveRecordNotifyConfig" },
        },
        identity: ["domainName"],
        described: { in: "body" },
        // No page says what Add on a configured domain answers (the emulator's `addExisting` profile covers both readings).
        addOnExisting: "undocumented",
    },
} as const satisfies ResourceDefinition;
