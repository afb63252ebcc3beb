/**
 * Where signed requests (and the NotifyAuthKey they may carry) can go: never in clear text to another
 * machine, never to a server whose certificate is not verified. Checked through the provider's
 * configuration path (config keys and environment, and Pulumi's real dynamic-provider host), not only
 * through the endpoint parser.
 */
import { strict as assert } from "node:assert";
import { createServer, get as httpsGet, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import OpenApiClient from "@alicloud/openapi-core";
import * as sinon from "sinon";
import type { ProviderHost } from "../../tools/host-driver/host";
import { projectDirFor, type ProjectDir } from "../../tools/host-driver/project-dir";
import { LiveClient } from "../../provider/client/live-client";
import { createProvider, type LiveRecordNotifyConfigProvider } from "../../provider/dynamic/provider";
import type { Settings } from "../../provider/resource/settings";
import { serializedProviderText } from "../../tools/serialized-provider";
import { selfSignedLoopbackCertificate } from "./support/self-signed";
import { configureRequest as configOf } from "../support/configure-request";
import { rejection } from "../support/rejection";
import { startConfiguredHost } from "../support/configured-host";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: "TransportTestKeyId", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "transport-test-secret-4Hq8" };
const INPUTS = {
    domainName: "tls.example.com",
    notifyUrl: "https://callbacks.example.com/tls",
    notifyReqAuth: true,
    notifyAuthKey: "TransportKey0123456789",
};
const OUTPUTS = { ...INPUTS, needStatusNotify: false };

/** Plain-http endpoints to hosts that are not this machine (some of them look like it). */
const REMOTE_HTTP = [
    "http://live.aliyuncs.com",
    "HTTP://LIVE.ALIYUNCS.COM:80",
    "http://10.0.0.1:8080",
    "http://127.0.0.1.nip.io",
    "http://localhost.evil.example",
    "http://[::ffff:7f00:1]",
];

describe("security: transport of signed requests", function () {
    this.timeout(60_000);

    describe("an http:// endpoint to a non-loopback host is refused, naming where it was set", () => {
        const sources: ReadonlyArray<{
            name: string;
            key: string;
            configure: (url: string) => { config?: Record<string, string>; env?: Record<string, string> };
        }> = [
            {
                name: "the alicloud-live:endpoint config key",
                key: "alicloud-live:endpoint",
                configure: (url) => ({ config: { "alicloud-live:endpoint": url } }),
            },
            {
                name: "the live entry of alicloud:endpoints",
                key: "alicloud:endpoints",
                configure: (url) => ({ config: { "alicloud:endpoints": JSON.stringify([{ live: url }]) } }),
            },
            {
                name: "the ALICLOUD_LIVE_ENDPOINT variable",
                key: "ALICLOUD_LIVE_ENDPOINT",
                configure: (url) => ({ env: { ALICLOUD_LIVE_ENDPOINT: url } }),
            },
        ];
        for (const source of sources) {
            it(`through ${source.name}: check reports it, and every method refuses`, async () => {
                for (const url of REMOTE_HTTP) {
                    const { config = {}, env = {} } = source.configure(url);
                    const apiFor = sinon.spy();
                    const provider = createProvider({ env: { ...KEYS, ...env }, apiFor });
                    // Configure resolves: the dynamic host prints a rejected configure with its stack; check reports it instead.
                    await provider.configure(configOf(config));
                    const expected = new RegExp(
                        `Invalid setting ${source.key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*plain http:// to a non-loopback host`,
                    );
                    const checked = await provider.check({}, INPUTS);
                    assert.equal(checked.failures?.length, 1);
                    assert.match(checked.failures[0].reason, expected);
                    for (const call of [
                        provider.create(INPUTS),
                        provider.read(INPUTS.domainName, OUTPUTS),
                        provider.update(INPUTS.domainName, OUTPUTS, INPUTS),
                        provider.delete(INPUTS.domainName, OUTPUTS),
                    ]) {
                        assert.match((await rejection(call)).message, expected);
                    }
                    assert.equal(apiFor.callCount, 0, "no client was ever built for the refused endpoint");
                }
            });
        }

        it("while http:// to this machine (a local emulator) is allowed", async () => {
            for (const url of ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9", "http://127.8.9.10:9"]) {
                const apiFor = sinon.spy((_settings: Settings) => ({}) as never);
                const provider = createProvider({ env: { ...KEYS, ALICLOUD_LIVE_ENDPOINT: url }, apiFor });
                await provider.configure(configOf({}));
                assert.equal(apiFor.callCount, 1, `${url}: no client was built`);
                assert.equal(apiFor.firstCall.args[0].endpoint, url, "the client is built for the endpoint as configured");
                const checked = await provider.check({}, INPUTS);
                assert.deepEqual(checked.failures ?? [], [], `${url}: check refused the loopback endpoint`);
            }
        });

        describe("through Pulumi's real dynamic-provider host", () => {
            let project: ProjectDir;
            let host: ProviderHost;
            let providerText: string;

            before(async () => {
                project = projectDirFor(BUILD_ROOT);
                providerText = await serializedProviderText();
                host = await startConfiguredHost({
                    projectDir: project.dir,
                    project: "transport",
                    endpoint: "http://live.aliyuncs.com",
                    key: { accessKeyId: KEYS.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: KEYS.ALIBABA_CLOUD_ACCESS_KEY_SECRET },
                });
            });
            after(async () => {
                await host?.stop();
                project?.cleanup();
            });

            it("Check fails with the config key and the rule, and Create is refused", async () => {
                const refused =
                    /Invalid setting alicloud-live:endpoint: endpoint `http:\/\/live\.aliyuncs\.com` uses plain http:\/\/ to a non-loopback host/;
                const news = { __provider: providerText, ...INPUTS };
                // The host configures the provider on its first RPC and fails that RPC when configure fails;
                // afterwards Check reports the setting as a failure. Either way the message says what is wrong.
                const first = await host.check({ olds: {}, news }).then(
                    (r) => r.failures.map((f) => f.reason).join("; "),
                    (e: Error) => e.message,
                );
                assert.match(first, refused);
                const checked = await host.check({ olds: {}, news });
                assert.equal(checked.failures.length, 1);
                assert.match(checked.failures[0].reason, refused);
                await assert.rejects(host.create({ properties: news }), refused);
                const { stdout, stderr } = host.output();
                assert.ok(!`${stdout}${stderr}`.includes(KEYS.ALIBABA_CLOUD_ACCESS_KEY_SECRET));
            });
        });
    });

    describe("TLS certificates are verified", () => {
        let server: Server;
        let port: number;
        let requests = 0;
        let handshakes = 0;
        let cert: string;
        let callApi: sinon.SinonSpy;

        before(async () => {
            const selfSigned = selfSignedLoopbackCertificate();
            cert = selfSigned.cert;
            server = createServer({ cert: selfSigned.cert, key: selfSigned.key }, (_req, res) => {
                requests++;
                res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ RequestId: "TLS-TEST" }));
            });
            server.on("secureConnection", () => handshakes++);
            await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
            port = (server.address() as AddressInfo).port;
        });
        after(() => new Promise<void>((resolve) => server.close(() => resolve())));
        beforeEach(() => {
            requests = 0;
            handshakes = 0;
            callApi = sinon.spy(OpenApiClient.prototype, "callApi");
        });
        afterEach(() => sinon.restore());

        it("control: the test server answers a client that trusts its certificate", async () => {
            const status = await new Promise<number>((resolve, reject) => {
                httpsGet({ host: "127.0.0.1", port, path: "/", ca: cert }, (res) => {
                    res.resume();
                    resolve(res.statusCode ?? 0);
                }).on("error", reject);
            });
            assert.equal(status, 200);
            assert.equal(requests, 1);
        });

        it("the client's runtime options never turn verification off", async () => {
            const client = new LiveClient({ endpoint: `https://127.0.0.1:${port}`, credentials: { accessKeyId: "a", accessKeySecret: "b" } });
            await assert.rejects(client.describe({ domainName: "tls.example.com" }));
            assert.equal(callApi.callCount, 1);
            const runtime = callApi.firstCall.args[2] as { ignoreSSL?: unknown };
            assert.notEqual(runtime.ignoreSSL, true);
            assert.equal(requests, 0);
        });

        it("the provider refuses a self-signed endpoint before any request (or key) is sent, with a clear error", async () => {
            const provider: LiveRecordNotifyConfigProvider = createProvider({
                env: { ...KEYS, ALICLOUD_LIVE_ENDPOINT: `https://127.0.0.1:${port}`, ALICLOUD_LIVE_OPERATION_TIMEOUT: "5" },
            });
            await provider.configure(configOf({}));
            const error = await rejection(provider.create(INPUTS));
            assert.match(error.message, /AddLiveRecordNotifyConfig failed/);
            assert.match(error.message, /certificate/i);
            assert.ok(
                !error.message.includes(INPUTS.notifyAuthKey),
                `the error message carries the NotifyAuthKey: ${error.message.replace(INPUTS.notifyAuthKey, "<KEY>")}`,
            );
            assert.equal(requests, 0, "the server received an HTTP request over an unverified connection");
            assert.equal(handshakes, 0, "a TLS session was established with the unverified server");
            for (const call of callApi.getCalls()) assert.notEqual((call.args[2] as { ignoreSSL?: unknown }).ignoreSSL, true);
            assert.ok(callApi.callCount >= 1);
        });
    });
});
