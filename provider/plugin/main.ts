/**
 * `pulumi-resource-alicloud-live`: the process the Pulumi engine starts for this provider. Its first
 * argument is the engine's address (unused: logs go to stderr, which the engine records); it prints
 * its own port and serves until it is ended.
 */
import { startPlugin } from "./server";

startPlugin().then(
    (plugin) => {
        process.stdout.write(`${plugin.port}\n`);
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void plugin.stop().then(() => process.exit(0)));
    },
    (error: unknown) => {
        process.stderr.write(`pulumi-resource-alicloud-live: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
