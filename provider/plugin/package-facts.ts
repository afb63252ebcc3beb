/**
 * The package facts the plugin states (its name and version; the install settings beside them), read
 * from one place: the package's own `package.json`. The one `require` below is a literal relative path,
 * so Node reads the installed package's manifest (dist/provider/plugin/ -> the package root), and a
 * bundler inlines that manifest at build time: the plugin archives' bundle
 * (`tools/plugin-archives/bundle.ts`) carries it, with the archive's version applied, and reads no file
 * at run time.
 */

/** What the plugin reads of `package.json`. */
export interface PackageFacts {
    readonly name: string;
    readonly version: string;
    /** Where the package is developed: its GitHub releases hold the plugin archives (`./distribution.ts`). */
    readonly repository?: string | { readonly type?: string; readonly url?: string };
    /** Where the plugin archives are instead, when set (a mirror, a fork; `./distribution.ts`). */
    readonly pluginDownloadURL?: string;
}

/** The manifest's top-level keys the bundle carries: those of `PackageFacts` (a key added there is added here). */
export const PACKAGE_FACT_KEYS: readonly (keyof PackageFacts)[] = ["name", "version", "repository", "pluginDownloadURL"];

let facts: PackageFacts | undefined;

export function packageFacts(): PackageFacts {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require, so that a bundler inlines the manifest (see above)
    return (facts ??= require("../../../package.json") as PackageFacts);
}
