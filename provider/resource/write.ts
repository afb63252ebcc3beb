/**
 * Writing a declared configuration over an existing one so that the service ends up holding exactly
 * it, whatever the service does with an optional field left out of Update (reset it or keep it: not
 * documented). A field the declared config drops but the service may still hold is sent explicitly
 * empty; a service that refuses the empty value gets the field left out instead; either way a Describe
 * then confirms the field is gone before the result is recorded. Decisions are pure; `writeConfig` is
 * the one I/O step.
 */
import { mayHoldKey } from "../api/auth-key-view";
import type { CanonicalConfig } from "../api/normalize";
import type { AuthKeyView, DescribeResult, LiveRecordNotifyApi, RecordNotifyConfig } from "../api/types";
import { outputsOf } from "./inputs";

/** The optional fields that hold a value (booleans are always sent, so they never need clearing). */
const CLEARABLE_FIELDS = ["onDemandUrl", "notifyAuthKey"] as const;

export type ClearableField = (typeof CLEARABLE_FIELDS)[number];

/** The API parameter of each clearable field, as codes and messages name it. */
const PARAM_OF: Readonly<Record<ClearableField, string>> = { onDemandUrl: "OnDemandUrl", notifyAuthKey: "NotifyAuthKey" };

/** What the service held before the write: a config, and for an adopted one how Describe showed its key. */
export interface HeldBefore {
    readonly config: RecordNotifyConfig;
    readonly authKeyView?: AuthKeyView;
}

/** The fields `desired` leaves out that the service may still hold. Pure. */
export function fieldsToClear(desired: RecordNotifyConfig, before: HeldBefore): ClearableField[] {
    return CLEARABLE_FIELDS.filter((field) => {
        if (desired[field]) return false;
        if (before.config[field]) return true;
        return field === "notifyAuthKey" && before.authKeyView !== undefined && mayHoldKey(before.authKeyView);
    });
}

/** `desired` with `fields` sent explicitly empty. Pure. */
export function clearingRequest(desired: RecordNotifyConfig, fields: readonly ClearableField[]): RecordNotifyConfig {
    return { ...desired, ...Object.fromEntries(fields.map((field) => [field, ""])) };
}

/** The field whose empty value the service refused (`InvalidOnDemandUrl.Malformed` and the like), if that is what `error` says. Pure. */
export function refusedEmptyField(error: unknown, fields: readonly ClearableField[]): ClearableField | undefined {
    const e = (error ?? {}) as { kind?: unknown; code?: unknown; serviceMessage?: unknown };
    if (e.kind !== "invalid-input") return undefined;
    const code = typeof e.code === "string" ? e.code : "";
    const message = typeof e.serviceMessage === "string" ? e.serviceMessage : "";
    return fields.find((field) => code.includes(PARAM_OF[field]) || message.includes(PARAM_OF[field]));
}

/** The cleared fields a Describe shows still held. A key Describe leaves out cannot be seen: taken as cleared. Pure. */
export function stillHeld(described: DescribeResult, fields: readonly ClearableField[]): ClearableField[] {
    return fields.filter((field) => {
        if (field === "onDemandUrl") return described.config.onDemandUrl !== undefined;
        const view = described.authKeyView;
        if (view?.kind === "absent") return false;
        return view?.kind === "masked" || described.config.notifyAuthKey !== undefined;
    });
}

/**
 * The service keeps a value the declared configuration removes, and no update can clear it (e.g. it
 * keeps fields left out of Update and refuses them empty). `holds` is what the service holds.
 */
export class UnclearableFieldError extends Error {
    override readonly name = "UnclearableFieldError";
    constructor(
        readonly domainName: string,
        readonly fields: readonly ClearableField[],
        readonly holds: CanonicalConfig,
    ) {
        super(unclearableMessage(domainName, fields, holds));
    }
}

function unclearableMessage(domainName: string, fields: readonly ClearableField[], holds: CanonicalConfig): string {
    // The URL is not a secret; the key is never shown.
    const held = fields.map((f) => (f === "onDemandUrl" ? `onDemandUrl ${JSON.stringify(holds.onDemandUrl)}` : "its notifyAuthKey")).join(" and ");
    const keep = fields.includes("onDemandUrl") ? ` or declare onDemandUrl: ${JSON.stringify(holds.onDemandUrl)} to keep it` : "";
    return (
        `UpdateLiveRecordNotifyConfig failed (${fields.join(", ")} cannot be cleared): the configuration of ${domainName} still holds ${held}. ` +
        "The service keeps a field that Update leaves out and refuses it empty, so no update can remove it. " +
        "The stack's state records what the service holds. To remove it, delete the configuration and create it again " +
        `(remove the resource from the program and run \`pulumi up\`, then add it back)${keep}.`
    );
}

/**
 * Updates the domain's configuration to `desired` and makes sure fields it drops are gone. Resolves
 * when the service holds `desired` (as far as Describe shows); rejects with UnclearableFieldError
 * when a dropped field stays, and with the API's error otherwise.
 */
export async function writeConfig(live: LiveRecordNotifyApi, desired: CanonicalConfig, before: HeldBefore): Promise<void> {
    let clearing = fieldsToClear(desired, before);
    if (clearing.length === 0) {
        await live.update(desired);
        return;
    }
    const dropped = clearing;
    for (;;) {
        try {
            await live.update(clearingRequest(desired, clearing));
            break;
        } catch (error) {
            // A 4xx refusal: nothing was applied. Leave that field out instead, and look afterwards.
            const refused = refusedEmptyField(error, clearing);
            if (refused === undefined) throw error;
            clearing = clearing.filter((field) => field !== refused);
        }
    }
    const described = await live.describe({ domainName: desired.domainName });
    const left = stillHeld(described, dropped);
    if (left.length > 0) {
        const holds = outputsOf({
            ...desired,
            onDemandUrl: left.includes("onDemandUrl") ? described.config.onDemandUrl : desired.onDemandUrl,
            notifyAuthKey: left.includes("notifyAuthKey") ? (described.config.notifyAuthKey ?? before.config.notifyAuthKey) : desired.notifyAuthKey,
        });
        throw new UnclearableFieldError(desired.domainName, left, holds);
    }
}
