import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { CS_ADHOC, readCodeSignature, type CodeSignature } from "../../../tools/plugin-archives/macho-code-signature";

const PAGE = 4096;

/**
 * A thin 64-bit Mach-O of `pages` pages of code followed by an embedded signature: one load command
 * (LC_CODE_SIGNATURE) and a SuperBlob whose CodeDirectory holds each page's SHA-256, as a signer writes it.
 */
function signedMachO(pages: number, flags: number, identifier: string): Buffer {
    const codeLimit = pages * PAGE;
    const code = Buffer.alloc(codeLimit);
    for (let i = 0; i < codeLimit; i++) code[i] = (i * 7) & 0xff;
    code.writeUInt32LE(0xfeedfacf, 0);
    code.writeUInt32LE(0x01000007, 4);
    code.writeUInt32LE(1, 16); // ncmds
    code.writeUInt32LE(16, 20); // sizeofcmds
    code.writeUInt32LE(0x1d, 32); // LC_CODE_SIGNATURE
    code.writeUInt32LE(16, 36);
    code.writeUInt32LE(codeLimit, 40); // dataoff: the signature follows the code
    const ident = Buffer.from(`${identifier}\0`);
    const hashOffset = 44 + ident.length;
    const cd = Buffer.alloc(hashOffset + pages * 32);
    code.writeUInt32LE(20 + cd.length, 44); // datasize (inside page 0, so written before hashing)
    cd.writeUInt32BE(0xfade0c02, 0);
    cd.writeUInt32BE(cd.length, 4);
    cd.writeUInt32BE(0x20400, 8);
    cd.writeUInt32BE(flags, 12);
    cd.writeUInt32BE(hashOffset, 16);
    cd.writeUInt32BE(44, 20);
    cd.writeUInt32BE(pages, 28);
    cd.writeUInt32BE(codeLimit, 32);
    cd[36] = 32;
    cd[37] = 2; // sha256
    cd[39] = 12; // 4096-byte pages
    ident.copy(cd, 44);
    for (let p = 0; p < pages; p++)
        createHash("sha256")
            .update(code.subarray(p * PAGE, (p + 1) * PAGE))
            .digest()
            .copy(cd, hashOffset + p * 32);
    const superBlob = Buffer.alloc(20);
    superBlob.writeUInt32BE(0xfade0cc0, 0);
    superBlob.writeUInt32BE(20 + cd.length, 4);
    superBlob.writeUInt32BE(1, 8);
    superBlob.writeUInt32BE(0, 12); // slot 0: the CodeDirectory
    superBlob.writeUInt32BE(20, 16);
    return Buffer.concat([code, superBlob, cd]);
}

describe("tools/plugin-archives macho-code-signature (page hashes checked against the file, pure)", () => {
    it("reads an ad-hoc signature whose every page matches", () => {
        const signature = readCodeSignature(signedMachO(3, CS_ADHOC, "pulumi-resource-alicloud-live"));
        assert.deepEqual(signature, {
            identifier: "pulumi-resource-alicloud-live",
            flags: CS_ADHOC,
            adhoc: true,
            hash: "sha256",
            pages: 3,
            codeLimit: 3 * PAGE,
            mismatched: [],
        });
    });

    it("names the pages changed after signing (as an injection after the signature would)", () => {
        const file = signedMachO(3, CS_ADHOC, "x");
        file[PAGE + 100] ^= 0xff;
        assert.deepEqual((readCodeSignature(file) as CodeSignature).mismatched, [1]);
    });

    it("tells a certificate signature from an ad-hoc one", () => {
        assert.equal((readCodeSignature(signedMachO(1, 0x10000, "node")) as CodeSignature).adhoc, false);
    });

    it("says why there is nothing to read", () => {
        assert.deepEqual(readCodeSignature(Buffer.from("#!/bin/sh\n".padEnd(64))), { missing: "not a thin 64-bit Mach-O" });
        const unsigned = signedMachO(1, CS_ADHOC, "x");
        unsigned.writeUInt32LE(0x19, 32); // the load command is now an LC_SEGMENT_64
        assert.deepEqual(readCodeSignature(unsigned), { missing: "no LC_CODE_SIGNATURE load command" });
    });
});
