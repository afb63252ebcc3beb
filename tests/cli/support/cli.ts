/**
 * The CLI every test in tests/cli/ runs: obtained once per test process through the repository's one
 * way of getting it (tools/pulumi-cli), and its version printed in the test output.
 */
import { describeCli, obtainPulumiCli, type PulumiCli } from "../../../tools/pulumi-cli/obtain";

let cli: Promise<PulumiCli> | undefined;

export function suiteCli(): Promise<PulumiCli> {
    cli ??= obtainPulumiCli({ log: (line) => console.log(`      ${line}`) }).then((found) => {
        console.log(`      CLI suite runs ${describeCli(found)}`);
        return found;
    });
    return cli;
}
