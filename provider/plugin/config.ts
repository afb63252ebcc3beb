/**
 * The provider config a plugin receives (CheckConfig's and Configure's `args`, or Configure's
 * `variables` from older engines) as the settings resolver reads config: a getter of the settings
 * table's keys. And CheckConfig's verdict: every bad setting named as the plugin's users write it. Pure.
 */
import { resolveSettings, SettingsError, type ConfigGetter, type Environment } from "../resource/settings";
import { SETTINGS } from "../resource/settings-table";
import { PACKAGE, pluginConfigKey, pluginConfigName } from "./config-keys";

const SETTING_KEYS: ReadonlySet<string> = new Set(SETTINGS.flatMap((s) => s.configKeys));
const isSettingKey = (key: string) => SETTING_KEYS.has(key);

export type ConfigBag = Readonly<Record<string, unknown>>;

/** `{"alicloud-live:config:endpoint": "..."}` (Configure's `variables`) -> `{endpoint: "..."}`. */
export function configFromVariables(variables: Iterable<readonly [string, string]>): ConfigBag {
    const prefix = `${PACKAGE}:config:`;
    const out: Record<string, unknown> = {};
    for (const [key, value] of variables) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
    return out;
}

export function configGetter(config: ConfigBag): ConfigGetter {
    return (key) => {
        const value = config[pluginConfigName(key)];
        if (value === undefined || value === null) return undefined;
        return typeof value === "string" ? value : JSON.stringify(value);
    };
}

export interface ConfigFailure {
    /** The config variable (`quotaHeadroom`), or "" when the bad value came from the environment. */
    readonly property: string;
    readonly reason: string;
}

/** What is wrong with the config, read together with the environment as Configure will; [] when nothing. */
export function configFailures(config: ConfigBag, env: Environment): ConfigFailure[] {
    try {
        resolveSettings(configGetter(config), env);
        return [];
    } catch (error) {
        return [configFailure(error)];
    }
}

/** `text` with every settings key it names as the plugin's users write it (`alicloud-live:accessKey`, not `alicloud:accessKey`). */
function withPluginKeys(text: string): string {
    return text.replace(/\b[a-z-]+:[A-Za-z]+\b/g, (key) => (isSettingKey(key) ? pluginConfigKey(key) : key));
}

/**
 * A configure failure with the keys it names as the plugin's users write them: a settings error's key
 * and rule, or any other message (the configure-time check's, e.g. "set alicloud:accessKey").
 */
export function configFailure(error: unknown): ConfigFailure {
    if (!(error instanceof SettingsError)) return { property: "", reason: withPluginKeys(error instanceof Error ? error.message : String(error)) };
    const isConfigKey = error.key.includes(":");
    const key = isConfigKey ? pluginConfigKey(error.key) : error.key;
    // A rule may name another key ("set alicloud:secretKey"): as the plugin's users write it too.
    return { property: isConfigKey ? pluginConfigName(error.key) : "", reason: `Invalid setting ${key}: ${withPluginKeys(error.rule)}` };
}
