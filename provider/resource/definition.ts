/**
 * What a resource is, as data: a table of its properties and its binding to the Live API. Each resource
 * of this package is one such definition (provider/resources/<resource>/); everything else, the rules
 * `check` applies, `diff`, the wire parameters and the reading of Describe, the plugin's schema and so
 * the SDKs, the TypeScript classes and the docs' property tables, is derived from it by the generic
 * machinery of this folder. Types, and the look-ups into a definition that machinery shares.
 */
import type { ActionQuota } from "../retry/retrying-options";
import type { RuleName } from "./rules";

/** A property's value type: a scalar, a list of `items`, or an object of `properties`. */
export type ValueType = "string" | "boolean" | "integer" | "list" | "object";

/**
 * How a value is written on the wire: `plain` as the official SDK types it (a boolean goes through
 * `OpenApiUtil.query` as "true"/"false"), `yesno` a boolean as the strings "yes"/"no" (the snapshot and
 * stream callback actions type NotifyReqAuth as a string with those values).
 */
export type WireForm = "plain" | "yesno";

/** The API parameter a property is sent as, and read back from Describe as. */
export interface WireSpec {
    /** The parameter's name, e.g. `NotifyUrl`. */
    readonly name: string;
    /** @defaultValue "plain" */
    readonly form?: WireForm;
    /** The field Describe answers it in, when it differs from `name` (e.g. `OnDemond`). */
    readonly describedAs?: string;
}

export interface PropertySpec {
    /** The property's name in programs and state (camelCase). */
    readonly name: string;
    readonly type: ValueType;
    /** An input the program must give. */
    readonly required: boolean;
    /** The value check fills in when the input is left out. */
    readonly defaultValue?: boolean | number | string;
    /** Always stored and shown as a secret. */
    readonly secret: boolean;
    /** A change replaces the resource (the identity, or a field Update cannot take). */
    readonly replaces: boolean;
    /** Also an output: part of the configuration the service holds; `false` for a provider-side option, never sent. */
    readonly output: boolean;
    readonly description: string;
    /** A shared rule the value must meet, by name (rules.ts): one definition of each, referenced by every table. */
    readonly rule?: RuleName;
    /** The longest value the service takes, where it documents one (it narrows the rule's own limit). */
    readonly maxLength?: number;
    /** An integer's bounds, inclusive. */
    readonly min?: number;
    readonly max?: number;
    /** The only values allowed (strings or integers). */
    readonly oneOf?: readonly (string | number)[];
    /** A list's items: their type, rules and, for objects, their properties; `name` names the object type in the schema. */
    readonly items?: PropertySpec;
    /** An object's properties. */
    readonly properties?: readonly PropertySpec[];
    /**
     * Update cannot take it (its request model has no such field): it is left out of Update, and a
     * change replaces the resource (a property), or replaces when it differs in an item (a list's item field).
     */
    readonly notOnUpdate?: true;
    /** An example value, for the docs and the import example (identity properties have one). */
    readonly example?: string;
    /** Required when another property (of the same object) has this value, or one of these values. */
    readonly requiredWhen?: { readonly property: string; readonly equals: boolean | string | readonly string[] };
    /** The API parameter; absent for a provider-side option. */
    readonly wire?: WireSpec;
    /**
     * How Update removes an optional value the program no longer declares: sent as this (`""`; `"-"`
     * where the API says so). Absent: a value that is never cleared this way (booleans, always sent).
     */
    readonly clearWith?: "" | "-";
}

/** An action, the quota it is paced to, and where that quota is documented. */
export interface ActionSpec extends ActionQuota {
    /** Where the quota comes from: the API page, or why it is assumed when no page gives one. */
    readonly source: string;
}

/** The actions of a resource's four operations. Create and update may be one action (an upsert, `Set…`). */
export interface ActionsBinding {
    readonly create: ActionSpec;
    readonly update: ActionSpec;
    readonly read: ActionSpec;
    readonly delete: ActionSpec;
}

/** The property of `definition`'s table named `name`. */
export function propertyNamed(definition: ResourceDefinition, name: string): PropertySpec | undefined {
    return definition.properties.find((p) => p.name === name);
}

/** The properties of `definition`'s identity, in the binding's order. */
export function identityProperties(definition: ResourceDefinition): PropertySpec[] {
    return definition.binding.identity.map((name) => propertyNamed(definition, name)!);
}

/** The names of the properties the engine must store as secrets. */
export function secretOutputs(definition: ResourceDefinition): string[] {
    return definition.properties.filter((p) => p.secret).map((p) => p.name);
}

/** Whether create and update are one action (an upsert, `Set…`); its binding says `addOnExisting: "overwritten"`. */
export function isUpsert(binding: ApiBinding): boolean {
    return binding.actions.create.name === binding.actions.update.name;
}

/** The actions of a binding, in operation order (create, update, read, delete); an upsert's action twice. */
export function actionsOf(binding: ApiBinding): ActionSpec[] {
    const { create, update, read, delete: remove } = binding.actions;
    return [create, update, read, remove];
}

/** Where Describe's answer holds the configuration. */
export type DescribedShape =
    /** Under one field of the body, e.g. `{"LiveRecordNotifyConfig": {...}}`. */
    | { readonly in: "field"; readonly field: string }
    /** In the body itself, beside `RequestId`. */
    | { readonly in: "body" }
    /**
     * One of a list, at `path` (`LiveAppRecordList.LiveAppRecord`), paged: Describe is asked for the
     * identity's fields and pages of `pageSize` (`PageNum`, `PageSize`), until the entry whose identity is
     * the configuration's, or the last page (`TotalPage`).
     */
    | { readonly in: "list"; readonly path: string; readonly pageSize: number };

export interface ApiBinding {
    readonly actions: ActionsBinding;
    /**
     * The properties that identify a configuration, in the order of the resource id: the id is their
     * values joined by `/` (`domain`, `domain/app`, `domain/app[/stream]`: an optional one comes last).
     */
    readonly identity: readonly string[];
    readonly described: DescribedShape;
    /**
     * What the create action does on an identity that already has a configuration, as the API pages say:
     * `refused` (`ConfigAlreadyExists`); `undocumented`; or `overwritten`, an upsert (`Set…`: create and
     * update are one action, which writes over whatever the identity holds). Unless `refused`, create
     * describes first, so that a configuration nobody declared is never taken over silently.
     */
    readonly addOnExisting: "refused" | "undocumented" | "overwritten";
}

/** A rule over several properties of a table. */
export type TableRule =
    /** At least one of these (lists: non-empty) must be given. */
    | { readonly atLeastOneOf: readonly string[] }
    /** These are taken only with `needs` given (the recording window of a stream-level configuration). */
    | { readonly given: readonly string[]; readonly needs: string };

export interface ResourceDefinition {
    /** The resource's type name, e.g. `LiveRecordNotifyConfig` (the plugin's token is `alicloud-live:index:<type>`). */
    readonly type: string;
    /** What one is, in words for messages: "recording callback configuration". */
    readonly title: string;
    /** The description the schema, the SDKs and the docs give. */
    readonly description: string;
    /** Its reference page, which holds its generated property table (docs-tables.ts). */
    readonly docsPage: string;
    /** The properties, in display order. */
    readonly properties: readonly PropertySpec[];
    /** Rules over several properties. */
    readonly rules?: readonly TableRule[];
    readonly binding: ApiBinding;
}
