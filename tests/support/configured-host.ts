/**
 * The host fixture: Pulumi's real dynamic-provider host started in a project directory and configured with
 * an endpoint and a key, as the engine would before the first resource call. The host's environment is
 * PATH plus what the test gives: no credentials from this process reach the provider.
 */
import { startProviderHost, type ProviderHost } from "../../tools/host-driver/host";

export interface ConfiguredHostOptions {
    readonly projectDir: string;
    /** The Pulumi project name the host is told. */
    readonly project: string;
    readonly endpoint: string;
    readonly key: { readonly accessKeyId: string; readonly accessKeySecret: string };
    /** Added to the host's environment (PATH is always there). */
    readonly env?: Readonly<Record<string, string>>;
}

export async function startConfiguredHost(options: ConfiguredHostOptions): Promise<ProviderHost> {
    const host = await startProviderHost({
        cwd: options.projectDir,
        project: options.project,
        env: { PATH: process.env.PATH ?? "", ...options.env },
    });
    try {
        await host.configure({
            "alicloud-live:endpoint": options.endpoint,
            "alicloud:accessKey": options.key.accessKeyId,
            "alicloud:secretKey": options.key.accessKeySecret,
        });
    } catch (error) {
        await host.stop();
        throw error;
    }
    return host;
}
