/**
 * Removes the Authenticode signature from a Windows executable, as `signtool remove /s` does (the
 * optional step Node's documentation puts before injecting into `node.exe`): the signature covers the
 * file's bytes, so after injection it would be a corrupted signature rather than none. The certificate
 * table is the PE's data directory 4 (`IMAGE_DIRECTORY_ENTRY_SECURITY`), whose address is a file offset;
 * it is zeroed, the table (at the file's end) cut off, and the header checksum (which covers the
 * signature too, and which Windows checks only for drivers) zeroed. Pure.
 */

const SECURITY_DIRECTORY = 4;

/** The certificate table's file offset and size, or undefined when the executable is unsigned or not a PE. */
export function authenticodeTable(pe: Buffer): { readonly offset: number; readonly size: number; readonly entryAt: number } | undefined {
    if (pe.length < 0x40 || pe.toString("latin1", 0, 2) !== "MZ") return undefined;
    const header = pe.readUInt32LE(0x3c);
    if (pe.toString("latin1", header, header + 4) !== "PE\0\0") return undefined;
    const optional = header + 24;
    const magic = pe.readUInt16LE(optional);
    // PE32+ (0x20b) has 8-byte image base and stack fields, so its directories start 16 bytes later than PE32's (0x10b).
    const directories = optional + (magic === 0x20b ? 112 : 96);
    const entryAt = directories + SECURITY_DIRECTORY * 8;
    const offset = pe.readUInt32LE(entryAt);
    const size = pe.readUInt32LE(entryAt + 4);
    return offset === 0 || size === 0 ? undefined : { offset, size, entryAt };
}

export function withoutAuthenticode(pe: Buffer): Buffer {
    const table = authenticodeTable(pe);
    if (!table) return pe;
    if (table.offset + table.size > pe.length) throw new RangeError("the certificate table runs past the end of the file");
    // The table is the file's last part (padded to 8 bytes); anything after it would be kept.
    const stripped = Buffer.concat([pe.subarray(0, table.offset), pe.subarray(table.offset + table.size)]);
    stripped.writeUInt32LE(0, table.entryAt);
    stripped.writeUInt32LE(0, table.entryAt + 4);
    const optional = pe.readUInt32LE(0x3c) + 24;
    stripped.writeUInt32LE(0, optional + 64); // CheckSum
    return stripped;
}
