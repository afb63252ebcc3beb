/**
 * The plugin's package name and the resources' type tokens: what the engine matches a program's
 * resources to the plugin by. Apart from the schema, so the program-side classes (`../plugin-sdk/`)
 * take them without loading the schema's tables or the API client. Data only.
 */

/** The Pulumi package: the plugin is `pulumi-resource-alicloud-live`, its config keys `alicloud-live:*`. */
export const PACKAGE = "alicloud-live";

/** A resource's type token: `alicloud-live:index:<type>`. */
export function resourceType(type: string): string {
    return `${PACKAGE}:index:${type}`;
}

/** `LiveRecordNotifyConfig`'s type token. */
export const RESOURCE_TYPE = resourceType("LiveRecordNotifyConfig");
