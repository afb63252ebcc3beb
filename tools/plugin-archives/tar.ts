/**
 * A tar archive (POSIX ustar) of regular files, written byte by byte so that the same files give the
 * same bytes: the entries in the order given, one fixed mtime, owner and group 0 with no names, the
 * modes given, no directories, no extended headers. What Pulumi's plugin installer accepts (regular
 * files at the archive's root). Pure.
 */

export interface TarEntry {
    /** A path inside the archive (ASCII, under 100 bytes): `pulumi-resource-alicloud-live`. */
    readonly name: string;
    /** `0o755` for the executable, `0o644` for the rest. */
    readonly mode: number;
    readonly data: Buffer;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
    // `width - 1` octal digits, zero-padded, then NUL.
    return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(entry: TarEntry, mtime: number): Buffer {
    if (!/^[\x21-\x7e]+$/.test(entry.name) || entry.name.length >= 100)
        throw new RangeError(`tar entry name ${JSON.stringify(entry.name)}: printable ASCII under 100 bytes`);
    const block = Buffer.alloc(BLOCK);
    block.write(entry.name, 0, "ascii");
    block.write(octal(entry.mode, 8), 100, "ascii");
    block.write(octal(0, 8), 108, "ascii"); // uid
    block.write(octal(0, 8), 116, "ascii"); // gid
    block.write(octal(entry.data.length, 12), 124, "ascii");
    block.write(octal(mtime, 12), 136, "ascii");
    block.write("        ", 148, "ascii"); // the checksum counts its own field as spaces
    block.write("0", 156, "ascii"); // a regular file
    block.write("ustar\0" + "00", 257, "ascii");
    let sum = 0;
    for (const byte of block) sum += byte;
    block.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
    return block;
}

/** The archive of `entries`, each stamped with `mtime` (seconds since 1970). */
export function tarArchive(entries: readonly TarEntry[], mtime: number): Buffer {
    const parts: Buffer[] = [];
    for (const entry of entries) {
        parts.push(header(entry, mtime), entry.data);
        const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
        if (pad) parts.push(Buffer.alloc(pad));
    }
    parts.push(Buffer.alloc(2 * BLOCK)); // the end: two zero blocks
    return Buffer.concat(parts);
}
