/**
 * The deployment step of the callback-receiver test: the example, copied as it is in the
 * repository, deployed by the real `pulumi` CLI into the emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { copyExample } from "../../../cli/support/programs";
import { suiteCli } from "../../../cli/support/cli";
import { PulumiWorkspace } from "../../../../tools/pulumi-cli/workspace";

export interface StackConfigEntry {
    readonly value: string;
    readonly secret?: boolean;
}

export interface Deployer {
    /** `pulumi up` with this stack config (namespaced keys); rejects with the output when it fails. */
    up(config: Readonly<Record<string, StackConfigEntry>>): Promise<void>;
    destroy(): Promise<void>;
    /** Removes the stack's state and the program copy. */
    cleanup(): Promise<void>;
}

export async function cliDeployer(example: string, stack = "test"): Promise<Deployer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callback-receiver-"));
    const workspace = new PulumiWorkspace({ cli: await suiteCli(), projectDir: copyExample(example, path.join(dir, example)) });
    await workspace.ok(["stack", "init", stack]);
    return {
        async up(config) {
            for (const [key, entry] of Object.entries(config)) await workspace.setConfig(stack, key, entry.value, entry.secret);
            await workspace.ok(["up", "--yes", "--skip-preview", "--stack", stack]);
        },
        async destroy() {
            await workspace.ok(["destroy", "--yes", "--skip-preview", "--stack", stack]);
        },
        async cleanup() {
            await workspace.cleanup();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}
