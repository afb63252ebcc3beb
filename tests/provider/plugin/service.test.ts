/**
 * The plugin's gRPC service, served in this process on 127.0.0.1 over a stubbed API and called with
 * Pulumi's generated client, as the engine calls it.
 */
import { strict as assert } from "node:assert";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { CallOptions } from "../../../provider/client/types";
import { SECRET_SIG, SIG_KEY } from "../../../provider/plugin/properties";
import { RESOURCE_TYPE } from "../../../provider/plugin/schema";
import { startPlugin, type RunningPlugin } from "../../../provider/plugin/server";
import { apiErrors, described, KEY, stubApi, type StubbedApi } from "../resource/fixtures";

const VERSION = "9.8.7";
const DOMAIN = "live.example.com";
const URL_A = "https://hooks.example.com/a";
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const struct = (value: Record<string, unknown>) => Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);

type Callback = (error: grpc.ServiceError | null, response: unknown) => void;

describe("plugin/service (the ResourceProvider gRPC service)", function () {
    this.timeout(30_000);
    let api: StubbedApi;
    let plugin: RunningPlugin;
    let client: ResourceProviderClient;

    /** One unary call by method name, as the engine makes it. */
    const call = <Res>(method: string, request: unknown): Promise<Res> =>
        new Promise((resolve, reject) => {
            const send = (client as unknown as Record<string, (request: unknown, callback: Callback) => void>)[method].bind(client);
            send(request, (error, response) => (error ? reject(error) : resolve(response as Res)));
        });
    const configure = () =>
        call<proto.ConfigureResponse>(
            "configure",
            new proto.ConfigureRequest().setArgs(
                struct({ endpoint: "http://127.0.0.1:9", accessKey: "AK", secretKey: secret("SK"), accountId: "1" }),
            ),
        );

    beforeEach(async () => {
        api = stubApi();
        plugin = await startPlugin({ version: VERSION, apiFor: () => api, env: {} });
        client = new ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
    });

    afterEach(async () => {
        client.close();
        await plugin.stop();
    });

    it("reports the version its schema states, and a schema for the resource type", async () => {
        const info = await call<PluginInfo>("getPluginInfo", new Empty());
        assert.equal(info.getVersion(), VERSION);
        const schema = JSON.parse((await call<proto.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest())).getSchema()) as {
            version: string;
            resources: Record<string, { inputProperties: Record<string, { secret?: boolean }> }>;
        };
        assert.equal(schema.version, VERSION);
        assert.equal(schema.resources[RESOURCE_TYPE].inputProperties.notifyAuthKey.secret, true);
    });

    it("CheckConfig names a bad setting's key; Configure accepts secrets and never echoes them", async () => {
        const bad = await call<proto.CheckResponse>(
            "checkConfig",
            new proto.CheckRequest().setNews(struct({ quotaHeadroom: "3", secretKey: secret("SK") })),
        );
        const [failure] = bad.getFailuresList();
        assert.equal(failure.getProperty(), "quotaHeadroom");
        assert.match(failure.getReason(), /alicloud-live:quotaHeadroom/);
        assert.deepEqual(bad.getInputs()!.toJavaScript().secretKey, secret("SK"), "secret config stays secret");
        const configured = await configure();
        assert.equal(configured.getAcceptsecrets(), true);
    });

    it("Check returns checked inputs with the key secret even when it was sent plain, and every failure at once", async () => {
        await configure();
        const ok = await call<proto.CheckResponse>(
            "check",
            new proto.CheckRequest().setNews(struct({ domainName: " LIVE.example.com ", notifyUrl: URL_A, notifyAuthKey: KEY, notifyReqAuth: true })),
        );
        assert.deepEqual(ok.getFailuresList(), []);
        const inputs = ok.getInputs()!.toJavaScript();
        assert.equal(inputs.domainName, DOMAIN);
        assert.deepEqual(inputs.notifyAuthKey, secret(KEY));
        const bad = await call<proto.CheckResponse>("check", new proto.CheckRequest().setNews(struct({ domainName: "x", notifyUrl: "ftp://a" })));
        assert.deepEqual(
            bad.getFailuresList().map((f) => f.getProperty()),
            ["domainName", "notifyUrl"],
        );
    });

    it("Check applies the callback URL rules of the core: user-info and impossible hosts refused, the rule named, no password", async () => {
        await configure();
        const password = "Pw-9f3kQ-not-real";
        const bad = await call<proto.CheckResponse>(
            "check",
            new proto.CheckRequest().setNews(
                struct({ domainName: DOMAIN, notifyUrl: `https://user:${password}@hooks.example.com/x`, onDemandUrl: "http://-x..example.com/" }),
            ),
        );
        const failures = bad.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
        assert.deepEqual(
            failures.map(([property]) => property),
            ["notifyUrl", "onDemandUrl", "onDemandUrl"],
        );
        assert.match(failures[0][1], /^notifyUrl must not carry a user name or password .*notifyAuthKey/);
        assert.match(failures[1][1], /^onDemandUrl must not have an empty label/);
        assert.match(failures[2][1], /^onDemandUrl must have host name labels that neither start nor end with a hyphen/);
        assert.ok(!JSON.stringify(failures).includes(password));
    });

    it("a preview's unknown values pass Check unvalidated, and Diff counts them as changes", async () => {
        await configure();
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const checked = await call<proto.CheckResponse>(
            "check",
            new proto.CheckRequest().setNews(struct({ domainName: DOMAIN, notifyUrl: unknown })),
        );
        assert.deepEqual(checked.getFailuresList(), []);
        assert.equal(checked.getInputs()!.toJavaScript().notifyUrl, unknown);
        const diff = await call<proto.DiffResponse>(
            "diff",
            new proto.DiffRequest()
                .setOlds(struct({ domainName: DOMAIN, notifyUrl: URL_A }))
                .setNews(struct({ domainName: DOMAIN, notifyUrl: unknown })),
        );
        assert.equal(diff.getChanges(), proto.DiffResponse.DiffChanges.DIFF_SOME);
        assert.deepEqual(diff.getDiffsList(), ["notifyUrl"]);
        assert.deepEqual(diff.getReplacesList(), []);
    });

    it("Diff replaces on domainName only, with a detailed diff", async () => {
        await configure();
        const olds = struct({ domainName: DOMAIN, notifyUrl: URL_A, needStatusNotify: false, notifyReqAuth: false });
        const diff = await call<proto.DiffResponse>(
            "diff",
            new proto.DiffRequest().setOlds(olds).setNews(struct({ domainName: "other.example.com", notifyUrl: "https://hooks.example.com/b" })),
        );
        assert.equal(diff.getChanges(), proto.DiffResponse.DiffChanges.DIFF_SOME);
        assert.deepEqual(diff.getReplacesList(), ["domainName"]);
        assert.equal(diff.getDetaileddiffMap().get("notifyUrl")!.getKind(), proto.PropertyDiff.Kind.UPDATE);
        assert.equal(diff.getDetaileddiffMap().get("domainName")!.getKind(), proto.PropertyDiff.Kind.UPDATE_REPLACE);
        const none = await call<proto.DiffResponse>(
            "diff",
            new proto.DiffRequest().setOlds(olds).setNews(struct({ domainName: DOMAIN, notifyUrl: URL_A })),
        );
        assert.equal(none.getChanges(), proto.DiffResponse.DiffChanges.DIFF_NONE);
    });

    it("Create gives the API the request's timeout as the operation's budget, and returns the key secret", async () => {
        await configure();
        const created = await call<proto.CreateResponse>(
            "create",
            new proto.CreateRequest()
                .setTimeout(7)
                .setProperties(struct({ domainName: DOMAIN, notifyUrl: URL_A, notifyReqAuth: true, notifyAuthKey: secret(KEY) })),
        );
        assert.equal(created.getId(), DOMAIN);
        assert.deepEqual(created.getProperties()!.toJavaScript().notifyAuthKey, secret(KEY));
        const options = api.add.firstCall.args[1] as CallOptions;
        assert.ok(options.timeoutMs! > 6_000 && options.timeoutMs! <= 7_000, `timeoutMs ${options.timeoutMs}`);
    });

    it("Read with the id alone (an import) returns the config as inputs and outputs, key secret; a missing one an empty id", async () => {
        await configure();
        api.describe.resolves(described({ domainName: DOMAIN, notifyUrl: URL_A, needStatusNotify: true, notifyReqAuth: true, notifyAuthKey: KEY }));
        const read = await call<proto.ReadResponse>("read", new proto.ReadRequest().setId(DOMAIN));
        assert.equal(read.getId(), DOMAIN);
        for (const bag of [read.getInputs()!.toJavaScript(), read.getProperties()!.toJavaScript()]) {
            assert.equal(bag.needStatusNotify, true);
            assert.deepEqual(bag.notifyAuthKey, secret(KEY));
        }
        api.describe.rejects(apiErrors.notFound("DescribeLiveRecordNotifyConfig"));
        assert.equal((await call<proto.ReadResponse>("read", new proto.ReadRequest().setId("gone.example.com"))).getId(), "");
    });

    it("a failure after the cloud changed carries ErrorResourceInitFailed, so the engine keeps the resource", async () => {
        await configure();
        api.add.rejects(apiErrors.reset("AddLiveRecordNotifyConfig"));
        const error = await call<proto.CreateResponse>(
            "create",
            new proto.CreateRequest().setProperties(struct({ domainName: DOMAIN, notifyUrl: URL_A })),
        ).then(
            () => assert.fail("create should fail"),
            (e: grpc.ServiceError) => e,
        );
        const bin = error.metadata.get("grpc-status-details-bin")[0] as Buffer;
        const status = statusproto.Status.deserializeBinary(new Uint8Array(bin));
        const detail = proto.ErrorResourceInitFailed.deserializeBinary(status.getDetailsList()[0].getValue_asU8());
        assert.equal(detail.getId(), DOMAIN);
        assert.equal(detail.getProperties()!.toJavaScript().notifyUrl, URL_A);
        assert.match(error.details, /pulumi refresh/);
    });

    it("Cancel ends an operation waiting on the quota", async () => {
        await configure();
        let sent: CallOptions | undefined;
        api.delete.callsFake((_request: unknown, options: CallOptions) => {
            sent = options;
            return new Promise((_resolve, reject) => options.signal!.addEventListener("abort", () => reject(new Error("cancelled"))));
        });
        const deleting = assert.rejects(call<Empty>("delete", new proto.DeleteRequest().setId(DOMAIN)), /cancelled/);
        while (sent === undefined) await new Promise((r) => setTimeout(r, 10));
        await call<Empty>("cancel", new Empty());
        await deleting;
    });
});
