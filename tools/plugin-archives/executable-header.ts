/**
 * What an executable's header says: its format (ELF, PE, Mach-O) and the machine it is for, read from
 * the first bytes as the loader reads them, so a test (and the build itself) can check each platform's
 * executable without running it. Pure.
 *
 * - ELF: the magic `\x7fELF`, then `e_machine` (a 16-bit value at offset 18): 62 = x86-64, 183 = AArch64.
 * - PE: `MZ`, the PE header's offset at 0x3c, `PE\0\0` there, then the COFF `Machine`: 0x8664 = x64, 0xaa64 = ARM64.
 * - Mach-O (64-bit, thin): the magic 0xfeedfacf, then `cputype`: 0x01000007 = x86-64, 0x0100000c = arm64.
 */
import type { ExecutableFormat, PulumiArch } from "./platforms";

export interface ExecutableHeader {
    readonly format: ExecutableFormat;
    /** The machine in Pulumi's names, or `unknown (<raw value>)`. */
    readonly arch: PulumiArch | `unknown (${string})`;
}

const ELF_MACHINES: Readonly<Record<number, PulumiArch>> = { 62: "amd64", 183: "arm64" };
const PE_MACHINES: Readonly<Record<number, PulumiArch>> = { 0x8664: "amd64", 0xaa64: "arm64" };
const MACHO_CPUS: Readonly<Record<number, PulumiArch>> = { 0x01000007: "amd64", 0x0100000c: "arm64" };
const MACHO_MAGIC_64 = 0xfeedfacf;

function arch(table: Readonly<Record<number, PulumiArch>>, raw: number): ExecutableHeader["arch"] {
    return table[raw] ?? `unknown (0x${raw.toString(16)})`;
}

/** The header of `bytes` (the file's start: a few hundred bytes are enough), or undefined when it is none of the three. */
export function readExecutableHeader(bytes: Buffer): ExecutableHeader | undefined {
    if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
        // EI_DATA (byte 5): 1 little-endian, 2 big-endian.
        const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
        return { format: "elf", arch: arch(ELF_MACHINES, machine) };
    }
    if (bytes.length >= 0x40 && bytes.toString("latin1", 0, 2) === "MZ") {
        const pe = bytes.readUInt32LE(0x3c);
        if (bytes.length >= pe + 6 && bytes.toString("latin1", pe, pe + 4) === "PE\0\0")
            return { format: "pe", arch: arch(PE_MACHINES, bytes.readUInt16LE(pe + 4)) };
        return undefined;
    }
    if (bytes.length >= 8 && bytes.readUInt32LE(0) === MACHO_MAGIC_64) return { format: "macho", arch: arch(MACHO_CPUS, bytes.readUInt32LE(4)) };
    return undefined;
}
