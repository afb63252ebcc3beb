/**
 * NotifyAuthKey's 16-32 letters-and-digits rule is the service's to apply (docs/resource.md#notifyauthkey):
 * `check` takes a key outside it, and then the provider, through the real signed client and retry
 * layer, against the emulator under each `--auth-key-rule` reading, either fails the create with the
 * service's rule and the property named (never the key), or creates it and reads it back without drift.
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { changedFields } from "../../../provider/resource/diff";
import { createProvider, type LiveRecordNotifyConfigProvider } from "../../../provider/dynamic/provider";
import { configureRequest } from "../../support/configure-request";
import { rejection } from "../../support/rejection";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

/** Outside the documented rule (a hyphen, 12 characters), inside the provider's. */
const KEY = "Zk9-outside1";
const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";

describe("provider: a NotifyAuthKey outside the documented rule, under each reading of the service", function () {
    this.timeout(60_000);

    for (const authKeyRule of ["16-32-alnum", "none"] as const) {
        describe(`--auth-key-rule ${authKeyRule}`, () => {
            let emulator: RunningEmulator;
            let admin: EmulatorAdmin;
            let provider: LiveRecordNotifyConfigProvider;

            before(async () => {
                emulator = await startEmulator({ authKeyRule });
                admin = new EmulatorAdmin(emulator.url);
                provider = createProvider({ env: {} });
                await provider.configure(
                    configureRequest({
                        "alicloud-live:endpoint": emulator.url,
                        "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                        "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                        "alicloud-live:operationTimeout": "20",
                    }),
                );
            });
            after(() => emulator?.stop());

            it(
                authKeyRule === "none"
                    ? "creates it, and a refresh shows no drift"
                    : "fails the create naming notifyAuthKey and the service's rule, never the key",
                async () => {
                    const checked = await provider.check(
                        {},
                        { domainName: "key.example.com", notifyUrl: "https://cb.example.com/k", notifyReqAuth: true, notifyAuthKey: KEY },
                    );
                    assert.deepEqual(checked.failures ?? [], [], "check leaves the documented rule to the service");
                    const inputs = { ...checked.inputs, __provider: PROVIDER_TEXT };
                    if (authKeyRule === "none") {
                        const created = await provider.create(inputs);
                        const outs = created.outs!;
                        assert.equal((await admin.configs())[0]?.notifyAuthKey, KEY);
                        const read = await provider.read(created.id, outs);
                        assert.deepEqual(changedFields(RN, read.props as unknown as Record<string, unknown>, inputs), []);
                        await provider.delete(created.id, outs);
                    } else {
                        const error = await rejection(provider.create(inputs as never));
                        assert.match(error.message, /InvalidNotifyAuthKey\.Malformed/);
                        assert.match(error.message, /16 to 32 characters in length and can contain only letters and digits/);
                        assert.match(error.message, /The service refused notifyAuthKey/);
                        assert.ok(!error.message.includes(KEY), "the key is never in a message");
                        assert.deepEqual(await admin.configs(), []);
                        const adds = (await admin.requests()).filter((r) => r.action === "AddLiveRecordNotifyConfig");
                        assert.equal(adds.length, 1, "a refusal is final: no retry");
                    }
                },
            );
        });
    }
});
