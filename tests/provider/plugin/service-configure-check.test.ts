/**
 * The plugin's Configure makes the configure-time check (resource/configure-check.ts): against the
 * emulator and its STS, good keys configure; refused keys fail Configure with one message naming the
 * key as the plugin's users write it, the key id and the service's code, never the secret.
 */
import { strict as assert } from "node:assert";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { SECRET_SIG, SIG_KEY } from "../../../provider/plugin/properties";
import { startPlugin, type RunningPlugin } from "../../../provider/plugin/server";
import { forgetDiscoveredAccounts } from "../../../provider/resource/account";
import { forgetConfigureChecks } from "../../../provider/resource/configure-check";
import { forgetSaid } from "../../../provider/resource/said-once";

const SECRET = "plugin-check-secret-Wd5";
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("plugin/service: Configure checks credentials and endpoint", function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    let plugin: RunningPlugin;
    let client: ResourceProviderClient;
    let notices: string[];

    const configure = (args: Record<string, unknown>) =>
        new Promise<proto.ConfigureResponse>((resolve, reject) =>
            client.configure(new proto.ConfigureRequest().setArgs(Struct.fromJavaScript(args as never)), (error, response) =>
                error ? reject(error) : resolve(response),
            ),
        );

    before(async () => {
        emulator = await startEmulator({ stsPort: 0, accounts: [{ accessKeyId: "PLUGIN-CHECK-KEY", accessKeySecret: SECRET }] });
    });
    after(() => emulator?.stop());
    beforeEach(async () => {
        forgetConfigureChecks();
        forgetDiscoveredAccounts();
        forgetSaid();
        notices = [];
        plugin = await startPlugin({ env: {}, notice: (m) => notices.push(m) });
        client = new ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
    });
    afterEach(async () => {
        client.close();
        await plugin.stop();
    });

    it("good keys: Configure succeeds and nothing is said", async () => {
        await configure({ endpoint: emulator.url, stsEndpoint: emulator.sts!.url, accessKey: "PLUGIN-CHECK-KEY", secretKey: secret(SECRET) });
        assert.deepEqual(notices, []);
    });

    it("an unknown key id: Configure fails with one message, keys as alicloud-live:*, no secret", async () => {
        const error = await configure({
            endpoint: emulator.url,
            stsEndpoint: emulator.sts!.url,
            accessKey: "PLUGIN-NO-SUCH-KEY",
            secretKey: secret(SECRET),
        }).then(
            () => assert.fail("Configure succeeded"),
            (e: grpc.ServiceError) => e,
        );
        assert.match(
            error.details,
            /answered InvalidAccessKeyId\.NotFound \(HTTP 404\): Specified access key is not found\. The AccessKey ID is PLUGIN-NO-SUCH-KEY \(from alicloud-live:accessKey\)\./,
        );
        assert.ok(!error.details.includes(SECRET));
        assert.ok(!error.details.includes("\n    at "), "no stack");
    });

    it("an endpoint that does not resolve: Configure fails naming it and alicloud-live:endpoint", async () => {
        const error = await configure({
            endpoint: "https://live.plugin-check.invalid",
            accessKey: "PLUGIN-CHECK-KEY",
            secretKey: secret(SECRET),
        }).then(
            () => assert.fail("Configure succeeded"),
            (e: grpc.ServiceError) => e,
        );
        assert.match(
            error.details,
            /endpoint https:\/\/live\.plugin-check\.invalid does not resolve: .*It was set by alicloud-live:endpoint \(the default is live\.aliyuncs\.com\)/,
        );
    });
});
