/**
 * The callback-receiver example end to end: Pulumi deploys a signed recording-callback config (the
 * key a stack secret) into the emulator; the emulator simulates a recording and delivers the
 * callbacks to the example receiver on loopback, through a delivery override; the receiver accepts
 * them with the deployed key. Then the key is rotated through `up`: at the next push the receiver
 * still holding the old key refuses every callback, and one holding the new key accepts them.
 */
import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RecordingRun, type RunningEmulator } from "../../../emulator";
import { startReceiver, type RunningReceiver } from "../../../examples/callback-receiver/receiver";
import { cliDeployer, type Deployer, type StackConfigEntry } from "./support/deploy";

const PROJECT = "alicloud-live-callback-receiver";
const DOMAIN = "live.example.com";
const CALLBACK_HOST = "hooks.example.com";
/** Fixed test keys (16-32 letters and digits), not secrets of anything. */
const OLD_KEY = "OldNotifyKey0123456789";
const NEW_KEY = "NewNotifyKey9876543210";

describe("examples/callback-receiver (deploy, record, verify, rotate)", function () {
    this.timeout(240_000);
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let receiver: RunningReceiver;
    let deployer: Deployer;
    let receiverKey = OLD_KEY;
    const refusals: string[] = [];

    const stackConfig = (notifyAuthKey: string): Record<string, StackConfigEntry> => ({
        "alicloud-live:endpoint": { value: emulator.url },
        "alicloud:accessKey": { value: DEMO_ACCOUNT.accessKeyId },
        "alicloud:secretKey": { value: DEMO_ACCOUNT.accessKeySecret, secret: true },
        [`${PROJECT}:domain`]: { value: DOMAIN },
        [`${PROJECT}:callbackBaseUrl`]: { value: `https://${CALLBACK_HOST}/live` },
        [`${PROJECT}:onDemand`]: { value: "true" },
        [`${PROJECT}:notifyAuthKey`]: { value: notifyAuthKey, secret: true },
    });
    const push = (stream: string): Promise<RecordingRun> => admin.simulateRecording({ domainName: DOMAIN, app: "live", stream, pause: true });
    const kinds = (run: RecordingRun) => run.deliveries.map((d) => `${d.kind}:${d.outcome}`);

    before(async () => {
        receiver = await startReceiver({ callbackHost: CALLBACK_HOST, key: () => receiverKey, log: (l) => refusals.push(l) });
        // Short retry pauses keep the refused deliveries quick; the 5 s timeout and 5 retries stay as documented.
        emulator = await startEmulator({ deliver: { [CALLBACK_HOST]: receiver.origin }, callbackDelivery: { retryIntervalMs: 20 } });
        admin = new EmulatorAdmin(emulator.url);
        deployer = await cliDeployer("callback-receiver");
    });
    after(async () => {
        await deployer?.destroy().catch(() => undefined);
        await deployer?.cleanup();
        await emulator?.stop();
        await receiver?.close();
    });

    it("deploys the signed config, and the receiver accepts the emulator's signed callbacks", async () => {
        await deployer.up(stackConfig(OLD_KEY));
        const [config] = await admin.configs();
        assert.equal(config?.notifyUrl, `https://${CALLBACK_HOST}/live/record`);
        assert.equal(config?.notifyAuthKey, OLD_KEY, "the cloud holds the key Pulumi deployed");

        const run = await push("cam1");
        assert.equal(run.recorded, true, run.reason);
        // The receiver's on-demand answer asked for MP4 only.
        assert.deepEqual(kinds(run), [
            "on_demand:delivered",
            "record_started:delivered",
            "record_paused:delivered",
            "record_resumed:delivered",
            "file_generated:delivered",
        ]);
        assert.ok(run.deliveries.slice(1).every((d) => d.signed && d.attempts.length === 1 && d.deliveredTo === receiver.origin));
        assert.deepEqual(
            receiver.accepted.map((c) => (c.kind === "status" ? c.event : c.uri.split(".").pop())),
            ["record_started", "record_paused", "record_resumed", "mp4"],
        );
        assert.ok(receiver.accepted.every((c) => c.domain === DOMAIN && c.stream === "cam1"));
        assert.deepEqual(refusals, []);
    });

    it("after rotating notifyAuthKey through `up`, the next push is refused by the old key and accepted by the new one", async () => {
        await deployer.up(stackConfig(NEW_KEY));
        assert.equal((await admin.configs())[0]?.notifyAuthKey, NEW_KEY);
        const before = receiver.accepted.length;

        const refused = await push("cam2");
        assert.ok(
            refused.deliveries.slice(1).every((d) => d.outcome === "failed"),
            kinds(refused).join(" "),
        );
        // 1 try + 5 retries for each of the 4 recording callbacks, every one answered 401.
        assert.deepEqual(
            refused.deliveries.slice(1).map((d) => d.attempts.map((a) => a.status)),
            Array(4).fill(Array(6).fill(401)),
        );
        assert.equal(receiver.accepted.length, before, "nothing signed with the new key got through the old key");
        assert.equal(refusals.length, 24);
        assert.ok(
            refusals.every((l) => l.includes("signature-mismatch")),
            refusals[0],
        );

        receiverKey = NEW_KEY;
        const accepted = await push("cam3");
        assert.ok(
            accepted.deliveries.every((d) => d.outcome === "delivered"),
            kinds(accepted).join(" "),
        );
        assert.equal(receiver.accepted.length, before + 4);
        for (const text of [...refusals, JSON.stringify(await admin.recordings())]) {
            assert.ok(!text.includes(OLD_KEY) && !text.includes(NEW_KEY), "a key reached a log or the admin API's recordings");
        }
    });
});
