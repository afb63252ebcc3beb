/**
 * `LiveStreamsNotifyUrlConfig`: where Live sends an ingest domain's stream callbacks (a stream pushed,
 * a stream stopped, and exceptions), and how they are signed. The API:
 * Set/Describe/DeleteLiveStreamsNotifyUrlConfig, one configuration per ingest domain; Set is an upsert
 * (it creates and updates), NotifyReqAuth is the strings yes/no, the key 16-64 letters and digits, and
 * Describe answers under `LiveStreamsNotifyConfig` (the official SDK's models, alibabacloud-live20161101;
 * docs/resources/live-streams-notify-url-config.md). Data only.
 */
import type { ResourceDefinition } from "../../resource/definition";
import { adoptExistingOption } from "../../resource/options";
import { domainNameProperty, signingProperties } from "../../resource/shared-properties";

/**
 * DescribeLiveStreamsNotifyUrlConfig's quota: its API pages disagree (1,000 calls a minute in one,
 * 1,000 a second in another); paced at the lower, 1,000 a minute.
 */
const DESCRIBE_PER_MINUTE = 1000;

export const LIVE_STREAMS_NOTIFY_URL_CONFIG = {
    type: "LiveStreamsNotifyUrlConfig",
    title: "stream callback configuration",
    description:
        "The stream callback configuration of one Alibaba Cloud ApsaraVideo Live ingest domain: where Live sends a callback when " +
        "a stream is pushed or stopped (and, optionally, on a stream exception), and how the callbacks are signed. The service " +
        "holds at most one per ingest domain; the resource id is the domain.",
    docsPage: "docs/resources/live-streams-notify-url-config.md",
    properties: [
        domainNameProperty(
            "push.example.com",
            "The ingest domain, such as `push.example.com` (stream callbacks are set on the ingest domain, not the streaming " +
                "domain); also the resource's id. Trimmed and lower-cased; a fully qualified name of at most 253 characters. " +
                "Changing it replaces the resource.",
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
                "The URL that receives a callback when a stream is pushed or stopped: an absolute `http://` or `https://` URL of a " +
                "public host, without user-info (the receiver's key goes in `notifyAuthKey`), at most 2048 characters.",
        },
        {
            name: "exceptionNotifyUrl",
            type: "string",
            required: false,
            secret: false,
            replaces: false,
            output: true,
            rule: "callbackUrl",
            wire: { name: "ExceptionNotifyUrl" },
            clearWith: "",
            description: "The URL that receives stream exception callbacks, under the same rules as `notifyUrl`. Removing it clears it.",
        },
        // The official SDK types it as a string whose values are "yes" and "no".
        ...signingProperties({
            yesno: true,
            keyRule: "streamsAuthKey",
            signedDescription: "Whether callbacks are signed (sent as `yes`/`no`); requires `notifyAuthKey`.",
        }),
        adoptExistingOption("domain"),
    ],
    binding: {
        actions: {
            // One action creates and updates: an upsert.
            create: { name: "SetLiveStreamsNotifyUrlConfig", qps: 15, source: "API page" },
            update: { name: "SetLiveStreamsNotifyUrlConfig", qps: 15, source: "API page" },
            read: {
                name: "DescribeLiveStreamsNotifyUrlConfig",
                qps: DESCRIBE_PER_MINUTE / 60,
                source: "API pages disagree (1000/min, 1000/s): paced at the lower, 1000/min",
            },
            delete: { name: "DeleteLiveStreamsNotifyUrlConfig", qps: 15, source: "API page" },
        },
        identity: ["domainName"],
        described: { in: "field", field: "LiveStreamsNotifyConfig" },
        // Set writes over whatever the domain holds: create reads the domain first.
        addOnExisting: "overwritten",
    },
} as const satisfies ResourceDefinition;
