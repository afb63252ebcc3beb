/**
 * `pulumi-resource-alicloud-live`: the process the Pulumi engine starts for this provider. Its last
 * argument is the engine's address, where its warnings go; it prints its own port and serves until it
 * is ended.
 */
import { engineAddressOf, engineLog } from "./engine-log";
import { startPlugin } from "./server";

/** How often the plugin checks that the engine that started it is still there. */
const ENGINE_WATCH_MS = 1000;

// The engine ends its plugins; one killed outright (SIGKILL) cannot, so a plugin whose parent is gone
// ends itself. The parent is taken first thing: once the port is printed the engine may already be gone.
const engine = process.ppid;

const engineAddress = engineAddressOf(process.argv.slice(2));
const log = engineAddress ? engineLog(engineAddress) : undefined;

startPlugin(log ? { notice: log.warn } : {}).then(
    (plugin) => {
        process.stdout.write(`${plugin.port}\n`);
        const end = () => void plugin.stop().then(() => process.exit(0));
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, end);
        setInterval(() => {
            if (process.ppid !== engine) end();
        }, ENGINE_WATCH_MS).unref();
    },
    (error: unknown) => {
        process.stderr.write(`pulumi-resource-alicloud-live: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
