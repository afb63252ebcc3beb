/**
 * A resource's id: the values of its identity properties joined by `/` (`live.example.com`,
 * `live.example.com/live`), what `pulumi import` and `.get()` take. Pure.
 */
import type { Bag } from "../api/types";
import { identityProperties, type ResourceDefinition } from "./definition";

/** The id of a configuration: its identity values, in the binding's order, joined by `/`. */
export function idOf(definition: ResourceDefinition, config: Bag): string {
    return definition.binding.identity
        .map((name) => config[name])
        .filter((value) => value !== undefined && value !== "")
        .join("/");
}

/** How many identity properties an id must have: the required ones (an optional one comes last). */
function requiredParts(definition: ResourceDefinition): number {
    return identityProperties(definition).filter((p) => p.required).length;
}

/** The form of `definition`'s ids, for messages: `domainName/appName[/streamName]`. */
export function idForm(definition: ResourceDefinition): string {
    const names = definition.binding.identity;
    const required = requiredParts(definition);
    const optional = names.slice(required).map((name) => `[/${name}]`);
    return names.slice(0, required).join("/") + optional.join("");
}

/** The identity an id stands for; an id of another form is refused, naming the form. */
export function identityFromId(definition: ResourceDefinition, id: string): Bag {
    const names = definition.binding.identity;
    const parts = typeof id === "string" ? id.split("/") : [];
    if (parts.length < requiredParts(definition) || parts.length > names.length || parts.some((part) => part.trim() === "")) {
        throw new Error(`${definition.type} ids have the form ${idForm(definition)}, not ${JSON.stringify(id)}`);
    }
    return Object.fromEntries(parts.map((part, i) => [names[i], part.trim()]));
}

/** What holds a configuration, for messages: "domain", "app" or "stream", after the identity's last property. */
export function holderNoun(definition: ResourceDefinition): string {
    return (definition.binding.identity.at(-1) ?? "domain").replace(/Name$/, "");
}
