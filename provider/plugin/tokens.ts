/**
 * The plugin's package name and the resource's type token: what the engine matches a program's
 * resources to the plugin by. Apart from the schema, so the program-side class (`../plugin-sdk/`)
 * takes them without loading the schema's tables or the API client. Data only.
 */

/** The Pulumi package: the plugin is `pulumi-resource-alicloud-live`, its config keys `alicloud-live:*`. */
export const PACKAGE = "alicloud-live";

/** The resource's type token. */
export const RESOURCE_TYPE = `${PACKAGE}:index:LiveRecordNotifyConfig`;
