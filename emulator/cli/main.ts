/**
 * `alicloud-live-emulator`: the emulator as a command. The first stdout line is exactly
 * `listening on http://HOST:PORT`, so scripts and tests can wait for it and read the port.
 * Bad flags exit 2; a failure to start exits 1; SIGINT/SIGTERM stop cleanly. `record ...` instead
 * asks a running emulator to simulate a recording (see record-args.ts).
 */
import { DEMO_ACCOUNT } from "../api/accounts";
import { parseCliArgs, UsageError, USAGE } from "./cli-args";
import { recordCommand } from "./record-command";
import { startEmulator } from "../server/start-emulator";

const NAME = "alicloud-live-emulator";

/** Exit code for a command-line usage error (the BSD `EX_USAGE` family's common value 2). */
export const EXIT_USAGE = 2;
export const EXIT_START_FAILED = 1;

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

/** Resolves once the emulator listens (or at once for --help and errors, with `process.exitCode` set). */
export async function main(argv: string[]): Promise<void> {
    if (argv[0] === "record") return record(argv.slice(1));
    let args;
    try {
        args = parseCliArgs(argv);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        err(`${NAME}: ${error.message}`);
        err(`Try '${NAME} --help'.`);
        process.exitCode = EXIT_USAGE;
        return;
    }
    if (args.help) {
        out(USAGE);
        return;
    }
    let emulator;
    try {
        emulator = await startEmulator(args.options);
    } catch (error) {
        err(`${NAME}: cannot start: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = EXIT_START_FAILED;
        return;
    }
    out(`listening on ${emulator.url}`);
    if (emulator.sts) out(`sts listening on ${emulator.sts.url}`);
    if (!args.customAccounts) {
        // A public, fake key: printing it is the point. Keys given with --account are never printed.
        out(`demo access key: AccessKeyId=${DEMO_ACCOUNT.accessKeyId} AccessKeySecret=${DEMO_ACCOUNT.accessKeySecret}`);
    }
    out(
        `hint: use openapi-core Config { endpoint: "${emulator.endpoint}", protocol: "http" }; admin API at ${emulator.url}/_emulator/; Ctrl-C stops`,
    );

    const running = emulator;
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
        if (stopping) {
            // A second signal while stopping: give up waiting.
            process.exit(130);
        }
        stopping = true;
        running.stop().then(
            () => {
                process.off("SIGINT", onSignal);
                process.off("SIGTERM", onSignal);
                out(`stopped (${signal})`);
            },
            (error: unknown) => {
                err(`${NAME}: error while stopping: ${String(error)}`);
                process.exitCode = 1;
            },
        );
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
}

/** `record ...`: simulate a recording on a running emulator. */
async function record(argv: string[]): Promise<void> {
    try {
        process.exitCode = await recordCommand(argv, out);
    } catch (error) {
        if (error instanceof UsageError) {
            err(`${NAME}: ${error.message}`);
            err(`Try '${NAME} record --help'.`);
            process.exitCode = EXIT_USAGE;
            return;
        }
        err(`${NAME} record: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = EXIT_START_FAILED;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((error: unknown) => {
        err(`${NAME}: ${String(error)}`);
        process.exitCode = 1;
    });
}
