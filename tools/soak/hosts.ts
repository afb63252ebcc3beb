/**
 * The provider hosts of a soak sequence: each operation starts its own, as each `pulumi` command does, or
 * one serves the whole sequence (`hostPerSequence`). Each is configured against the emulator with the demo
 * account and nothing from this shell, and what every host printed is kept for the secret search.
 */
import { DEMO_ACCOUNT } from "../../emulator";
import { startProviderHost, type ProviderHost } from "../host-driver/host";

/** What the hosts take from the sequence's options. */
export interface HostsOptions {
    /** Where the host runs: the package resolves to the build under test from here. */
    readonly projectDir: string;
    /** The provider's per-operation deadline (`alicloud-live:operationTimeout`). */
    readonly operationTimeoutSeconds: number;
    /** One provider host for all the sequence's operations, instead of one per operation. */
    readonly hostPerSequence?: boolean;
}

/** Starts provider hosts (one per operation, or one for the sequence) and keeps what they printed. */
export class Hosts {
    output = "";
    private shared: ProviderHost | undefined;

    constructor(
        private readonly options: HostsOptions,
        private readonly endpoint: string,
    ) {}

    /** Runs `work` with a configured host. */
    async with<T>(work: (host: ProviderHost) => Promise<T>): Promise<T> {
        if (this.options.hostPerSequence) {
            this.shared ??= await this.start();
            return work(this.shared);
        }
        const host = await this.start();
        try {
            return await work(host);
        } finally {
            await this.stop(host);
        }
    }

    async close(): Promise<void> {
        const host = this.shared;
        this.shared = undefined;
        if (host) await this.stop(host);
    }

    private async start(): Promise<ProviderHost> {
        // Only what the soak gives it: no credentials from this shell reach the provider.
        const host = await startProviderHost({ cwd: this.options.projectDir, project: "soak", env: { PATH: process.env.PATH ?? "" } });
        try {
            await host.configure({
                "alicloud-live:endpoint": this.endpoint,
                "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                "alicloud-live:operationTimeout": String(this.options.operationTimeoutSeconds),
            });
        } catch (error) {
            await this.stop(host);
            throw error;
        }
        return host;
    }

    private async stop(host: ProviderHost): Promise<void> {
        await host.stop();
        const { stdout, stderr } = host.output();
        this.output += `${stdout}\n${stderr}\n`;
    }
}
