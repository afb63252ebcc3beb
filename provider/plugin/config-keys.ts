/**
 * The plugin's provider config. The engine hands a provider plugin only its own package's keys
 * (`alicloud-live:*`), so every setting's config key is read under that namespace by its own name:
 * `alicloud:accessKey` becomes `alicloud-live:accessKey`, `alicloud-live:endpoint` stays. Same
 * settings, precedence, rules and secrets as the dynamic provider. Pure.
 */
import { SETTINGS, type SettingSpec } from "../resource/settings-table";
import { PACKAGE } from "./tokens";

export { PACKAGE };

/** `alicloud:accessKey` -> `accessKey`: the name of a setting's config key in the plugin's config. */
export function pluginConfigName(configKey: string): string {
    return configKey.slice(configKey.indexOf(":") + 1);
}

/** How the plugin's users write a key the settings table names: `alicloud-live:accessKey`. */
export function pluginConfigKey(configKey: string): string {
    return `${PACKAGE}:${pluginConfigName(configKey)}`;
}

export interface PluginConfigVariable {
    readonly name: string;
    readonly secret: boolean;
    readonly description: string;
}

/** Every config variable of the plugin, in the settings table's order, once each. */
export const PLUGIN_CONFIG: readonly PluginConfigVariable[] = (() => {
    const seen = new Map<string, PluginConfigVariable>();
    for (const spec of SETTINGS) {
        for (const key of spec.configKeys) {
            const name = pluginConfigName(key);
            if (!seen.has(name)) seen.set(name, { name, secret: spec.secret, description: describe(spec, key) });
        }
    }
    return [...seen.values()];
})();

function describe(spec: SettingSpec, key: string): string {
    const env = spec.envVars.length > 0 ? ` Environment: ${spec.envVars.map((v) => `\`${v}\``).join(", ")}.` : "";
    const fallback = spec.defaultValue === undefined ? "" : ` Default: \`${spec.defaultValue}\`.`;
    const alias = key.startsWith(`${PACKAGE}:`) ? "" : ` (\`${key}\` for the dynamic provider)`;
    return `${spec.description}${alias}${env}${fallback}`;
}
