/**
 * The resource's properties as data: type, whether required, default, secret, whether a change
 * replaces, and the description users read. The single source for the validation rules (schema.ts
 * takes optionality and defaults from here) and for the provider plugin's package schema, so the two
 * cannot disagree (tests/provider/resource/properties.test.ts proves it). Data only.
 */
import type { InputKey } from "./inputs";

export interface PropertySpec {
    readonly name: InputKey;
    readonly type: "string" | "boolean";
    /** An input the program must give. */
    readonly required: boolean;
    /** The value check fills in when the input is left out. */
    readonly defaultValue?: boolean;
    /** Always stored and shown as a secret. */
    readonly secret: boolean;
    /** A change replaces the resource (create the new one, then delete the old). */
    readonly replaces: boolean;
    /** Also an output: part of the configuration the service holds (not a provider-side option). */
    readonly output: boolean;
    readonly description: string;
}

export const PROPERTIES: readonly PropertySpec[] = [
    {
        name: "domainName",
        type: "string",
        required: true,
        secret: false,
        replaces: true,
        output: true,
        description:
            "The streaming (ingest) domain, such as `live.example.com`; also the resource's id. Trimmed and lower-cased; a fully " +
            "qualified name of at most 253 characters. Changing it replaces the resource.",
    },
    {
        name: "notifyUrl",
        type: "string",
        required: true,
        secret: false,
        replaces: false,
        output: true,
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
        description: "Whether recording task status callbacks are sent.",
    },
    {
        name: "notifyReqAuth",
        type: "boolean",
        required: false,
        defaultValue: false,
        secret: false,
        replaces: false,
        output: true,
        description: "Whether callbacks are signed (the `ALI-LIVE-SIGNATURE` header); requires `notifyAuthKey`.",
    },
    {
        name: "notifyAuthKey",
        type: "string",
        required: false,
        secret: true,
        replaces: false,
        output: true,
        description: "The key callbacks are signed with; required when `notifyReqAuth` is true. Always stored as a secret.",
    },
    {
        name: "adoptExisting",
        type: "boolean",
        required: false,
        secret: false,
        replaces: false,
        output: false,
        description:
            "When the domain already has a configuration at create time, take it over and bring it to the declared state " +
            "instead of failing. Not sent to the service.",
    },
];
