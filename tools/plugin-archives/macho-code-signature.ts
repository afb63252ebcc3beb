/**
 * Reads a Mach-O executable's code signature and checks it against the file, as the macOS kernel
 * checks each page it maps: the `LC_CODE_SIGNATURE` load command points at a SuperBlob (big-endian),
 * whose slot 0 is the CodeDirectory; its code slots are the hashes of each page of the file up to
 * `codeLimit`. Used on the macOS executables after `rcodesign` signed them (here, on Linux, nothing can
 * run them), so an injection or signing step that left a stale or partial signature fails the build. Pure.
 */
import { createHash } from "node:crypto";

const MH_MAGIC_64 = 0xfeedfacf;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSSLOT_CODEDIRECTORY = 0;
/** CodeDirectory flag: signed with no certificate. */
export const CS_ADHOC = 0x2;
const HASH_TYPES: Readonly<Record<number, string>> = { 1: "sha1", 2: "sha256" };

export interface CodeSignature {
    readonly identifier: string;
    readonly flags: number;
    readonly adhoc: boolean;
    readonly hash: string;
    /** Pages hashed (`nCodeSlots`), and the bytes they cover. */
    readonly pages: number;
    readonly codeLimit: number;
    /** Pages whose bytes no longer match their hash. */
    readonly mismatched: readonly number[];
}

/** The signature of a thin 64-bit Mach-O, or a reason it has none that can be read. */
export function readCodeSignature(file: Buffer): CodeSignature | { readonly missing: string } {
    if (file.length < 32 || file.readUInt32LE(0) !== MH_MAGIC_64) return { missing: "not a thin 64-bit Mach-O" };
    const ncmds = file.readUInt32LE(16);
    let at = 32;
    let dataoff: number | undefined;
    for (let i = 0; i < ncmds; i++) {
        if (file.readUInt32LE(at) === LC_CODE_SIGNATURE) dataoff = file.readUInt32LE(at + 8);
        at += file.readUInt32LE(at + 4);
    }
    if (dataoff === undefined) return { missing: "no LC_CODE_SIGNATURE load command" };
    if (file.readUInt32BE(dataoff) !== CSMAGIC_EMBEDDED_SIGNATURE) return { missing: "LC_CODE_SIGNATURE points at no SuperBlob" };
    const count = file.readUInt32BE(dataoff + 8);
    let cd: number | undefined;
    for (let i = 0; i < count; i++) {
        if (file.readUInt32BE(dataoff + 12 + i * 8) === CSSLOT_CODEDIRECTORY) cd = dataoff + file.readUInt32BE(dataoff + 16 + i * 8);
    }
    if (cd === undefined || file.readUInt32BE(cd) !== CSMAGIC_CODEDIRECTORY) return { missing: "the SuperBlob has no CodeDirectory" };
    const flags = file.readUInt32BE(cd + 12);
    const hashOffset = file.readUInt32BE(cd + 16);
    const identOffset = file.readUInt32BE(cd + 20);
    const pages = file.readUInt32BE(cd + 28);
    const codeLimit = file.readUInt32BE(cd + 32);
    const hashSize = file[cd + 36];
    const hash = HASH_TYPES[file[cd + 37]];
    const pageSize = 2 ** file[cd + 39];
    if (!hash) return { missing: `unknown hash type ${file[cd + 37]}` };
    const identifier = file.toString("utf8", cd + identOffset, file.indexOf(0, cd + identOffset));
    const mismatched: number[] = [];
    for (let page = 0; page < pages; page++) {
        const start = page * pageSize;
        const digest = createHash(hash)
            .update(file.subarray(start, Math.min(start + pageSize, codeLimit)))
            .digest();
        const stored = file.subarray(cd + hashOffset + page * hashSize, cd + hashOffset + (page + 1) * hashSize);
        if (!digest.subarray(0, hashSize).equals(stored)) mismatched.push(page);
    }
    return { identifier, flags, adhoc: (flags & CS_ADHOC) !== 0, hash, pages, codeLimit, mismatched };
}
