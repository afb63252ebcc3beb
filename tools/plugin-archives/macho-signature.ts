/**
 * The macOS executables' signature. Injecting the blob invalidates the signature Node's macOS build
 * carries, and macOS kills an arm64 process whose code is unsigned or wrongly signed. Here, on Linux,
 * `rcodesign` (`rcodesign.ts`) replaces it with an ad-hoc signature (a code directory of the file's page
 * hashes, with no certificate), as `codesign --sign -` does on a Mac: enough to run where the file is
 * not quarantined (Pulumi's own download is not). Not a Developer ID signature, not notarized.
 */
import { lastLines, runCommand } from "../child-process";
import { PluginArchiveError } from "./errors";

export interface Signer {
    readonly executable: string;
}

/** Signs `file` in place, ad hoc, with `identifier` as its code identifier. */
export async function signAdHoc(signer: Signer, file: string, identifier: string): Promise<void> {
    const signed = await runCommand(signer.executable, ["sign", "--binary-identifier", identifier, file], {
        env: { PATH: process.env.PATH ?? "" },
        timeoutMs: 300_000,
    });
    if (signed.code !== 0) throw new PluginArchiveError(`rcodesign could not sign ${file}: ${lastLines(signed.output)}`);
}
