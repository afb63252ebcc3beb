import { strict as assert } from "node:assert";
import { EmulatorAdmin, EmulatorAdminError, startEmulator, type RunningEmulator } from "../../../emulator";
import { steadyMix, throttleFault } from "../../../tools/soak/fault-mix";
import { Faults } from "../../../tools/soak/faults";

describe("tools/soak/faults (the fault rules of a sequence, on a real emulator)", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;

    before(async () => {
        emulator = await startEmulator({ host: "127.0.0.1" });
        admin = new EmulatorAdmin(emulator.url);
    });
    beforeEach(() => admin.reset());
    after(() => emulator?.stop());

    it("install() adds the steady mix in order and knows each rule's kind", async () => {
        const faults = new Faults(admin, throttleFault());
        await faults.install();
        const rules = await admin.faults();
        const mix = steadyMix(throttleFault());
        assert.equal(rules.length, mix.length);
        assert.deepEqual(
            rules.map((r) => faults.kindOfRule.get(r.id)),
            mix.map((m) => m.kind),
        );
    });

    it("an outage is one more rule of a known kind; remove() takes it away and tolerates a rule already gone", async () => {
        const faults = new Faults(admin, throttleFault("429"));
        const id = await faults.addOutage(() => 1); // the second action, the second variant: a throttle
        assert.equal(faults.kindOfRule.get(id), "throttle");
        const [rule] = await admin.faults();
        assert.equal(rule.id, id);
        assert.equal(rule.error?.status, 429);
        await faults.remove(id);
        assert.deepEqual(await admin.faults(), []);
        // A rule whose count ran out has removed itself: the emulator answers 404, which is not an error here.
        await assert.rejects(admin.removeFault(id), (e: unknown) => e instanceof EmulatorAdminError && e.status === 404);
        await faults.remove(id);
    });

    it("off() removes every rule and install() puts the steady mix back", async () => {
        const faults = new Faults(admin, throttleFault());
        await faults.install();
        await faults.addOutage(() => 0);
        await faults.off();
        assert.deepEqual(await admin.faults(), []);
        await faults.install();
        assert.equal((await admin.faults()).length, steadyMix().length);
    });

    it("remove() passes on an error other than 'no such rule'", async () => {
        const faults = new Faults(new EmulatorAdmin("http://127.0.0.1:1"), throttleFault());
        await assert.rejects(faults.remove("fault-1"));
    });
});
