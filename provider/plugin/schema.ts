/**
 * The plugin's Pulumi package schema, derived from the tables the rest of the provider runs on: the
 * resource's properties (`../resource/properties.ts`, which the validation rules also follow) and the
 * settings (`../resource/settings-table.ts`). Nothing here is kept by hand twice. Pure.
 */
import { PROPERTIES, type PropertySpec } from "../resource/properties";
import { PLUGIN_CONFIG } from "./config-keys";
import type { Distribution } from "./distribution";
import { PACKAGE, RESOURCE_TYPE } from "./tokens";

export { RESOURCE_TYPE };

/** The Go SDK's package name, a folder of the module. */
export const GO_PACKAGE = "alicloudlive";

const RESOURCE_DESCRIPTION =
    "The recording callback configuration of one Alibaba Cloud ApsaraVideo Live streaming domain: where Live sends " +
    "recording callbacks, and how they are signed. The service holds at most one per domain; the resource id is the domain.\n\n" +
    "## Import\n\nImport an existing configuration by its domain:\n\n" +
    "```sh\n$ pulumi import alicloud-live:index:LiveRecordNotifyConfig example live.example.com\n```\n";

interface SchemaProperty {
    readonly type: "string" | "boolean";
    readonly description: string;
    readonly secret?: true;
    readonly default?: boolean;
}

function schemaProperty(spec: PropertySpec, asInput: boolean): SchemaProperty {
    return {
        type: spec.type,
        description: spec.description,
        ...(spec.secret ? { secret: true as const } : {}),
        ...(asInput && spec.defaultValue !== undefined ? { default: spec.defaultValue } : {}),
    };
}

function propertiesOf(specs: readonly PropertySpec[], asInput: boolean): Record<string, SchemaProperty> {
    return Object.fromEntries(specs.map((spec) => [spec.name, schemaProperty(spec, asInput)]));
}

function configProperties(): Record<string, { type: "string"; description: string; secret?: true }> {
    return Object.fromEntries(
        PLUGIN_CONFIG.map((v) => [v.name, { type: "string" as const, description: v.description, ...(v.secret ? { secret: true as const } : {}) }]),
    );
}

/**
 * The schema of the plugin of `version`, released where `distribution` says (package.json's, see
 * `./distribution.ts`): its `pluginDownloadURL` goes into every generated SDK, which hands it to the
 * engine, so a program's first run downloads the plugin.
 */
export function packageSchema(version: string, distribution: Distribution): Record<string, unknown> {
    const outputs = PROPERTIES.filter((p) => p.output);
    return {
        name: PACKAGE,
        displayName: "Alibaba Cloud Live recording callbacks",
        version,
        description:
            "Manage Alibaba Cloud ApsaraVideo Live recording-callback configuration (LiveRecordNotifyConfig), paced to the account's API quota.",
        keywords: ["pulumi", "alicloud", "alibaba-cloud", "apsaravideo-live", "live", "category/cloud", "kind/native"],
        license: "Apache-2.0",
        repository: `https://github.com/${distribution.githubRepository}`,
        pluginDownloadURL: distribution.pluginDownloadURL,
        config: { variables: configProperties() },
        provider: {
            description: "The alicloud-live provider: credentials, endpoint and quota settings (see docs/configuration.md).",
            inputProperties: configProperties(),
        },
        resources: {
            [RESOURCE_TYPE]: {
                description: RESOURCE_DESCRIPTION,
                properties: propertiesOf(outputs, false),
                // Outputs the provider always sets (booleans are defaulted by check).
                required: outputs.filter((p) => p.required || p.defaultValue !== undefined).map((p) => p.name),
                inputProperties: propertiesOf(PROPERTIES, true),
                requiredInputs: PROPERTIES.filter((p) => p.required).map((p) => p.name),
            },
        },
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
