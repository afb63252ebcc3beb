/**
 * The plugin's version: the npm package's (`package-facts.ts`). The schema states it and GetPluginInfo
 * reports it; the engine looks plugins up by it, so the two must never differ (pulumi/pulumi#18387).
 */
import { packageFacts } from "./package-facts";

export function pluginVersion(): string {
    return packageFacts().version;
}
