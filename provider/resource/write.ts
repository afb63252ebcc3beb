/**
 * Writing a declared configuration over an existing one so that the service ends up holding exactly
 * it, whatever the service does with an optional field left out of Update (reset it or keep it: not
 * documented). A field the declared config drops but the service may still hold is sent explicitly
 * empty where the table says how (`clearWith`: `""`, or `"-"` where the API says so); a service that
 * refuses the empty value gets the field left out instead, as does a field with no such value; either
 * way a Describe then confirms every dropped field is gone before the result is recorded. Decisions are
 * pure; `writeConfig` is the one I/O step.
 */
import { mayHoldKey } from "../api/auth-key-view";
import type { AuthKeyView, Bag, ConfigApi, Described } from "../api/types";
import { propertyNamed, type PropertySpec, type ResourceDefinition } from "./definition";
import { outputsOf, type Outputs } from "./inputs";
import { identityOf } from "./wire";

/**
 * The optional properties a declared configuration can drop: not booleans or values with a default
 * (those are always sent), not the identity.
 */
function droppable(definition: ResourceDefinition): PropertySpec[] {
    const identity = new Set(definition.binding.identity);
    return definition.properties.filter(
        (p) => p.output && !p.required && p.type !== "boolean" && p.defaultValue === undefined && !identity.has(p.name),
    );
}

const held = (value: unknown): boolean => value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/** What the service held before the write: a config, and for an adopted one how Describe showed its key. */
export interface HeldBefore {
    readonly config: Bag;
    readonly authKeyView?: AuthKeyView;
}

/** The fields `desired` leaves out that the service may still hold. Pure. */
export function fieldsToClear(definition: ResourceDefinition, desired: Bag, before: HeldBefore): string[] {
    return droppable(definition)
        .filter((spec) => {
            if (held(desired[spec.name])) return false;
            if (held(before.config[spec.name])) return true;
            return spec.secret && before.authKeyView !== undefined && mayHoldKey(before.authKeyView);
        })
        .map((spec) => spec.name);
}

/** `desired` with those of `fields` that the table says how to clear sent as that value (`""`, `"-"`). Pure. */
export function clearingRequest(definition: ResourceDefinition, desired: Bag, fields: readonly string[]): Bag {
    const clearable = fields.filter((field) => propertyNamed(definition, field)?.clearWith !== undefined);
    return { ...desired, ...Object.fromEntries(clearable.map((field) => [field, propertyNamed(definition, field)!.clearWith])) };
}

/** The field whose empty value the service refused (`InvalidOnDemandUrl.Malformed` and the like), if that is what `error` says. Pure. */
export function refusedEmptyField(definition: ResourceDefinition, error: unknown, fields: readonly string[]): string | undefined {
    const e = (error ?? {}) as { kind?: unknown; code?: unknown; serviceMessage?: unknown };
    if (e.kind !== "invalid-input") return undefined;
    const code = typeof e.code === "string" ? e.code : "";
    const message = typeof e.serviceMessage === "string" ? e.serviceMessage : "";
    return fields.find((field) => {
        const param = propertyNamed(definition, field)?.wire?.name ?? field;
        return code.includes(param) || message.includes(param);
    });
}

/** The cleared fields a Describe shows still held. A key Describe leaves out cannot be seen: taken as cleared. Pure. */
export function stillHeld(definition: ResourceDefinition, described: Described<Bag>, fields: readonly string[]): string[] {
    return fields.filter((field) => {
        if (!propertyNamed(definition, field)?.secret) return held(described.config[field]);
        const view = described.authKeyView;
        if (view?.kind === "absent") return false;
        return view?.kind === "masked" || described.config[field] !== undefined;
    });
}

/**
 * The service keeps a value the declared configuration removes, and no update can clear it (e.g. it
 * keeps fields left out of Update and refuses them empty). `holds` is what the service holds.
 */
export class UnclearableFieldError extends Error {
    override readonly name = "UnclearableFieldError";
    constructor(
        readonly definition: ResourceDefinition,
        readonly id: string,
        readonly fields: readonly string[],
        readonly holds: Outputs,
    ) {
        super(unclearableMessage(definition, id, fields, holds));
    }
}

function unclearableMessage(definition: ResourceDefinition, id: string, fields: readonly string[], holds: Outputs): string {
    const secret = (field: string) => propertyNamed(definition, field)?.secret === true;
    // A URL is not a secret; the key is never shown.
    const held = fields.map((f) => (secret(f) ? `its ${f}` : `${f} ${JSON.stringify(holds[f])}`)).join(" and ");
    const shown = fields.find((f) => !secret(f));
    const keep = shown === undefined ? "" : ` or declare ${shown}: ${JSON.stringify(holds[shown])} to keep it`;
    return (
        `${definition.binding.actions.update.name} failed (${fields.join(", ")} cannot be cleared): the configuration of ${id} still holds ${held}. ` +
        "The service keeps a field that Update leaves out and refuses it empty, so no update can remove it. " +
        "The stack's state records what the service holds. To remove it, delete the configuration and create it again " +
        `(remove the resource from the program and run \`pulumi up\`, then add it back)${keep}.`
    );
}

/**
 * Updates the configuration to `desired` and makes sure fields it drops are gone. Resolves when the
 * service holds `desired` (as far as Describe shows); rejects with UnclearableFieldError when a dropped
 * field stays, and with the API's error otherwise.
 */
export async function writeConfig(
    definition: ResourceDefinition,
    live: ConfigApi<Bag, Bag>,
    id: string,
    desired: Bag,
    before: HeldBefore,
): Promise<void> {
    const dropped = fieldsToClear(definition, desired, before);
    if (dropped.length === 0) {
        await live.update(desired);
        return;
    }
    let clearing = dropped.filter((field) => propertyNamed(definition, field)?.clearWith !== undefined);
    for (;;) {
        try {
            await live.update(clearingRequest(definition, desired, clearing));
            break;
        } catch (error) {
            // A 4xx refusal: nothing was applied. Leave that field out instead, and look afterwards.
            const refused = refusedEmptyField(definition, error, clearing);
            if (refused === undefined) throw error;
            clearing = clearing.filter((field) => field !== refused);
        }
    }
    const described = await live.describe(identityOf(definition, desired));
    const left = stillHeld(definition, described, dropped);
    if (left.length > 0) {
        const kept = Object.fromEntries(
            left.map((field) => [field, secret(definition, field) ? (described.config[field] ?? before.config[field]) : described.config[field]]),
        );
        throw new UnclearableFieldError(definition, id, left, outputsOf(definition, { ...desired, ...kept }));
    }
}

const secret = (definition: ResourceDefinition, field: string): boolean => propertyNamed(definition, field)?.secret === true;
