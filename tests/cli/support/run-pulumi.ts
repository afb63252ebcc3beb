/**
 * One `pulumi` command of a CLI suite: run on a stack, its output kept for the suite's no-secret
 * checks, and the test failed (with the output's tail) when it does not end as expected.
 */
import { strict as assert } from "node:assert";
import type { CommandResult, PulumiWorkspace } from "../../../tools/pulumi-cli/workspace";

/** Success, or any failure. */
export type ExpectedExit = 0 | "non-zero";

export interface SuiteRunOptions {
    readonly stack: string;
    /** Every result is appended here. */
    readonly outputs: CommandResult[];
    readonly expect?: ExpectedExit;
    /** The version set, named after the command in a failure. */
    readonly label?: string;
}

export async function runPulumi(workspace: PulumiWorkspace, args: readonly string[], options: SuiteRunOptions): Promise<CommandResult> {
    const result = await workspace.run([...args, "--stack", options.stack]);
    options.outputs.push(result);
    const what = options.label === undefined ? `pulumi ${args.join(" ")}` : `pulumi ${args.join(" ")} ${options.label}`;
    if ((options.expect ?? 0) === 0) assert.equal(result.code, 0, `${what}:\n${result.output.slice(-4000)}`);
    else assert.notEqual(result.code, 0, `${what} should fail:\n${result.output.slice(-4000)}`);
    return result;
}
