import { strict as assert } from "node:assert";
import type { ProviderHost } from "../../../tools/host-driver/host";
import { Hosts } from "../../../tools/soak/hosts";

/** No provider runs here: the hosts are configured but never asked to reach this endpoint. */
const UNUSED_ENDPOINT = "http://127.0.0.1:1";

describe("tools/soak/hosts (the provider hosts of a sequence)", function () {
    this.timeout(120_000);
    // Any directory from which the SDK resolves will do: no resource is declared.
    const options = { projectDir: __dirname, operationTimeoutSeconds: 30 };

    it("one host per operation: each with() starts its own, configured, and stops it; what they printed is kept", async () => {
        const hosts = new Hosts(options, UNUSED_ENDPOINT);
        const seen: ProviderHost[] = [];
        for (let i = 0; i < 2; i++) await hosts.with(async (host) => void seen.push(host));
        assert.notEqual(seen[0].pid, seen[1].pid);
        assert.ok(seen.every((h) => h.exited));
        // The host prints its port first: both hosts' output was collected when they stopped.
        for (const h of seen) assert.ok(hosts.output.includes(String(h.port)), hosts.output);
        await hosts.close();
    });

    it("one host per sequence: every with() gets the same host until close(), which stops it (twice is harmless)", async () => {
        const hosts = new Hosts({ ...options, hostPerSequence: true }, UNUSED_ENDPOINT);
        const seen: ProviderHost[] = [];
        for (let i = 0; i < 2; i++) await hosts.with(async (host) => void seen.push(host));
        assert.equal(seen[0], seen[1]);
        assert.equal(seen[0].exited, false);
        assert.equal(hosts.output, "");
        await hosts.close();
        await hosts.close();
        assert.equal(seen[0].exited, true);
        assert.ok(hosts.output.includes(String(seen[0].port)));
    });

    it("stops the host when the work fails, and passes the failure on", async () => {
        const hosts = new Hosts(options, UNUSED_ENDPOINT);
        let used: ProviderHost | undefined;
        await assert.rejects(
            hosts.with(async (host) => {
                used = host;
                throw new Error("the operation failed");
            }),
            /the operation failed/,
        );
        assert.equal(used?.exited, true);
    });
});
