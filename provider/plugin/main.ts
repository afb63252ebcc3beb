/**
 * `pulumi-resource-alicloud-live`: the process the Pulumi engine starts for this provider. Its first
 * argument is the engine's address (unused: logs go to stderr, which the engine records); it prints
 * its own port and serves until it is ended.
 */
import { startPlugin } from "./server";

/** How often the plugin checks that the engine that started it is still there. */
const ENGINE_WATCH_MS = 1000;

// The engine ends its plugins; one killed outright (SIGKILL) cannot, so a plugin whose parent is gone
// ends itself. The parent is taken first thing: once the port is printed the engine may already be gone.
const engine = process.ppid;

startPlugin().then(
    (plugin) => {
        process.stdout.write(`${plugin.port}\n`);
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void plugin.stop().then(() => process.exit(0)));
        setInterval(() => {
            if (process.ppid !== engine) void plugin.stop().then(() => process.exit(0));
        }, ENGINE_WATCH_MS).unref();
    },
    (error: unknown) => {
        process.stderr.write(`pulumi-resource-alicloud-live: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
