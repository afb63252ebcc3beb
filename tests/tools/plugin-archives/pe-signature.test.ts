import { strict as assert } from "node:assert";
import { authenticodeTable, withoutAuthenticode } from "../../../tools/plugin-archives/pe-signature";

/** A PE32+ skeleton of `size` bytes whose certificate table is its last `tableSize` bytes (0: unsigned). */
function signedPe(size: number, tableSize: number): Buffer {
    const b = Buffer.alloc(size, 0x11);
    b.write("MZ", 0, "latin1");
    b.writeUInt32LE(0x80, 0x3c);
    b.write("PE\0\0", 0x80, "latin1");
    const optional = 0x80 + 24;
    b.writeUInt16LE(0x20b, optional);
    b.writeUInt32LE(0xabcd, optional + 64); // CheckSum
    const entry = optional + 112 + 4 * 8;
    b.writeUInt32LE(tableSize ? size - tableSize : 0, entry);
    b.writeUInt32LE(tableSize, entry + 4);
    return b;
}

describe("tools/plugin-archives pe-signature (removing Authenticode before injection, pure)", () => {
    it("finds the certificate table in data directory 4 and cuts it off, zeroing the entry and the checksum", () => {
        const pe = signedPe(4096, 512);
        assert.deepEqual(authenticodeTable(pe), { offset: 3584, size: 512, entryAt: 0x80 + 24 + 112 + 32 });
        const stripped = withoutAuthenticode(pe);
        assert.equal(stripped.length, 3584);
        assert.equal(authenticodeTable(stripped), undefined);
        assert.equal(stripped.readUInt32LE(0x80 + 24 + 64), 0);
        assert.ok(stripped.subarray(0x200, 3584).equals(pe.subarray(0x200, 3584)), "the code is kept");
    });

    it("leaves an unsigned executable as it is", () => {
        const pe = signedPe(4096, 0);
        assert.equal(withoutAuthenticode(pe), pe);
    });

    it("refuses a table that runs past the file's end", () => {
        const pe = signedPe(4096, 512);
        pe.writeUInt32LE(8192, 0x80 + 24 + 112 + 36);
        assert.throws(() => withoutAuthenticode(pe), /past the end/);
    });
});
