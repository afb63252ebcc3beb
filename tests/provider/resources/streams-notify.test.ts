/**
 * What the stream callbacks need of the machinery beyond the other callback configurations: an upsert
 * binding (SetLiveStreamsNotifyUrlConfig creates and updates, writing over whatever the domain holds),
 * so create must look before it writes; a Describe quota given per minute; the 16-64 key rule. Against a
 * fake service that answers as the official SDK's models say (Set, a `LiveStreamsNotifyConfig` wrapper,
 * 404 for none).
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator } from "../../../emulator";
import { LiveApiError } from "../../../provider/api/errors";
import type { QueryParams, ResponseBody } from "../../../provider/api/rpc";
import type { Bag } from "../../../provider/api/types";
import { checkInputs } from "../../../provider/resource/check";
import { ConfigClient } from "../../../provider/resource/config-client";
import { actionsOf, isUpsert } from "../../../provider/resource/definition";
import { renderQuotaTable } from "../../../provider/resource/docs-tables";
import { createProviderFor } from "../../../provider/dynamic/provider";
import { createOperations, type ResourceOperations } from "../../../provider/resource/operations";
import { bindingActions, limitersFor } from "../../../provider/resource/runtime";
import { resolveSettings } from "../../../provider/resource/settings";
import { ALL_ACTIONS, RESOURCES } from "../../../provider/resources";
import { LIVE_STREAMS_NOTIFY_URL_CONFIG as STREAMS } from "../../../provider/resources/live-streams-notify-url-config/definition";
import { keepsOnDemandUrl, PROFILES } from "../../../tools/semantics-profiles";
import { configureRequest } from "../../support/configure-request";
import { rejection } from "../../support/rejection";
import { STREAMS_NOTIFY_CASE } from "../../support/resource-cases";

const SET = "SetLiveStreamsNotifyUrlConfig";
const DESCRIBE = "DescribeLiveStreamsNotifyUrlConfig";
const DELETE = "DeleteLiveStreamsNotifyUrlConfig";
const KEY = "streamsKey2026streamsKey2026streamsKey20"; // 40 letters and digits

/** One ingest domain's configuration as a service that follows the SDK's models holds it, and every call made. */
class FakeService {
    readonly calls: { readonly action: string; readonly params: QueryParams }[] = [];
    held: Record<string, string> | undefined;

    async call(action: string, params: QueryParams): Promise<ResponseBody> {
        this.calls.push({ action, params });
        if (action === SET) {
            this.held = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
            return { RequestId: "set" };
        }
        if (this.held === undefined) {
            throw new LiveApiError({
                action,
                kind: "not-found",
                code: "InvalidConfig.NotFound",
                statusCode: 404,
                serviceMessage: "Config does not exist.",
                mayHaveApplied: false,
            });
        }
        if (action === DESCRIBE)
            return { RequestId: "describe", LiveStreamsNotifyConfig: { ExceptionNotifyUrl: "", NotifyAuthKey: "", ...this.held } };
        if (action === DELETE) this.held = undefined;
        return { RequestId: action };
    }

    actions(): string[] {
        return this.calls.map((c) => c.action);
    }
}

const checked = (news: Bag): Bag => {
    const result = checkInputs(STREAMS, news);
    assert.deepEqual(result.failures ?? [], []);
    return result.inputs as Bag;
};

describe("resources: the stream callbacks (an upsert binding)", () => {
    describe("the binding", () => {
        it("is an upsert: create and update are SetLiveStreamsNotifyUrlConfig, which writes over what the domain holds", () => {
            assert.equal(isUpsert(STREAMS.binding), true);
            assert.equal(STREAMS.binding.addOnExisting, "overwritten");
            assert.deepEqual(
                actionsOf(STREAMS.binding).map((a) => a.name),
                [SET, SET, DESCRIBE, DELETE],
            );
            // Paced once per action: one limiter for Set, not two.
            assert.deepEqual(
                bindingActions(STREAMS).map((a) => a.name),
                [SET, DESCRIBE, DELETE],
            );
            for (const name of [SET, DESCRIBE, DELETE]) assert.ok(ALL_ACTIONS.has(name), name);
        });

        it("every other binding is not an upsert, and only an upsert says `overwritten`", () => {
            for (const definition of RESOURCES) {
                assert.equal(definition.binding.addOnExisting === "overwritten", isUpsert(definition.binding), definition.type);
            }
        });

        it("paces Set and Delete at 15/s and Describe at the lower of its pages' quotas, 1000/min, saying so", () => {
            const { create, read, delete: remove } = STREAMS.binding.actions;
            assert.deepEqual([create.qps, remove.qps], [15, 15]);
            assert.ok(Math.abs(read.qps * 60 - 1000) < 1e-9, String(read.qps));
            assert.match(read.source, /1000\/min/);
            const rows = renderQuotaTable([STREAMS]).split("\n");
            assert.deepEqual(
                rows.slice(2).map((row) => row.split(" | ")[2]),
                ["15", "16.67", "15"],
            );
        });
    });

    describe("pacing", () => {
        const settingsOf = (config: Record<string, string>) => resolveSettings((key) => config[key], {}, undefined, ALL_ACTIONS);
        const keys = (accountId: string) => ({ "alicloud-live:accountId": accountId, "alicloud:accessKey": "AK", "alicloud:secretKey": "SK" });

        it("one limiter per action: Set 15/s (creates and updates alike), Describe 1000/min, Delete 15/s", () => {
            const limiterOf = limitersFor(settingsOf(keys("streams-pacing-1")), bindingActions(STREAMS));
            assert.deepEqual([limiterOf(SET).rate, limiterOf(DELETE).rate], [15, 15]);
            assert.ok(Math.abs(limiterOf(DESCRIBE).rate - 1000 / 60) < 1e-9, String(limiterOf(DESCRIBE).rate));
        });

        it("actionQps raises Describe to the higher reading when the account has it", () => {
            const settings = settingsOf({ ...keys("streams-pacing-2"), "alicloud-live:actionQps": JSON.stringify({ [DESCRIBE]: 1000 }) });
            assert.equal(limitersFor(settings, bindingActions(STREAMS))(DESCRIBE).rate, 1000);
        });
    });

    describe("check", () => {
        it("takes a 40-character key (16-64 letters and digits); requires it when signed; the docs' rule says 16-64", () => {
            assert.deepEqual(checkInputs(STREAMS, { ...STREAMS_NOTIFY_CASE.args(1, KEY) }).failures ?? [], []);
            const unsignedKeyless = checkInputs(STREAMS, {
                domainName: "push.example.com",
                notifyUrl: "https://h.example.com/x",
                notifyReqAuth: true,
            });
            assert.deepEqual(
                (unsignedKeyless.failures ?? []).map((f) => f.property),
                ["notifyAuthKey"],
            );
            assert.ok((checkInputs(STREAMS, { domainName: "push.example.com" }).failures ?? []).some((f) => f.property === "notifyUrl"));
        });
    });

    describe("operations over the upsert", () => {
        let service: FakeService;
        let ops: ResourceOperations;
        beforeEach(() => {
            service = new FakeService();
            ops = createOperations(STREAMS, { apiFor: () => new ConfigClient(STREAMS, service), env: {} });
        });

        it("create describes the domain first, then Sets every field (NotifyReqAuth as yes)", async () => {
            const created = await ops.create(checked(STREAMS_NOTIFY_CASE.args(1, KEY)));
            assert.equal(created.id, "streams-1.example.com");
            assert.deepEqual(service.actions(), [DESCRIBE, SET]);
            assert.deepEqual(service.calls[1].params, {
                DomainName: "streams-1.example.com",
                NotifyUrl: "https://hooks.example.com/streams/1",
                ExceptionNotifyUrl: "https://hooks.example.com/streams-exception/1",
                NotifyReqAuth: "yes",
                NotifyAuthKey: KEY,
            });
        });

        it("create on a configured domain is refused without adoptExisting, and nothing is written over it", async () => {
            service.held = { DomainName: "streams-1.example.com", NotifyUrl: "https://someone-else.example.com/cb", NotifyReqAuth: "no" };
            const refused = await rejection(ops.create(checked(STREAMS_NOTIFY_CASE.args(1))));
            assert.match(refused.message, /already has a stream callback configuration/);
            assert.deepEqual(service.actions(), [DESCRIBE], "no Set");
            assert.equal(service.held.NotifyUrl, "https://someone-else.example.com/cb");
        });

        it("with adoptExisting it takes the configuration over with one Set", async () => {
            service.held = { DomainName: "streams-1.example.com", NotifyUrl: "https://someone-else.example.com/cb", NotifyReqAuth: "no" };
            await ops.create({ ...checked(STREAMS_NOTIFY_CASE.args(1)), adoptExisting: true });
            assert.deepEqual(service.actions(), [DESCRIBE, SET]);
            assert.equal(service.held.NotifyUrl, "https://hooks.example.com/streams/1");
        });

        it("update Sets the whole declared configuration; a removed exceptionNotifyUrl and key are sent empty, then one Describe confirms", async () => {
            const created = await ops.create(checked(STREAMS_NOTIFY_CASE.args(1, KEY)));
            service.calls.length = 0;
            const { exceptionNotifyUrl: _dropped, ...rest } = STREAMS_NOTIFY_CASE.args(1);
            await ops.update(created.id, created.outs as never, checked(rest));
            assert.deepEqual(service.actions(), [SET, DESCRIBE]);
            assert.deepEqual(service.calls[0].params, {
                DomainName: "streams-1.example.com",
                NotifyUrl: "https://hooks.example.com/streams/1",
                NotifyReqAuth: "no",
                ExceptionNotifyUrl: "",
                NotifyAuthKey: "",
            });
        });

        it("read takes the configuration from the LiveStreamsNotifyConfig wrapper; none is gone", async () => {
            const created = await ops.create(checked(STREAMS_NOTIFY_CASE.args(1, KEY)));
            const read = await ops.read(created.id, created.outs);
            assert.deepEqual(read.props, {
                domainName: "streams-1.example.com",
                notifyUrl: "https://hooks.example.com/streams/1",
                exceptionNotifyUrl: "https://hooks.example.com/streams-exception/1",
                notifyReqAuth: true,
                notifyAuthKey: KEY,
            });
            await ops.delete(created.id);
            assert.equal((await ops.read(created.id, created.outs)).id, "");
        });
    });

    describe("removing exceptionNotifyUrl, against the emulator under every profile", function () {
        this.timeout(60_000);
        for (const profile of PROFILES) {
            it(`${profile.name}: cleared, or (a service that keeps it and refuses it empty) a clear error and the truth in state`, async () => {
                const emulator = await startEmulator(profile.options);
                try {
                    const provider = createProviderFor(STREAMS, { env: {} });
                    await provider.configure(
                        configureRequest({
                            "alicloud-live:endpoint": emulator.url,
                            "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                            "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                        }),
                    );
                    const created = await provider.create(checked(STREAMS_NOTIFY_CASE.args(7)));
                    const { exceptionNotifyUrl: _dropped, ...rest } = STREAMS_NOTIFY_CASE.args(7);
                    const failed = await provider.update(created.id, created.outs as never, checked(rest) as never).then(
                        () => undefined,
                        (error: unknown) => error as Error & { properties?: Bag },
                    );
                    const [held] = await new EmulatorAdmin(emulator.url).configsOf("LiveStreamsNotifyUrlConfig");
                    // The same readings that keep an on-demand URL keep this one: Set leaves it out, and refuses it empty.
                    if (keepsOnDemandUrl(profile.options)) {
                        assert.match(failed?.message ?? "no error", /SetLiveStreamsNotifyUrlConfig failed \(exceptionNotifyUrl cannot be cleared\)/);
                        assert.equal(held.exceptionNotifyUrl, STREAMS_NOTIFY_CASE.args(7).exceptionNotifyUrl);
                        assert.equal(failed?.properties?.exceptionNotifyUrl, held.exceptionNotifyUrl, "state records what the service holds");
                    } else {
                        assert.equal(failed, undefined);
                        assert.equal(held.exceptionNotifyUrl, undefined);
                    }
                } finally {
                    await emulator.stop();
                }
            });
        }
    });
});
