/** `SHA256SUMS` as `sha256sum` writes it and `sha256sum -c` reads it: `<hex>  <name>`, one line per file, by name. Pure. */
import { createHash } from "node:crypto";

export function sha256(data: Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

export function checksumsText(files: readonly { readonly name: string; readonly sha256: string }[]): string {
    return [...files]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((f) => `${f.sha256}  ${f.name}\n`)
        .join("");
}
