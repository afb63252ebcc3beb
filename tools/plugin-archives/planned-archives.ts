/**
 * The files the archive command makes for a version, by name: one archive per platform and the
 * `SHA256SUMS` beside them. The command writes exactly these, and the release workflow's test checks
 * that the workflow uploads exactly these (tests/tools/plugin-archives/release-workflow.test.ts). Pure.
 */
import { PACKAGE } from "../../provider/plugin/tokens";
import { PLATFORMS, type Platform } from "./platforms";

/** The executable at each archive's root: what the engine runs (`.exe` on Windows). */
export const PLUGIN_EXECUTABLE = `pulumi-resource-${PACKAGE}`;

export const CHECKSUMS_FILE = "SHA256SUMS";

/** The command's output folder, relative to the repository (the release workflow uploads from it). */
export const DEFAULT_OUT_DIR = "build/plugin-archives";

/** A release version: `0.1.0`, `1.2.3-rc.1` (no `+build`, which Pulumi's download URL would escape). */
export const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export function checkVersion(version: string): string {
    if (!VERSION_PATTERN.test(version))
        throw new RangeError(`--version: ${JSON.stringify(version)} is not a release version like 0.1.0 or 1.2.3-rc.1`);
    return version;
}

/** The name Pulumi downloads: `pulumi-resource-alicloud-live-v0.1.0-linux-amd64.tar.gz`. */
export function archiveName(version: string, platform: Pick<Platform, "name">): string {
    return `${PLUGIN_EXECUTABLE}-v${checkVersion(version)}-${platform.name}.tar.gz`;
}

/** Every file name a build of `version` for `platforms` makes, archives in the table's order, then `SHA256SUMS`. */
export function plannedArchives(version: string, platforms: readonly Pick<Platform, "name">[] = PLATFORMS): string[] {
    return [...platforms.map((p) => archiveName(version, p)), CHECKSUMS_FILE];
}
