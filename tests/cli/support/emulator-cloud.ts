/**
 * What the CLI suite asks of the emulator standing in for the cloud: the configs it holds, and the
 * writes it received since a point in its request log; and the suites' final check that no secret
 * leaked anywhere else.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
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
    assertNoSecretIn(outputs, [workspace.root, workspace.projectDir], secrets);
}

/**
 * No secret in any command's output, nor in any file below `dirs` (node_modules skipped). The scan is
 * of what the suite's earlier tests ran, so it first asserts there is something to scan: a command
 * that created resources, one that failed (error paths are where a secret would leak), and files in
 * every folder. Run alone (`--grep`), it fails saying so.
 */
export function assertNoSecretIn(outputs: readonly CommandResult[], dirs: readonly string[], secrets: readonly string[]): void {
    const alone = `this check scans the output and files of the tests before it: run the whole file, not this test alone`;
    assert.ok(
        outputs.some((r) => r.code === 0 && /\b\d+ created\b/.test(r.stdout)),
        `nothing to scan: none of the ${outputs.length} pulumi commands kept created a resource (${alone})`,
    );
    assert.ok(
        outputs.some((r) => r.code !== 0),
        `nothing to scan: none of the ${outputs.length} pulumi commands kept failed, so no error path is scanned (${alone})`,
    );
    for (const dir of dirs) assert.ok(fs.existsSync(dir) && fs.readdirSync(dir).length > 0, `nothing to scan in ${dir}`);
    for (const secret of secrets) {
        for (const result of outputs) assert.ok(!result.output.includes(secret), "a pulumi command printed a secret");
        assert.deepEqual(
            dirs.flatMap((dir) => filesContaining(dir, secret)),
            [],
            "backend, PULUMI_HOME, logs and the program's stack files",
        );
    }
}
