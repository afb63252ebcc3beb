/**
 * The cache folders of the toolchain tools, and the one way an entry gets into them: prepared in a
 * staging folder beside it and published by one rename, so an interrupted download or install
 * leaves no half entry (at most a staging folder, removed on the way out).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** `$XDG_CACHE_HOME/pulumi-alicloud-live/<kind>`, else `~/.cache/pulumi-alicloud-live/<kind>`. */
export function toolchainCache(kind: string, env: NodeJS.ProcessEnv = process.env): string {
    const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "pulumi-alicloud-live", kind);
}

/**
 * `target` as it is when `isComplete(target)`, else built by `prepare(staging)` and renamed into
 * place. Resolves to true when it was built just now.
 */
export async function publishOnce(
    target: string,
    isComplete: (dir: string) => boolean,
    prepare: (staging: string) => Promise<void>,
): Promise<boolean> {
    if (isComplete(target)) return false;
    // An incomplete folder is what a crash between rename and check could leave: start again.
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const staging = fs.mkdtempSync(path.join(path.dirname(target), `.staging-${path.basename(target)}-`));
    try {
        await prepare(staging);
        if (!isComplete(staging)) throw new Error(`preparing ${target} left it incomplete`);
        try {
            fs.renameSync(staging, target);
        } catch (error) {
            // Another process published the same entry first: its result is as good as ours.
            if (!isComplete(target)) throw error;
        }
        return true;
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
}
