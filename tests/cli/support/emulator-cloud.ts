/**
 * What the CLI suite asks of the emulator standing in for the cloud: the configs it holds, and the
 * writes it received since a point in its request log.
 */
import { strict as assert } from "node:assert";
import type { EmulatorAdmin, StoredConfig } from "../../../emulator";
import type { CommandResult, PulumiWorkspace } from "../../../tools/pulumi-cli/workspace";
import { filesContaining } from "./programs";

export class EmulatorCloud {
    constructor(readonly admin: EmulatorAdmin) {}

    /** The configs the cloud holds, by domain. */
    async configs(): Promise<Map<string, StoredConfig>> {
        return new Map((await this.admin.configs()).map((c): [string, StoredConfig] => [c.domainName, c]));
    }

    /** The request log's last entry, to count from. */
    async lastSeq(): Promise<number> {
        return (await this.admin.requests()).at(-1)?.seq ?? 0;
    }

    /** Add, Update and Delete calls after `seq`, as "Action domain", oldest first. */
    async writesSince(seq: number): Promise<string[]> {
        return (await this.admin.requests(seq))
            .filter((r) => !r.action.startsWith("Describe"))
            .map((r) => `${r.action} ${r.domainName ?? ""}`.trim());
    }
}

/** No secret in any command's output, nor in the backend, PULUMI_HOME, logs or the project's stack files. */
export function assertNoSecretAnywhere(workspace: PulumiWorkspace, outputs: readonly CommandResult[], secrets: readonly string[]): void {
    for (const secret of secrets) {
        for (const result of outputs) assert.ok(!result.output.includes(secret), "a pulumi command printed a secret");
        assert.deepEqual(filesContaining(workspace.root, secret), [], "backend, PULUMI_HOME and logs");
        assert.deepEqual(filesContaining(workspace.projectDir, secret), [], "the project's stack files");
    }
}
