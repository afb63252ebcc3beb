/**
 * What the Pulumi SDK registers for a `LiveRecordNotifyConfig`, `__provider` (its real serialization of
 * the dynamic provider) included, captured under `pulumi.runtime.setMocks` the way `pulumi up` would send
 * it. The one capture the soak, the benchmark and the tests use:
 * - `captureRegistrations`: in this process, for any resources declared (the SDK given, or this one's);
 * - `serializedProviderText`: in this process, the text of the build this file was compiled with;
 * - `installedProviderText`: in a child process in a project directory, the text as a user's installed
 *   copy produces it (a `require` by package name). A child, because the SDK's runtime state is
 *   process-wide and a program runs once per process.
 */
import { spawn } from "node:child_process";
import type * as pulumiTypes from "@pulumi/pulumi";

const TIMEOUT_MS = 60_000;
/** The installed copy's text must load the provider by package name, as a user's does. */
export const PACKAGE_REQUIRE = 'require("pulumi-alicloud-live/dist/provider/dynamic/provider.js")';

export interface Registered {
    readonly type: string;
    readonly name: string;
    /** As the SDK sends them: secret values wrapped with Pulumi's secret signature. */
    readonly inputs: Record<string, unknown>;
}

/** Declares the resources under mocks and returns what the SDK registered, once every registration arrived. */
export async function captureRegistrations(declare: () => pulumiTypes.Resource[], pulumi?: typeof pulumiTypes): Promise<Registered[]> {
    const sdk = pulumi ?? (await import("@pulumi/pulumi"));
    const seen: Registered[] = [];
    await sdk.runtime.setMocks(
        {
            newResource(args) {
                seen.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
                return { id: args.name, state: {} };
            },
            call() {
                return {};
            },
        },
        "capture",
        "test",
        false,
    );
    const resources = declare();
    // Each urn resolves once the registration reached the mock monitor.
    await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
    return seen;
}

/** The text a registration carries, checked to be a serialized provider. */
function providerTextOf(registration: Registered | undefined): string {
    const text = registration?.inputs.__provider;
    if (typeof text !== "string" || !text.startsWith("exports.handler")) throw new Error("the registration carries no serialized provider");
    return text;
}

/** The serialized provider every LiveRecordNotifyConfig of this build carries, captured in this process. */
export async function serializedProviderText(): Promise<string> {
    const { LiveRecordNotifyConfig } = await import("../provider/dynamic/resource");
    const [registration] = await captureRegistrations(() => [
        new LiveRecordNotifyConfig("provider-text", { domainName: "provider-text.example.com", notifyUrl: "https://callbacks.example.com/x" }),
    ]);
    return providerTextOf(registration);
}

/** What every other resource type's serialized handle loads when called: the installed package's dynamic provider, by name. */
const PACKAGE_PROVIDER_MODULE = '"pulumi-alicloud-live/dist/provider/dynamic/provider.js"';

/**
 * The serialized provider as the package installed in `projectDir` produces it (this file run there):
 * a `LiveRecordNotifyConfig`'s, or, given `resource`, the one of that class declared with those inputs.
 */
export function installedProviderText(
    projectDir: string,
    resource?: { readonly type: string; readonly inputs: Record<string, unknown> },
): Promise<string> {
    const expected =
        resource === undefined || resource.type === "LiveRecordNotifyConfig"
            ? [PACKAGE_REQUIRE]
            : [PACKAGE_PROVIDER_MODULE, JSON.stringify(resource.type)];
    const extra = resource === undefined ? [] : [resource.type, JSON.stringify(resource.inputs)];
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [__filename, ...extra], { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] });
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
                const missing = expected.find((part) => !text.includes(part));
                if (missing !== undefined) throw new Error(`the serialized provider does not name ${missing}`);
                resolve(text);
            } catch (error) {
                reject(new Error(`serializing the provider gave no usable text: ${(error as Error).message}`));
            }
        });
    });
}

/** In the child: the program's own SDK and package (resolved from its working directory), one resource. */
async function main(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own copies, resolved at run time
    const fromCwd = (request: string): unknown => require(require.resolve(request, { paths: [process.cwd()] }));
    const pulumi = fromCwd("@pulumi/pulumi") as typeof pulumiTypes;
    const installed = fromCwd("pulumi-alicloud-live") as typeof import("../provider");
    const [type, inputs] = process.argv.slice(2);
    const declare = (): pulumiTypes.Resource => {
        if (type === undefined) {
            return new installed.LiveRecordNotifyConfig("serialized", {
                domainName: "serialized.example.com",
                notifyUrl: "https://callbacks.example.com/serialized",
            });
        }
        const Class = (installed as unknown as Record<string, new (name: string, args: unknown) => pulumiTypes.Resource>)[type];
        if (typeof Class !== "function") throw new Error(`the installed package has no class ${type}`);
        return new Class("serialized", JSON.parse(inputs));
    };
    const [registration] = await captureRegistrations(() => [declare()], pulumi);
    process.stdout.write(JSON.stringify({ text: providerTextOf(registration) }));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    });
}
