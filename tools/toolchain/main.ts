/**
 * `npm run current-set`: obtains the current version set (Node 22, the newest @pulumi/pulumi, the
 * newest CLI; each cached, each download or build shown) and prints its versions and folders.
 */
import { CliBuildError } from "../pulumi-cli/build";
import { obtainCurrentSet } from "./current-set";
import { ToolchainError } from "./node-runtime";

async function main(): Promise<number> {
    try {
        const set = await obtainCurrentSet((line) => console.error(line));
        console.log(`Current set ${set.label}`);
        console.log(`  node: ${set.node.node}`);
        console.log(`  @pulumi/pulumi: ${set.sdk.dir}`);
        console.log(`  pulumi: ${set.cli.pulumi}`);
        return 0;
    } catch (error) {
        const known = error instanceof CliBuildError || error instanceof ToolchainError;
        console.error(known ? `Cannot obtain the current version set: ${error.message}` : error);
        return 1;
    }
}

// A rejection is left unhandled on purpose: Node prints it and exits 1.
void main().then((code) => process.exit(code));
