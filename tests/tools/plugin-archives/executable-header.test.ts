import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { readExecutableHeader } from "../../../tools/plugin-archives/executable-header";

/** The first bytes of a little-endian 64-bit ELF for `machine`. */
function elf(machine: number): Buffer {
    const b = Buffer.alloc(64);
    b.write("\x7fELF", 0, "latin1");
    b[4] = 2; // 64-bit
    b[5] = 1; // little-endian
    b.writeUInt16LE(machine, 18);
    return b;
}

/** An MZ stub pointing at a PE header for `machine`. */
function pe(machine: number, signature = "PE\0\0"): Buffer {
    const b = Buffer.alloc(0x100);
    b.write("MZ", 0, "latin1");
    b.writeUInt32LE(0x80, 0x3c);
    b.write(signature, 0x80, "latin1");
    b.writeUInt16LE(machine, 0x84);
    return b;
}

function macho(cpu: number): Buffer {
    const b = Buffer.alloc(32);
    b.writeUInt32LE(0xfeedfacf, 0);
    b.writeUInt32LE(cpu, 4);
    return b;
}

describe("tools/plugin-archives executable-header (format and machine from the first bytes, pure)", () => {
    it("ELF: e_machine 62 is amd64, 183 is arm64", () => {
        assert.deepEqual(readExecutableHeader(elf(62)), { format: "elf", arch: "amd64" });
        assert.deepEqual(readExecutableHeader(elf(183)), { format: "elf", arch: "arm64" });
        assert.deepEqual(readExecutableHeader(elf(40)), { format: "elf", arch: "unknown (0x28)" });
    });

    it("PE: Machine 0x8664 is amd64, 0xaa64 is arm64; an MZ stub without a PE header is none", () => {
        assert.deepEqual(readExecutableHeader(pe(0x8664)), { format: "pe", arch: "amd64" });
        assert.deepEqual(readExecutableHeader(pe(0xaa64)), { format: "pe", arch: "arm64" });
        assert.equal(readExecutableHeader(pe(0x8664, "NE\0\0")), undefined);
    });

    it("Mach-O 64: cputype 0x01000007 is amd64, 0x0100000c is arm64", () => {
        assert.deepEqual(readExecutableHeader(macho(0x01000007)), { format: "macho", arch: "amd64" });
        assert.deepEqual(readExecutableHeader(macho(0x0100000c)), { format: "macho", arch: "arm64" });
    });

    it("a script or a short file is none of them", () => {
        assert.equal(readExecutableHeader(Buffer.from("#!/bin/sh\nexec node x.js\n")), undefined);
        assert.equal(readExecutableHeader(Buffer.alloc(3)), undefined);
    });

    it("reads the Node running this test as this machine's ELF", () => {
        const head = Buffer.alloc(64);
        const fd = fs.openSync(process.execPath, "r");
        fs.readSync(fd, head, 0, 64, 0);
        fs.closeSync(fd);
        assert.deepEqual(readExecutableHeader(head), { format: "elf", arch: process.arch === "arm64" ? "arm64" : "amd64" });
    });
});
