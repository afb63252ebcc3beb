/**
 * The dynamic provider's first call (the host configures it inside the first `check`) makes the
 * configure-time check: refused keys are the check's one failure, and every other method refuses with
 * the same words; configure itself resolves, since the host prints a rejected configure with its stack.
 */
import { strict as assert } from "node:assert";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { createProvider } from "../../../provider/dynamic/provider";
import { forgetDiscoveredAccounts } from "../../../provider/resource/account";
import { forgetConfigureChecks } from "../../../provider/resource/configure-check";
import { forgetSaid } from "../../../provider/resource/said-once";
import { rejection } from "../../support/rejection";
import { PROVIDER_TEXT } from "../resource/fixtures";

const SECRET = "dynamic-check-secret-Ub6";
const INPUTS = { domainName: "live.example.com", notifyUrl: "https://callbacks.example.com/r", __provider: PROVIDER_TEXT };
const OUTPUTS = { ...INPUTS, needStatusNotify: false, notifyReqAuth: false };

describe("dynamic/provider: the configure-time check", function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;

    before(async () => {
        emulator = await startEmulator({ stsPort: 0, accounts: [{ accessKeyId: "DYN-CHECK-KEY", accessKeySecret: SECRET }] });
    });
    after(() => emulator?.stop());
    beforeEach(() => {
        forgetConfigureChecks();
        forgetDiscoveredAccounts();
        forgetSaid();
    });

    const configured = async (keyId: string) => {
        const notices: string[] = [];
        const provider = createProvider({
            env: {
                ALICLOUD_LIVE_ENDPOINT: emulator.url,
                ALICLOUD_LIVE_STS_ENDPOINT: emulator.sts!.url,
                ALIBABA_CLOUD_ACCESS_KEY_ID: keyId,
                ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
            },
            notice: (m) => notices.push(m),
        });
        await provider.configure({ config: { get: () => undefined, require: () => "" } });
        return { provider, notices };
    };

    it("good keys: check passes, nothing said", async () => {
        const { provider, notices } = await configured("DYN-CHECK-KEY");
        assert.deepEqual((await provider.check({}, INPUTS)).failures ?? [], []);
        assert.deepEqual(notices, []);
    });

    it("refused keys: one check failure with the key id and the code; every other method refuses with the same words", async () => {
        const { provider, notices } = await configured("DYN-NO-SUCH-KEY");
        const checked = await provider.check({}, INPUTS);
        assert.equal(checked.failures?.length, 1);
        const reason = checked.failures[0].reason;
        assert.match(
            reason,
            /answered InvalidAccessKeyId\.NotFound \(HTTP 404\).*The AccessKey ID is DYN-NO-SUCH-KEY \(from ALIBABA_CLOUD_ACCESS_KEY_ID\)/,
        );
        assert.ok(!reason.includes(SECRET));
        for (const call of [
            provider.diff(INPUTS.domainName, OUTPUTS, INPUTS),
            provider.create(INPUTS),
            provider.read(INPUTS.domainName, OUTPUTS),
            provider.update(INPUTS.domainName, OUTPUTS, INPUTS),
            provider.delete(INPUTS.domainName, OUTPUTS),
        ]) {
            assert.equal((await rejection(call)).message, reason);
        }
        assert.deepEqual(notices, []);
        assert.deepEqual(await new EmulatorAdmin(emulator.url).requests(), [], "no Live call was sent with the refused keys");
    });
});
