/**
 * Where users get the plugin and its SDKs from, derived from package.json: the plugin's download URL
 * (the schema's `pluginDownloadURL`, so every generated SDK's, and the TypeScript class's resource
 * option) and the Go SDK's module path. One setting decides the URL: package.json `pluginDownloadURL`
 * when it is there (a mirror, a fork), else the GitHub releases of the repository package.json
 * names (`repository`), in Pulumi's `github://api.github.com/<owner>/<repo>` scheme. The Go module is
 * `sdk/go` of that repository. `distributionOf` is pure; `pluginDistribution` takes the package facts
 * (`./package-facts.ts`, which a bundle carries inlined).
 */
import { packageFacts, type PackageFacts } from "./package-facts";

/** The package.json fields this reads. */
export type PackageManifest = Pick<PackageFacts, "repository" | "pluginDownloadURL">;

export interface Distribution {
    /** The schema's `pluginDownloadURL`: the engine downloads `<url>/pulumi-resource-alicloud-live-v<version>-<os>-<arch>.tar.gz`. */
    readonly pluginDownloadURL: string;
    /** The repository on GitHub, e.g. `pulumi-alicloud-live/pulumi-alicloud-live`. */
    readonly githubRepository: string;
    /** The Go SDK's module path: the repository's `sdk/go` folder. */
    readonly goModule: string;
}

/** The schemes the engine downloads plugin archives from (git:// is for source checkouts, not archives). */
const DOWNLOAD_SCHEMES = ["github://", "gitlab://", "https://", "http://"] as const;

/** Where the SDKs' Go code sits below the repository: the module is this folder, tagged `sdk/go/vX.Y.Z`. */
export const GO_SDK_FOLDER = "sdk/go";

export class DistributionError extends Error {
    override readonly name = "DistributionError";
}

/**
 * `owner/repo` from package.json's `repository` in any of npm's forms: `github:owner/repo`,
 * `owner/repo`, `https://github.com/owner/repo(.git)`, `git+https://…`, `git+ssh://git@github.com/…`,
 * `git@github.com:owner/repo.git`, or `{ "type": "git", "url": <one of those> }`.
 */
export function githubRepositoryOf(repository: PackageManifest["repository"]): string {
    const url = typeof repository === "string" ? repository : repository?.url;
    if (!url) throw new DistributionError('package.json has no "repository": it names where the plugin is released');
    const match =
        /^(?:github:)?([\w.-]+)\/([\w.-]+?)$/.exec(url) ??
        /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url) ??
        /^git@github\.com:([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(url);
    if (!match) {
        throw new DistributionError(
            `package.json "repository" (${url}) is not a GitHub repository: set "pluginDownloadURL" in package.json to where the plugin archives are`,
        );
    }
    return `${match[1]}/${match[2]}`;
}

/** The plugin's download URL and the Go module, from package.json's fields. Pure. */
export function distributionOf(manifest: PackageManifest): Distribution {
    const githubRepository = githubRepositoryOf(manifest.repository);
    const explicit = manifest.pluginDownloadURL;
    if (explicit !== undefined && !DOWNLOAD_SCHEMES.some((scheme) => explicit.startsWith(scheme) && explicit.length > scheme.length)) {
        throw new DistributionError(
            `package.json "pluginDownloadURL" (${JSON.stringify(explicit)}) must be a URL the Pulumi engine downloads plugins from: ${DOWNLOAD_SCHEMES.join(", ")}`,
        );
    }
    return {
        pluginDownloadURL: explicit ?? `github://api.github.com/${githubRepository}`,
        githubRepository,
        goModule: `github.com/${githubRepository}/${GO_SDK_FOLDER}`,
    };
}

let distribution: Distribution | undefined;

/** This package's distribution, from its package facts. */
export function pluginDistribution(): Distribution {
    return (distribution ??= distributionOf(packageFacts()));
}
