/**
 * `LiveRecordNotifyConfig`: where Live sends a streaming domain's recording callbacks, and how they are
 * signed. The API: Add/Update/Describe/DeleteLiveRecordNotifyConfig, one configuration per domain
 * (docs/resource.md; the API facts with their sources in docs/reliability.md). Data only.
 */
import { DOCUMENTED_READ_QPS, DOCUMENTED_WRITE_QPS } from "../../retry/constants";
import type { ResourceDefinition } from "../../resource/definition";
import { adoptExistingOption } from "../../resource/options";
import { domainNameProperty, signingProperties } from "../../resource/shared-properties";

export const LIVE_RECORD_NOTIFY_CONFIG = {
    type: "LiveRecordNotifyConfig",
    title: "recording callback configuration",
    description:
        "The recording callback configuration of one Alibaba Cloud ApsaraVideo Live streaming domain: where Live sends " +
        "recording callbacks, and how they are signed. The service holds at most one per domain; the resource id is the domain.",
    docsPage: "docs/resource.md",
    properties: [
        domainNameProperty(
            "live.example.com",
            "The streaming (ingest) domain, such as `live.example.com`; also the resource's id. Trimmed and lower-cased; a fully " +
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
            wire: { name: "NotifyUrl" },
            description:
                "The URL that receives recording events and recording task status: an absolute `http://` or `https://` URL of a " +
                "public host (a DNS name in ASCII, punycode for other scripts, or an IP address), without user-info (the receiver's " +
                "key goes in `notifyAuthKey`), at most 2048 characters.",
        },
        {
            name: "onDemandUrl",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "callbackUrl",
            wire: { name: "OnDemandUrl" },
            clearWith: "",
            description: "The callback URL for on-demand recording, under the same rules as `notifyUrl`. Removing it clears it.",
        },
        {
            name: "needStatusNotify",
            type: "boolean",
            required: false,
            defaultValue: false,
            secret: false,
            replaces: false,
            output: true,
            wire: { name: "NeedStatusNotify" },
            description: "Whether recording task status callbacks are sent.",
        },
        // The official SDK types it as a boolean and sends "true"/"false"; the emulator's `boolWire` profile covers "yes"/"no" answers.
        ...signingProperties({
            yesno: false,
            keyRule: "authKey",
            signedDescription: "Whether callbacks are signed (the `ALI-LIVE-SIGNATURE` header); requires `notifyAuthKey`.",
        }),
        adoptExistingOption("domain"),
    ],
    binding: {
        actions: {
            create: { name: "AddLiveRecordNotifyConfig", qps: DOCUMENTED_WRITE_QPS, raisedBy: "writeQps", source: "API page" },
            update: { name: "UpdateLiveRecordNotifyConfig", qps: DOCUMENTED_WRITE_QPS, raisedBy: "writeQps", source: "API page" },
            read: { name: "DescribeLiveRecordNotifyConfig", qps: DOCUMENTED_READ_QPS, raisedBy: "readQps", source: "API page" },
            delete: { name: "DeleteLiveRecordNotifyConfig", qps: DOCUMENTED_WRITE_QPS, raisedBy: "writeQps", source: "API page" },
        },
        identity: ["domainName"],
        described: { in: "field", field: "LiveRecordNotifyConfig" },
        // The older official docs list ConfigAlreadyExists ("Config has already exist.") for Add.
        addOnExisting: "refused",
    },
} as const satisfies ResourceDefinition;
