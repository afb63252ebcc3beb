/**
 * The provider against the emulator under every semantics profile (tools/semantics-profiles.ts): the real
 * signed client and retry layer, in process, driven the way the engine drives them. Under each
 * reading of the open questions, create, refresh, update (also removing optional fields), drift,
 * adopt, throttling and delete end in the declared state or a clear error that records the truth,
 * and a refresh right after an update never leaves a diff.
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator, type StoredConfig } from "../../../emulator";
import { LiveClient } from "../../../provider/client/live-client";
import { canonicalConfig, type CanonicalConfig } from "../../../provider/client/normalize";
import { changedFields } from "../../../provider/resource/diff";
import { ResourceInitError } from "../../../provider/resource/init-error";
import { createProvider, type LiveRecordNotifyConfigProvider } from "../../../provider/dynamic/provider";
import { keepsOnDemandUrl, PROFILES } from "../../../tools/semantics-profiles";
import { configureRequest as configure } from "../../support/configure-request";
import { rejection } from "../../support/rejection";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";
const KEY_1 = "Abcdefghij0123456789";
/** Differs from KEY_1 in its first and last characters, so even a masked Describe shows the change. */
const KEY_2 = "Zyxwvutsrq9876543210";
const KEY_3 = "Mnopqrstuv1357924680";

type Bag = Record<string, unknown>;

describe("provider under every emulator semantics profile", function () {
    this.timeout(120_000);

    for (const profile of PROFILES) {
        describe(profile.name, () => {
            let emulator: RunningEmulator;
            let admin: EmulatorAdmin;
            let provider: LiveRecordNotifyConfigProvider;
            let outsider: LiveClient;

            before(async () => {
                emulator = await startEmulator(profile.options);
                admin = new EmulatorAdmin(emulator.url);
                provider = createProvider({ env: {} });
                await provider.configure(
                    configure({
                        "alicloud-live:endpoint": emulator.url,
                        "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                        "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                        "alicloud-live:operationTimeout": "30",
                    }),
                );
                // Someone changing things behind Pulumi's back, with the plain client.
                outsider = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
            });
            after(() => emulator?.stop());

            const cloud = async (domain: string): Promise<CanonicalConfig | undefined> => {
                const stored: StoredConfig | undefined = (await admin.configs()).find((c) => c.domainName === domain);
                return stored && canonicalConfig(stored);
            };
            const checked = async (news: Bag): Promise<Bag> => {
                const result = await provider.check({}, news);
                assert.deepEqual(result.failures ?? [], []);
                return { ...result.inputs, __provider: PROVIDER_TEXT };
            };
            /** `pulumi refresh`, then what the next preview would show as changed. */
            const refreshAndDiff = async (id: string, outs: Bag, inputs: Bag) => {
                const read = await provider.read(id, outs);
                const diff = await provider.diff(id, read.props as never, inputs);
                return { props: read.props as unknown as Bag, changed: changedFields(RN, read.props as unknown as Bag, inputs), diff };
            };
            const declared = (inputs: Bag) => canonicalConfig(inputs as never);

            it("create, refresh without drift, update, removing optional fields, drift, delete", async () => {
                const domain = "life.example.com";
                const v1 = await checked({
                    domainName: domain,
                    notifyUrl: "https://cb.example.com/v1",
                    onDemandUrl: "https://cb.example.com/od",
                    needStatusNotify: true,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY_1,
                });
                const created = await provider.create(v1);
                assert.deepEqual(await cloud(domain), declared(v1));
                let refreshed = await refreshAndDiff(domain, created.outs as unknown as Bag, v1);
                assert.deepEqual(refreshed.changed, [], "a refresh right after create shows no diff");
                assert.equal(refreshed.props.notifyAuthKey, KEY_1, "the state keeps the key whatever Describe shows of it");

                // The key rotated out of band: seen unless Describe never shows the key.
                await outsider.update({ ...declared(v1), notifyAuthKey: KEY_2 });
                const keyDetectable = profile.options.describeAuthKey !== "absent";
                refreshed = await refreshAndDiff(domain, refreshed.props, v1);
                assert.deepEqual(
                    refreshed.changed,
                    keyDetectable ? ["notifyAuthKey"] : [],
                    "a rotated key shows as drift exactly when Describe shows something of it",
                );

                const v2 = await checked({ ...v1, notifyUrl: "https://cb.example.com/v2", needStatusNotify: false });
                const updated = await provider.update(domain, refreshed.props, v2);
                assert.deepEqual(await cloud(domain), declared(v2));
                refreshed = await refreshAndDiff(domain, updated.outs as unknown as Bag, v2);
                assert.deepEqual(refreshed.changed, [], "a refresh right after update shows no diff");

                // Remove the on-demand URL and the key (and stop signing).
                const { onDemandUrl: _od, notifyAuthKey: _key, ...rest } = v2;
                const v3 = await checked({ ...rest, notifyReqAuth: false });
                if (keepsOnDemandUrl(profile.options)) {
                    const error = await rejection(provider.update(domain, refreshed.props as never, v3 as never));
                    assert.ok(error instanceof ResourceInitError, String(error));
                    assert.match(error.message, /onDemandUrl cannot be cleared.*still holds onDemandUrl "https:\/\/cb\.example\.com\/od"/s);
                    assert.match(error.message, /delete the configuration and create it again/);
                    const holds = await cloud(domain);
                    assert.equal(holds?.onDemandUrl, "https://cb.example.com/od");
                    assert.equal(holds?.notifyAuthKey, undefined, "the key, sent empty, was cleared");
                    assert.deepEqual(canonicalConfig(error.properties as never), holds, "the state records what the cloud holds");
                    // What the message advises: keep the URL declared. Then all agrees again.
                    const kept = await checked({ ...v3, onDemandUrl: "https://cb.example.com/od" });
                    const fixed = await provider.update(domain, error.properties, kept);
                    assert.deepEqual(await cloud(domain), declared(kept));
                    refreshed = await refreshAndDiff(domain, fixed.outs as unknown as Bag, kept);
                } else {
                    const cleared = await provider.update(domain, refreshed.props, v3);
                    assert.deepEqual(await cloud(domain), declared(v3), "removed fields are gone from the cloud");
                    refreshed = await refreshAndDiff(domain, cleared.outs as unknown as Bag, v3);
                }
                assert.deepEqual(refreshed.changed, [], "no diff after removing fields and refreshing");
                const current = refreshed.props;
                const program = await checked(current);

                // Out of band: a new URL, signing on, and a key (which the program does not declare).
                await outsider.update({
                    ...declared(program),
                    notifyUrl: "https://elsewhere.example.net/cb",
                    notifyReqAuth: true,
                    notifyAuthKey: KEY_2,
                });
                const drift = await refreshAndDiff(domain, current, program);
                assert.equal(drift.props.notifyUrl, "https://elsewhere.example.net/cb");
                assert.deepEqual(
                    drift.changed,
                    ["notifyUrl", "notifyReqAuth", "notifyAuthKey"],
                    "signing needs a key: one appeared, even if Describe never shows it",
                );
                const restored = await provider.update(domain, drift.props, program);
                assert.deepEqual(await cloud(domain), declared(program), "the next up restores the declared config, key included");
                refreshed = await refreshAndDiff(domain, restored.outs as unknown as Bag, program);
                assert.deepEqual(refreshed.changed, []);

                await provider.delete(domain, refreshed.props);
                assert.equal(await cloud(domain), undefined);
                assert.deepEqual(await provider.read(domain, refreshed.props as never), { id: "" }, "a deleted config reads as gone");
                await provider.delete(domain, refreshed.props); // already gone: still a success
            });

            it("adopting a config whose on-demand URL the program drops clears it, or says it cannot and records what the cloud holds", async () => {
                const domain = "adopt-od.example.com";
                await outsider.add({
                    domainName: domain,
                    notifyUrl: "https://someone.example.com/cb",
                    onDemandUrl: "https://someone.example.com/od",
                });
                const inputs = await checked({ domainName: domain, notifyUrl: "https://cb.example.com/adopted", adoptExisting: true });
                if (keepsOnDemandUrl(profile.options)) {
                    const error = await rejection(provider.create(inputs as never));
                    assert.ok(error instanceof ResourceInitError, String(error));
                    assert.match(error.message, /onDemandUrl cannot be cleared/);
                    assert.doesNotMatch(error.message, /tries again/);
                    assert.deepEqual(canonicalConfig(error.properties as never), await cloud(domain));
                    assert.equal((await cloud(domain))?.notifyUrl, "https://cb.example.com/adopted", "the rest was applied");
                } else {
                    await provider.create(inputs);
                    assert.deepEqual(await cloud(domain), declared(inputs));
                }
                await provider.delete(domain, {});
            });

            it("costs: an update that removes nothing is one Update; a removal adds one Describe (and a refused Update where empty values are refused)", async () => {
                const domain = "cost.example.com";
                const full = await checked({ domainName: domain, notifyUrl: "https://cb.example.com/c1", onDemandUrl: "https://cb.example.com/od" });
                const created = await provider.create(full);
                const calls = async (work: () => Promise<unknown>) => {
                    const since = (await admin.requests()).at(-1)?.seq ?? 0;
                    await work();
                    const log = await admin.requests(since);
                    return {
                        updates: log.filter((e) => e.action === "UpdateLiveRecordNotifyConfig").length,
                        describes: log.filter((e) => e.action === "DescribeLiveRecordNotifyConfig").length,
                    };
                };
                const changed = await checked({ ...full, notifyUrl: "https://cb.example.com/c2" });
                assert.deepEqual(await calls(() => provider.update(domain, created.outs as never, changed as never)), { updates: 1, describes: 0 });
                const { onDemandUrl: _od, ...rest } = changed;
                const removed = await checked(rest);
                const refusesEmpty = profile.options.emptyUrl === "malformed";
                const cost = await calls(() =>
                    provider
                        .update(domain, changed as never, removed as never)
                        .catch((e: unknown) => assert.ok(keepsOnDemandUrl(profile.options), String(e))),
                );
                assert.deepEqual(cost, { updates: refusesEmpty ? 2 : 1, describes: 1 });
                await provider.delete(domain, {});
            });

            it("adopts an existing config (with a key the program drops) and brings it to the declared state", async () => {
                const domain = "adopt.example.com";
                await outsider.add({
                    domainName: domain,
                    notifyUrl: "https://someone.example.com/cb",
                    needStatusNotify: true,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY_3,
                });
                const inputs = await checked({ domainName: domain, notifyUrl: "https://cb.example.com/adopted", adoptExisting: true });
                const created = await provider.create(inputs);
                assert.deepEqual(await cloud(domain), declared(inputs));
                const refreshed = await refreshAndDiff(domain, created.outs as unknown as Bag, inputs);
                assert.deepEqual(refreshed.changed, []);
                await provider.delete(domain, refreshed.props);
            });

            // Only where the throttling answer differs from another profile's: it is the slow part.
            const throttling =
                profile.options.throttleCode !== undefined || profile.options.retryAfterHeader !== undefined || profile.name === "defaults";
            if (throttling)
                it("a throttled burst of creates all succeed, whatever the throttling answer looks like", async () => {
                    await admin.setQuota({ writeQps: 2 });
                    const since = (await admin.requests()).at(-1)?.seq ?? 0;
                    const domains = Array.from({ length: 6 }, (_, i) => `burst${i}.example.com`);
                    const inputs = await Promise.all(domains.map((d) => checked({ domainName: d, notifyUrl: `https://cb.example.com/${d}` })));
                    // Separate providers, as separate stacks of one account would be: their limiters do not coordinate.
                    const others = await Promise.all(
                        domains.map(async () => {
                            const p = createProvider({ env: {} });
                            await p.configure(
                                configure({
                                    "alicloud-live:endpoint": emulator.url,
                                    "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                                    "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                                    "alicloud-live:operationTimeout": "60",
                                }),
                            );
                            return p;
                        }),
                    );
                    await Promise.all(inputs.map((i, n) => others[n].create(i as never)));
                    for (const [n, d] of domains.entries()) assert.deepEqual(await cloud(d), declared(inputs[n]));
                    const throttles = (await admin.requests(since)).filter((e) => e.outcome.startsWith("Throttling"));
                    assert.ok(throttles.length > 0, "the burst met the emulator's quota");
                    await admin.setQuota({ writeQps: 30 });
                    await Promise.all(domains.map((d) => provider.delete(d, {})));
                });
        });
    }
});
