import { strict as assert } from "node:assert";
import { Sleeps } from "../../../emulator/server/sleeps";

describe("emulator/server/sleeps", () => {
    it("a sleep ends after its delay, and the emulator is not stopped", async () => {
        const sleeps = new Sleeps();
        await sleeps.sleep(1);
        assert.equal(sleeps.stopped, false);
    });

    it("stop() wakes every sleeper at once and marks the emulator stopped", async () => {
        const sleeps = new Sleeps();
        const woken: number[] = [];
        const pending = [sleeps.sleep(600_000).then(() => woken.push(1)), sleeps.sleep(600_000).then(() => woken.push(2))];
        assert.equal(sleeps.stopped, false);
        sleeps.stop();
        assert.equal(sleeps.stopped, true);
        // Both resolve now; a ten-minute timer left running would also keep mocha from exiting on its own.
        await Promise.all(pending);
        assert.deepEqual(woken.sort(), [1, 2]);
    });
});
