/**
 * The `__provider` text of the shipped provider, exactly as the Pulumi SDK produces it for a real
 * `LiveRecordNotifyConfig`: a program in the project directory constructs one under
 * `pulumi.runtime.setMocks`, and the mock receives the serialized text. Run in a child process,
 * because the SDK's runtime state is process-wide and a program runs once per process.
 */
import { spawn } from "node:child_process";

const TIMEOUT_MS = 60_000;
/** The text must load the provider by package name, as a user's installed copy does. */
export const PACKAGE_REQUIRE = 'require("pulumi-alicloud-live/dist/provider/dynamic/provider.js")';

/** Runs this file in `projectDir` (where `pulumi-alicloud-live` resolves to the build under test). */
export function serializedProviderText(projectDir: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [__filename], { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            if (code !== 0) {
                reject(new Error(`serializing the provider failed (${signal ?? code}): ${stderr.trim().slice(0, 2000)}`));
                return;
            }
            try {
                const { text } = JSON.parse(stdout) as { text: unknown };
                if (typeof text !== "string") throw new Error("no text");
                if (!text.includes(PACKAGE_REQUIRE)) throw new Error(`the serialized provider does not ${PACKAGE_REQUIRE}`);
                resolve(text);
            } catch (error) {
                reject(new Error(`serializing the provider gave no usable text: ${(error as Error).message}`));
            }
        });
    });
}

/** In the child: construct one resource under mocks and print the `__provider` the SDK serialized. */
async function main(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own copy of the SDK, resolved at run time
    const fromCwd = (request: string) => require(require.resolve(request, { paths: [process.cwd()] }));
    const pulumi = fromCwd("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    let text: unknown;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                text = args.inputs.__provider;
                return { id: args.inputs.domainName, state: args.inputs };
            },
            call() {
                return {};
            },
        },
        "bench",
        "bench",
        false,
    );
    const { LiveRecordNotifyConfig } = fromCwd("pulumi-alicloud-live") as typeof import("../provider");
    const resource = new LiveRecordNotifyConfig("serialized", {
        domainName: "serialized.bench.example.com",
        notifyUrl: "https://callbacks.example.com/bench/serialized",
    });
    // The id resolves once the mock registered the resource, and so once the text was serialized.
    await new Promise<void>((resolve) => resource.id.apply(() => resolve()));
    process.stdout.write(JSON.stringify({ text }));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    });
}
