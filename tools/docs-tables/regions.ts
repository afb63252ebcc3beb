/**
 * Every table of the docs that is generated from the product's tables: the settings (docs/configuration.md),
 * each resource's properties (its reference page), and every action's quota (docs/throttling.md). Each is
 * a region between two markers of one file. Pure: what the regions hold comes from the product's data.
 */
import { QUOTA_TABLE_MARKERS, propertiesTableMarkers, renderPropertiesTable, renderQuotaTable } from "../../provider/resource/docs-tables";
import { renderSettingsTable, SETTINGS_TABLE_END, SETTINGS_TABLE_START } from "../../provider/resource/settings-table";
import type { ResourceDefinition } from "../../provider/resource/definition";
import { RESOURCES } from "../../provider/resources";

export interface GeneratedRegion {
    /** The file, relative to the repository root. */
    readonly file: string;
    readonly markers: { readonly start: string; readonly end: string };
    /** What the region must hold. */
    readonly table: string;
}

export function generatedRegions(resources: readonly ResourceDefinition[] = RESOURCES): GeneratedRegion[] {
    return [
        { file: "docs/configuration.md", markers: { start: SETTINGS_TABLE_START, end: SETTINGS_TABLE_END }, table: renderSettingsTable() },
        { file: "docs/throttling.md", markers: QUOTA_TABLE_MARKERS, table: renderQuotaTable(resources) },
        ...resources.map((definition) => ({
            file: definition.docsPage,
            markers: propertiesTableMarkers(definition),
            table: renderPropertiesTable(definition),
        })),
    ];
}
