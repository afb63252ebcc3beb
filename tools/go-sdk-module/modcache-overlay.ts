/**
 * A module cache that is the machine's own for every module but one repository's: a folder of symbolic
 * links to the real cache's entries, leaving out (at `<cache>/<host>/<owner>` and the same place under
 * `cache/download/`) the owner of the module a test serves from its local proxy. The `go` command then
 * reads every dependency from the real cache (nothing unpacked again, anything new downloaded into it)
 * and puts the served module in the overlay alone, so a test never meets, nor leaves behind, another
 * build of the same version in the machine's cache. Removing the overlay removes only links.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { escapeModulePath } from "./layout";

/**
 * Fills `overlay` (created) with links to `real`'s entries, except along `hidden` (path elements below
 * the cache root, e.g. `["github.com", "acme"]`): those levels are real folders whose other entries are
 * links, and the last element is left out.
 */
function linkAllBut(real: string, overlay: string, hidden: readonly string[]): void {
    fs.mkdirSync(overlay, { recursive: true });
    const entries = fs.existsSync(real) ? fs.readdirSync(real) : [];
    for (const name of entries) {
        if (name === hidden[0]) {
            if (hidden.length > 1) linkAllBut(path.join(real, name), path.join(overlay, name), hidden.slice(1));
            continue;
        }
        fs.symlinkSync(path.join(real, name), path.join(overlay, name));
    }
}

/** The overlay of `realCache` in `overlay` hiding the owner of `module` (`github.com/<owner>/...`). */
export function overlayModuleCache(realCache: string, overlay: string, module: string): void {
    const hidden = escapeModulePath(module).split("/").slice(0, 2);
    const real = path.resolve(realCache);
    fs.mkdirSync(overlay, { recursive: true });
    for (const name of fs.existsSync(real) ? fs.readdirSync(real) : []) {
        if (name === "cache" || name === hidden[0]) continue;
        fs.symlinkSync(path.join(real, name), path.join(overlay, name));
    }
    linkAllBut(path.join(real, hidden[0]), path.join(overlay, hidden[0]), hidden.slice(1));
    const cache = path.join(real, "cache");
    fs.mkdirSync(path.join(overlay, "cache"), { recursive: true });
    for (const name of fs.existsSync(cache) ? fs.readdirSync(cache) : []) {
        if (name !== "download") fs.symlinkSync(path.join(cache, name), path.join(overlay, "cache", name));
    }
    linkAllBut(path.join(cache, "download"), path.join(overlay, "cache", "download"), hidden);
}
