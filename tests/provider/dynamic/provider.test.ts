import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as sinon from "sinon";
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import type { LiveRecordNotifyApi } from "../../../provider/client/types";
import { LiveApiError, toLiveApiError } from "../../../provider/api/errors";
import { ResourceInitError } from "../../../provider/resource/init-error";
import { createProvider, provider as sharedProvider, type LiveRecordNotifyConfigProvider } from "../../../provider/dynamic/provider";
import type { Settings } from "../../../provider/resource/settings";
import { apiErrors, described, KEY, PROVIDER_TEXT, stubApi, type StubbedApi } from "../resource/fixtures";
import { rejection } from "../../support/rejection";

const DOMAIN = "live.example.com";
const CHECKED = {
    domainName: DOMAIN,
    notifyUrl: "https://callbacks.example.com/live",
    onDemandUrl: "https://callbacks.example.com/od",
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: KEY,
};
/** What the host passes to create/update: checked inputs plus `__provider`. */
const INPUTS = { ...CHECKED, __provider: PROVIDER_TEXT };
/** The canonical config those inputs declare (what the API is asked for and what outs hold). */
const DESIRED = { ...CHECKED };
const OUTPUTS = { ...DESIRED, __provider: PROVIDER_TEXT };

function configure(values: Record<string, string>): ConfigureRequest {
    return {
        config: {
            get: (key: string) => values[key],
            require: (key: string) => {
                if (values[key] === undefined) throw new Error(`missing ${key}`);
                return values[key];
            },
        },
    };
}

/** The host encodes every result with this; `undefined` or a BigInt anywhere makes it throw. */
function assertEncodable(bag: unknown): void {
    assert.doesNotThrow(() => Struct.fromJavaScript(bag as Record<string, never>));
    assert.deepEqual(Struct.fromJavaScript(bag as Record<string, never>).toJavaScript(), bag);
}

describe("dynamic/provider", () => {
    let api: StubbedApi;
    let provider: LiveRecordNotifyConfigProvider;

    beforeEach(() => {
        api = stubApi();
        provider = createProvider({ apiFor: () => api, env: {} });
    });

    afterEach(() => sinon.restore());

    describe("configure", () => {
        it("builds the API from the stack config, once", async () => {
            const apiFor = sinon.stub<[Settings], LiveRecordNotifyApi>().returns(api);
            const p = createProvider({ apiFor, env: { ALICLOUD_LIVE_ENDPOINT: "env.example.com" } });
            await p.configure(
                configure({ "alicloud-live:endpoint": "http://127.0.0.1:1234", "alicloud:accessKey": "AK", "alicloud:secretKey": "SK" }),
            );
            api.describe.resolves(described(DESIRED));
            await p.read(DOMAIN, OUTPUTS);
            await p.delete(DOMAIN, OUTPUTS);
            sinon.assert.calledOnce(apiFor);
            assert.equal(apiFor.firstCall.args[0].endpoint, "http://127.0.0.1:1234");
            assert.equal(apiFor.firstCall.args[0].credentials?.accessKeyId, "AK");
        });

        it("concurrent first calls made before configure settles all use the configured runtime", async () => {
            // The host caches the provider, calls configure, and lets other RPCs through before it settles.
            const apis = new Map<string, StubbedApi>();
            const apiFor = sinon.spy((settings: Settings) => {
                const built = stubApi();
                apis.set(settings.endpoint, built);
                return built;
            });
            const p = createProvider({ apiFor, env: { ALICLOUD_LIVE_ENDPOINT: "env.example.com" } });
            const configured = p.configure(configure({ "alicloud-live:endpoint": "config.example.com" }));
            const creates = ["a", "b", "c"].map((name) => p.create({ ...INPUTS, domainName: `${name}.example.com` }));
            await Promise.all([configured, ...creates]);
            assert.deepEqual([...apis.keys()], ["config.example.com"]);
            sinon.assert.calledOnce(apiFor);
            const added = apis
                .get("config.example.com")!
                .add.getCalls()
                .map((c) => c.args[0].domainName)
                .sort();
            assert.deepEqual(added, ["a.example.com", "b.example.com", "c.example.com"]);
        });

        it("without configure, the environment alone decides", async () => {
            const apiFor = sinon.stub<[Settings], LiveRecordNotifyApi>().returns(api);
            const p = createProvider({ apiFor, env: { ALICLOUD_LIVE_ENDPOINT: "env.example.com", ALICLOUD_LIVE_WRITE_QPS: "12" } });
            await p.delete(DOMAIN, OUTPUTS);
            assert.equal(apiFor.firstCall.args[0].endpoint, "env.example.com");
            assert.equal(apiFor.firstCall.args[0].writeQps, 12);
        });

        it("a config whose get throws (host never sent Configure) counts as empty", async () => {
            const apiFor = sinon.stub<[Settings], LiveRecordNotifyApi>().returns(api);
            const p = createProvider({ apiFor, env: {} });
            const broken = {
                config: {
                    get: () => {
                        throw new TypeError("Cannot read properties of undefined");
                    },
                    require: () => "",
                },
            };
            await p.configure(broken);
            assert.equal(apiFor.firstCall.args[0].endpoint, "live.aliyuncs.com");
        });

        it("a bad setting: configure resolves (the host prints a rejected one with its stack), check reports it as a failure, every other call rejects with the key named", async () => {
            const p = createProvider({ apiFor: () => api, env: {} });
            await p.configure(configure({ "alicloud-live:writeQps": "lots" }));
            assert.match((await rejection(p.create(INPUTS))).message, /alicloud-live:writeQps/);
            assert.match((await rejection(p.diff(DOMAIN, OUTPUTS, INPUTS))).message, /alicloud-live:writeQps/);
            const checked = await p.check({}, INPUTS);
            assert.equal(checked.failures?.length, 1);
            assert.equal(checked.failures?.[0].property, "");
            assert.match(checked.failures?.[0].reason ?? "", /alicloud-live:writeQps/);
            sinon.assert.notCalled(api.add);
        });

        it("credentials are read when configured, from the environment given then", async () => {
            const env: NodeJS.ProcessEnv = {};
            const apiFor = sinon.stub<[Settings], LiveRecordNotifyApi>().returns(api);
            const p = createProvider({ apiFor, env });
            env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LATE";
            env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "late-secret";
            await p.configure(configure({}));
            assert.equal(apiFor.firstCall.args[0].credentials?.accessKeyId, "LATE");
        });
    });

    describe("check and diff", () => {
        it("check validates and normalizes the new inputs", async () => {
            const result = await provider.check(
                {},
                { domainName: " LIVE.example.com", notifyUrl: "https://c.example.com", __provider: PROVIDER_TEXT },
            );
            assert.deepEqual(result, {
                inputs: { domainName: "live.example.com", notifyUrl: "https://c.example.com", needStatusNotify: false, notifyReqAuth: false },
            });
            const bad = await provider.check({}, { domainName: DOMAIN, notifyUrl: "http://127.0.0.1/", __provider: PROVIDER_TEXT });
            assert.deepEqual(
                bad.failures?.map((f) => f.property),
                ["notifyUrl"],
            );
        });

        it("diff compares old outputs with new inputs without calling the API", async () => {
            assert.deepEqual(await provider.diff(DOMAIN, OUTPUTS, { ...INPUTS, __provider: "changed code" }), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: false,
            });
            assert.deepEqual(await provider.diff(DOMAIN, OUTPUTS, { ...INPUTS, domainName: "new.example.com" }), {
                changes: true,
                replaces: ["domainName"],
                deleteBeforeReplace: false,
            });
            for (const stub of [api.add, api.update, api.describe, api.delete]) sinon.assert.notCalled(stub);
        });
    });

    describe("create", () => {
        it("adds the declared config; id is the domain; outs are the canonical config, encodable", async () => {
            const result = await provider.create({ ...INPUTS, adoptExisting: false });
            sinon.assert.calledOnceWithExactly(api.add, DESIRED);
            assert.deepEqual(result, { id: DOMAIN, outs: DESIRED });
            assertEncodable(result.outs);
        });

        it("outs hold no undefined for a minimal config, defaults explicit", async () => {
            const result = await provider.create({ domainName: DOMAIN, notifyUrl: "https://c.example.com", __provider: PROVIDER_TEXT });
            assert.deepEqual(result.outs, { domainName: DOMAIN, notifyUrl: "https://c.example.com", needStatusNotify: false, notifyReqAuth: false });
            assertEncodable(result.outs);
        });

        it("an existing config without adoptExisting fails, saying how to adopt it, and changes nothing", async () => {
            api.add.rejects(apiErrors.alreadyExists());
            const error = await rejection(provider.create(INPUTS));
            assert.match(error.message, /live\.example\.com already has a recording callback configuration/);
            assert.match(error.message, /adoptExisting: true/);
            assert.match(error.message, /pulumi import/);
            assert.ok(!error.message.includes(KEY));
            assert.ok(!("id" in error), "not a partial-init error: nothing was created");
            for (const stub of [api.update, api.describe, api.delete]) sinon.assert.notCalled(stub);
        });

        it("with adoptExisting, an existing config that differs is described and updated to the declared state", async () => {
            api.add.rejects(apiErrors.alreadyExists());
            api.describe.resolves(
                described({ domainName: DOMAIN, notifyUrl: "https://old.example.com", needStatusNotify: false, notifyReqAuth: false }),
            );
            const result = await provider.create({ ...INPUTS, adoptExisting: true });
            sinon.assert.calledOnceWithExactly(api.describe, { domainName: DOMAIN });
            sinon.assert.calledOnceWithExactly(api.update, DESIRED);
            assert.deepEqual(result, { id: DOMAIN, outs: DESIRED });
        });

        it("with adoptExisting, an existing config that already matches is adopted without an update", async () => {
            api.add.rejects(apiErrors.alreadyExists());
            api.describe.resolves(described(DESIRED));
            const result = await provider.create({ ...INPUTS, adoptExisting: true });
            sinon.assert.notCalled(api.update);
            assert.deepEqual(result, { id: DOMAIN, outs: DESIRED });
        });

        it("a failed update while adopting is a partial-init error holding the config as the cloud has it, with __provider", async () => {
            const current = { domainName: DOMAIN, notifyUrl: "https://old.example.com", needStatusNotify: false, notifyReqAuth: false };
            api.add.rejects(apiErrors.alreadyExists());
            api.describe.resolves(described(current));
            api.update.rejects(apiErrors.forbidden("UpdateLiveRecordNotifyConfig"));
            const error = await rejection(provider.create({ ...INPUTS, adoptExisting: true }));
            assert.ok(error instanceof ResourceInitError);
            assert.equal(error.id, DOMAIN);
            assert.deepEqual(error.properties, { ...current, __provider: PROVIDER_TEXT });
            assert.equal(error.reasons.length, 1);
            assert.equal(error.reasons[0], error.message);
            assert.match(error.message, /Ram Permission is forbidden/);
            assert.match(error.message, /adopted but not brought to the declared state/);
            assert.ok(!error.message.includes(KEY));
            assertEncodable(error.properties);
        });

        it("an add that may have been applied is a partial-init error, so no orphan is left", async () => {
            api.add.rejects(apiErrors.reset("AddLiveRecordNotifyConfig"));
            const error = await rejection(provider.create(INPUTS));
            assert.ok(error instanceof ResourceInitError);
            assert.equal(error.id, DOMAIN);
            assert.deepEqual(error.properties, OUTPUTS);
            assert.match(error.message, /pulumi refresh/);
            assertEncodable(error.properties);
        });

        it("an add the service refused is rethrown as is", async () => {
            const refused = apiErrors.forbidden("AddLiveRecordNotifyConfig");
            api.add.rejects(refused);
            const error = await rejection(provider.create(INPUTS));
            assert.equal(error, refused);
            assert.ok(error instanceof LiveApiError);
        });

        it("a describe failure while adopting is a plain error (nothing was changed)", async () => {
            api.add.rejects(apiErrors.alreadyExists());
            api.describe.rejects(apiErrors.forbidden("DescribeLiveRecordNotifyConfig"));
            const error = await rejection(provider.create({ ...INPUTS, adoptExisting: true }));
            assert.ok(!(error instanceof ResourceInitError));
            sinon.assert.notCalled(api.update);
        });
    });

    describe("read", () => {
        it("returns the config as the cloud holds it, as props and inputs, so drift shows", async () => {
            const drifted = { ...DESIRED, notifyUrl: "https://changed.example.com/cb", onDemandUrl: undefined, needStatusNotify: false };
            api.describe.resolves(described(drifted));
            const result = await provider.read(DOMAIN, OUTPUTS);
            sinon.assert.calledOnceWithExactly(api.describe, { domainName: DOMAIN });
            const expected = {
                domainName: DOMAIN,
                notifyUrl: "https://changed.example.com/cb",
                needStatusNotify: false,
                notifyReqAuth: true,
                notifyAuthKey: KEY,
            };
            assert.deepEqual(result, { id: DOMAIN, props: expected, inputs: expected });
            assertEncodable(result.props);
            assertEncodable(result.inputs);
        });

        it("a gone config reads as an empty id", async () => {
            api.describe.rejects(apiErrors.notFound("DescribeLiveRecordNotifyConfig"));
            assert.deepEqual(await provider.read(DOMAIN, OUTPUTS), { id: "" });
        });

        it("other failures are errors, not 'gone'", async () => {
            api.describe.rejects(apiErrors.forbidden("DescribeLiveRecordNotifyConfig"));
            assert.ok((await rejection(provider.read(DOMAIN, OUTPUTS))) instanceof LiveApiError);
        });

        it("a key that appeared out of band is an output (secret) but not an input", async () => {
            const { notifyAuthKey: _k, ...withoutKey } = OUTPUTS;
            api.describe.resolves(described({ ...DESIRED, notifyAuthKey: "Outofband0123456789" }));
            const result = await provider.read(DOMAIN, { ...withoutKey, notifyReqAuth: false });
            assert.equal(result.props?.notifyAuthKey, "Outofband0123456789");
            assert.ok(!("notifyAuthKey" in (result.inputs ?? {})));
        });

        it("works with no props (the id alone)", async () => {
            api.describe.resolves(described(DESIRED));
            const result = await provider.read(DOMAIN);
            assert.equal(result.id, DOMAIN);
            assert.equal(result.props?.notifyAuthKey, KEY);
        });
    });

    describe("update", () => {
        it("sends the full desired state and returns complete outs", async () => {
            const result = await provider.update(DOMAIN, OUTPUTS, { ...INPUTS, notifyUrl: "https://v2.example.com/cb" });
            sinon.assert.calledOnceWithExactly(api.update, { ...DESIRED, notifyUrl: "https://v2.example.com/cb" });
            assert.deepEqual(result, { outs: { ...DESIRED, notifyUrl: "https://v2.example.com/cb" } });
            assertEncodable(result.outs);
        });

        it("a removed optional property is sent empty, whatever Update does with a left-out field, and a Describe confirms it is gone", async () => {
            const { onDemandUrl: _od, notifyAuthKey: _key, ...rest } = INPUTS;
            const cleared = { domainName: DOMAIN, notifyUrl: CHECKED.notifyUrl, needStatusNotify: true, notifyReqAuth: false };
            api.describe.resolves({ requestId: "D-1", config: cleared });
            const result = await provider.update(DOMAIN, OUTPUTS, { ...rest, notifyReqAuth: false });
            const request = api.update.firstCall.args[0];
            assert.equal(request.onDemandUrl, "");
            assert.equal(request.notifyAuthKey, "");
            assert.equal(request.notifyReqAuth, false);
            sinon.assert.calledOnce(api.describe);
            assert.deepEqual(result.outs, cleared);
            assertEncodable(result.outs);
        });

        it("an empty value the service refuses is left out instead; when the service keeps the field, the update fails saying what it holds, and records it", async () => {
            const { onDemandUrl: _od, ...rest } = INPUTS;
            api.update.onFirstCall().rejects(
                toLiveApiError(
                    {
                        name: "ClientError",
                        code: "InvalidOnDemandUrl.Malformed",
                        statusCode: 400,
                        requestId: "U-1",
                        data: { RequestId: "U-1", Code: "InvalidOnDemandUrl.Malformed", Message: "Specified OnDemandUrl is invalid." },
                    },
                    "UpdateLiveRecordNotifyConfig",
                ),
            );
            api.update.onSecondCall().resolves({ requestId: "U-2" });
            api.describe.resolves({ requestId: "D-1", config: { ...DESIRED } });
            const error = await rejection(provider.update(DOMAIN, OUTPUTS, rest));
            assert.equal(api.update.secondCall.args[0].onDemandUrl, undefined, "left out on the second try");
            assert.ok(error instanceof ResourceInitError);
            assert.equal(error.id, DOMAIN);
            assert.deepEqual(error.properties, OUTPUTS, "the state records what the service holds: the URL is still there");
            assert.match(error.message, /UpdateLiveRecordNotifyConfig failed \(onDemandUrl cannot be cleared\)/);
            assert.match(error.message, /still holds onDemandUrl "https:\/\/callbacks\.example\.com\/od"/);
            assert.match(error.message, /delete the configuration and create it again/);
            assert.ok(!error.message.includes(KEY));
        });

        it("a config deleted outside Pulumi is a clear error naming pulumi refresh", async () => {
            api.update.rejects(apiErrors.notFound("UpdateLiveRecordNotifyConfig"));
            const error = await rejection(provider.update(DOMAIN, OUTPUTS, INPUTS));
            assert.match(error.message, /live\.example\.com no longer exists: it was deleted outside Pulumi/);
            assert.match(error.message, /pulumi refresh/);
            assert.ok(!error.message.includes(KEY));
        });

        it("other failures are rethrown", async () => {
            const refused = apiErrors.forbidden("UpdateLiveRecordNotifyConfig");
            api.update.rejects(refused);
            assert.equal(await rejection(provider.update(DOMAIN, OUTPUTS, INPUTS)), refused);
        });
    });

    describe("delete", () => {
        it("deletes the domain's config", async () => {
            await provider.delete(DOMAIN, OUTPUTS);
            sinon.assert.calledOnceWithExactly(api.delete, { domainName: DOMAIN });
        });

        it("an already-deleted config counts as deleted", async () => {
            api.delete.rejects(apiErrors.notFound("DeleteLiveRecordNotifyConfig"));
            await provider.delete(DOMAIN, OUTPUTS);
            sinon.assert.calledOnce(api.delete);
        });

        it("other failures are errors (the engine then keeps the resource)", async () => {
            api.delete.rejects(apiErrors.forbidden("DeleteLiveRecordNotifyConfig"));
            assert.ok((await rejection(provider.delete(DOMAIN, OUTPUTS))) instanceof LiveApiError);
        });
    });

    it("the module's shared provider implements every method", () => {
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) {
            assert.equal(typeof sharedProvider[method], "function", method);
        }
    });
});
