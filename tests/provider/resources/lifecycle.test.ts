/**
 * Every resource of the package against the emulator under every semantics profile
 * (tools/semantics-profiles.ts), through its dynamic provider in process, parameterised by resource
 * (tests/support/resource-cases.ts): create, a refresh that shows no drift, an update in place that
 * also stops signing (the key removed), drift made out of band caught by a refresh, an existing
 * configuration refused at create and adopted with `adoptExisting`, delete twice. Under each reading of
 * the open questions each step ends in the declared state or a clear error.
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, startEmulator, type RunningEmulator } from "../../../emulator";
import { RpcClient } from "../../../provider/api/rpc";
import type { Bag } from "../../../provider/api/types";
import { createProviderFor, type DynamicResourceProvider } from "../../../provider/dynamic/provider";
import { holdsConfig } from "../../../provider/resource/canonical";
import { ConfigClient } from "../../../provider/resource/config-client";
import { identityFromId } from "../../../provider/resource/identity";
import { PROFILES } from "../../../tools/semantics-profiles";
import { configureRequest } from "../../support/configure-request";
import { rejection } from "../../support/rejection";
import { RESOURCE_CASES } from "../../support/resource-cases";

const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";
const KEY = "Lifecycle0Key2026";

describe("resources: each one's lifecycle against the emulator, under every semantics profile", function () {
    this.timeout(120_000);

    for (const profile of PROFILES) {
        describe(profile.name, () => {
            let emulator: RunningEmulator;
            before(async () => {
                emulator = await startEmulator(profile.options);
            });
            after(() => emulator?.stop());

            for (const resource of RESOURCE_CASES) {
                const { definition } = resource;
                it(`${definition.type}: create, refresh, update in place unsigned, drift, adopt, delete`, async () => {
                    const provider: DynamicResourceProvider = createProviderFor(definition, { env: {} });
                    await provider.configure(
                        configureRequest({
                            "alicloud-live:endpoint": emulator.url,
                            "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                            "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                            "alicloud-live:operationTimeout": "30",
                        }),
                    );
                    // Someone changing things behind Pulumi's back, with the resource's plain client.
                    const outsider = new ConfigClient(definition, new RpcClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT }));
                    const checked = async (news: Bag): Promise<Bag> => {
                        const result = await provider.check({}, news);
                        assert.deepEqual(result.failures ?? [], []);
                        return { ...result.inputs, __provider: PROVIDER_TEXT };
                    };
                    const cloudHolds = async (id: string, desired: Bag): Promise<boolean> => {
                        const described = await outsider.describe(identityFromId(definition, id));
                        return holdsConfig(definition, described.config, described.authKeyView, desired);
                    };

                    // Create, then a refresh that finds nothing to change.
                    const signed = await checked({ ...resource.args(1, KEY) });
                    const created = await provider.create(signed);
                    const id = created.id;
                    assert.ok(await cloudHolds(id, created.outs as Bag), "the cloud holds the declared configuration");
                    const fresh = await provider.read(id, created.outs);
                    assert.equal((await provider.diff(id, fresh.props as never, signed as never)).changes, false, "no drift right after create");

                    // An update in place that also stops signing: the key is removed.
                    const unsigned = await checked({ ...resource.args(1), ...resource.inPlace });
                    const diff = await provider.diff(id, created.outs as never, unsigned);
                    assert.deepEqual([diff.changes, diff.replaces], [true, []]);
                    const updated = await provider.update(id, created.outs as never, unsigned);
                    assert.ok(await cloudHolds(id, updated.outs as Bag), "the cloud holds the updated configuration");
                    const secret = definition.properties.find((p) => p.secret)?.name;
                    if (secret !== undefined) assert.equal((updated.outs as Bag)[secret], undefined, "the key is gone");

                    // Drift made out of band shows in a refresh.
                    const { property, value } = resource.drift;
                    await outsider.update({ ...(updated.outs as Bag), [property]: value });
                    const drifted = await provider.read(id, updated.outs);
                    assert.equal((drifted.props as Bag)[property], value);
                    assert.equal((await provider.diff(id, drifted.props as never, unsigned as never)).changes, true);

                    // A configuration this stack does not manage is refused at create, and adopted when asked.
                    const refused = await rejection(provider.create(unsigned));
                    assert.match(refused.message, new RegExp(`already has a ${definition.title}`));
                    const adopted = await provider.create({ ...unsigned, adoptExisting: true });
                    assert.equal(adopted.id, id);
                    assert.ok(await cloudHolds(id, adopted.outs as Bag), "the adopted configuration is brought to the declared one");

                    // Delete, and delete again (already gone is what delete wants).
                    await provider.delete(id, adopted.outs as never);
                    await provider.delete(id, adopted.outs as never);
                    assert.equal((await provider.read(id, adopted.outs as never)).id, "", "a refresh drops it");
                });
            }
        });
    }
});
