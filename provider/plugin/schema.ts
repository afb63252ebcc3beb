/**
 * The plugin's Pulumi package schema, derived from the tables the rest of the provider runs on: each
 * resource's definition (`../resources/`, whose property tables the validation rules also follow) and
 * the settings (`../resource/settings-table.ts`). Nothing here is kept by hand twice. Pure.
 */
import { identityProperties, type PropertySpec, type ResourceDefinition } from "../resource/definition";
import { holderNoun, idForm } from "../resource/identity";
import { RESOURCES } from "../resources";
import { PLUGIN_CONFIG } from "./config-keys";
import type { Distribution } from "./distribution";
import { PACKAGE, RESOURCE_TYPE, resourceType } from "./tokens";

export { RESOURCE_TYPE };

/** The Go SDK's package name, a folder of the module. */
export const GO_PACKAGE = "alicloudlive";

/** A resource's description, with how to import one by its id. */
function resourceDescription(definition: ResourceDefinition): string {
    const identity = identityProperties(definition);
    const byWhat = identity.length === 1 ? `its ${holderNoun(definition)}` : `its id, \`${idForm(definition)}\``;
    const example = identity.map((p) => p.example ?? p.name).join("/");
    return (
        `${definition.description}\n\n## Import\n\nImport an existing configuration by ${byWhat}:\n\n` +
        `\`\`\`sh\n$ pulumi import ${resourceType(definition.type)} example ${example}\n\`\`\`\n`
    );
}

/** A property's type in the schema: a scalar, an array of its items, or a reference to its object type. */
type SchemaType =
    { readonly type: "string" | "boolean" | "integer" } | { readonly type: "array"; readonly items: SchemaType } | { readonly $ref: string };

type SchemaProperty = SchemaType & {
    readonly description: string;
    readonly secret?: true;
    readonly default?: boolean | number | string;
};

/** The token of an object type (a list's items): `alicloud-live:index:RecordFormat`. */
function objectToken(spec: PropertySpec): string {
    return `${PACKAGE}:index:${spec.name}`;
}

function schemaType(spec: PropertySpec): SchemaType {
    if (spec.type === "list") return { type: "array", items: schemaType(spec.items!) };
    if (spec.type === "object") return { $ref: `#/types/${objectToken(spec)}` };
    return { type: spec.type };
}

function schemaProperty(spec: PropertySpec, asInput: boolean): SchemaProperty {
    return {
        ...schemaType(spec),
        description: spec.description,
        ...(spec.secret ? { secret: true as const } : {}),
        ...(asInput && spec.defaultValue !== undefined ? { default: spec.defaultValue } : {}),
    };
}

/** The object types of a resource's properties (a list's items), by token. */
function objectTypes(specs: readonly PropertySpec[]): Record<string, unknown> {
    const types: Record<string, unknown> = {};
    for (const spec of specs) {
        const object = spec.type === "object" ? spec : spec.type === "list" && spec.items?.type === "object" ? spec.items : undefined;
        if (object === undefined) continue;
        const fields = object.properties ?? [];
        types[objectToken(object)] = {
            type: "object",
            description: object.description,
            properties: propertiesOf(fields, true),
            required: fields.filter((f) => f.required).map((f) => f.name),
        };
        Object.assign(types, objectTypes(fields));
    }
    return types;
}

function propertiesOf(specs: readonly PropertySpec[], asInput: boolean): Record<string, SchemaProperty> {
    return Object.fromEntries(specs.map((spec) => [spec.name, schemaProperty(spec, asInput)]));
}

/** The schema's `types`, when a resource has object types. */
function typesOf(resources: readonly ResourceDefinition[]): { readonly types?: Record<string, unknown> } {
    const types = Object.assign({}, ...resources.map((definition) => objectTypes(definition.properties))) as Record<string, unknown>;
    return Object.keys(types).length === 0 ? {} : { types };
}

/** One resource's entry in the schema's `resources`. */
export function resourceSchema(definition: ResourceDefinition): Record<string, unknown> {
    const outputs = definition.properties.filter((p) => p.output);
    return {
        description: resourceDescription(definition),
        properties: propertiesOf(outputs, false),
        // Outputs the provider always sets (booleans are defaulted by check).
        required: outputs.filter((p) => p.required || p.defaultValue !== undefined).map((p) => p.name),
        inputProperties: propertiesOf(definition.properties, true),
        requiredInputs: definition.properties.filter((p) => p.required).map((p) => p.name),
    };
}

function configProperties(): Record<string, { type: "string"; description: string; secret?: true }> {
    return Object.fromEntries(
        PLUGIN_CONFIG.map((v) => [v.name, { type: "string" as const, description: v.description, ...(v.secret ? { secret: true as const } : {}) }]),
    );
}

/**
 * The schema of the plugin of `version`, released where `distribution` says (package.json's, see
 * `./distribution.ts`): its `pluginDownloadURL` goes into every generated SDK, which hands it to the
 * engine, so a program's first run downloads the plugin. `resources`: every resource of the package.
 */
export function packageSchema(
    version: string,
    distribution: Distribution,
    resources: readonly ResourceDefinition[] = RESOURCES,
): Record<string, unknown> {
    return {
        name: PACKAGE,
        displayName: "Alibaba Cloud Live configuration",
        version,
        description: `Manage Alibaba Cloud ApsaraVideo Live configuration (${resources.map((d) => d.type).join(", ")}), paced to the account's API quota.`,
        keywords: ["pulumi", "alicloud", "alibaba-cloud", "apsaravideo-live", "live", "category/cloud", "kind/native"],
        license: "Apache-2.0",
        repository: `https://github.com/${distribution.githubRepository}`,
        pluginDownloadURL: distribution.pluginDownloadURL,
        config: { variables: configProperties() },
        provider: {
            description: "The alicloud-live provider: credentials, endpoint and quota settings (see docs/configuration.md).",
            inputProperties: configProperties(),
        },
        ...typesOf(resources),
        resources: Object.fromEntries(resources.map((definition) => [resourceType(definition.type), resourceSchema(definition)])),
        language: {
            nodejs: { packageName: "pulumi-alicloud-live-sdk", respectSchemaVersion: true },
            python: { packageName: "pulumi_alicloud_live", respectSchemaVersion: true },
            // The Go package sits in the module's folder `alicloudlive` (the module is the import path's parent).
            go: { importBasePath: `${distribution.goModule}/${GO_PACKAGE}`, respectSchemaVersion: true },
            // Classes in com.github.pulumi_alicloud_live.alicloudlive (the Java SDK finds plugin.json only below com/);
            // the SDK's build is the pom.xml tools/sdkgen writes (no Gradle), on the Pulumi Java SDK of the same
            // pulumi-java release as the generator. Coordinates and reasons: docs/java.md.
            java: { basePackage: "com.github.pulumi_alicloud_live", buildFiles: "none", dependencies: { "com.pulumi:pulumi": "1.17.0" } },
        },
    };
}
