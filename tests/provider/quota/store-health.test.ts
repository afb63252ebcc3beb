import { strict as assert } from "node:assert";
import { COOL_DOWN_MS, FAILURES_TO_COOL_DOWN, StoreHealth, type StoreNotice } from "../../../provider/quota/store-health";

describe("quota/StoreHealth", () => {
    const setup = () => {
        const clock = {
            t: 0,
            now() {
                return this.t;
            },
        };
        const notices: StoreNotice[] = [];
        return { clock, notices, health: new StoreHealth({ clock, onNotice: (n) => notices.push(n) }) };
    };

    it("a connected store is asked; a disconnected one is not", () => {
        const { health } = setup();
        assert.equal(health.usable(true), true);
        assert.equal(health.usable(false), false);
    });

    it(`slow calls fall back one by one; ${FAILURES_TO_COOL_DOWN} in a row leave the store alone for ${COOL_DOWN_MS} ms`, () => {
        const { health, clock } = setup();
        for (let i = 1; i < FAILURES_TO_COOL_DOWN; i++) {
            health.failed("slower than its budget");
            assert.equal(health.usable(true), true, `after ${i} failures it is still asked`);
        }
        health.failed("slower than its budget");
        assert.equal(health.usable(true), false);
        clock.t = COOL_DOWN_MS - 1;
        assert.equal(health.usable(true), false);
        clock.t = COOL_DOWN_MS;
        assert.equal(health.usable(true), true, "asked again after the cool-down");
    });

    it("a lost connection cools down at once, until reconnected", () => {
        const { health } = setup();
        health.failed("ECONNREFUSED", true);
        assert.equal(health.usable(true), false);
        health.reconnected();
        assert.equal(health.usable(true), true);
    });

    it("warns once on the first failure and says once that the store is back, however often it flaps", () => {
        const { health, notices } = setup();
        health.succeeded();
        assert.deepEqual(notices, [], "nothing to say while all is well");
        for (let round = 0; round < 5; round++) {
            health.failed("ECONNRESET", true);
            health.failed("ECONNRESET", true);
            health.reconnected();
            health.succeeded();
        }
        assert.deepEqual(notices, [{ type: "fallback", reason: "ECONNRESET" }, { type: "rejoined" }]);
    });

    it("a listener that throws does not break pacing", () => {
        const health = new StoreHealth({
            clock: { now: () => 0 },
            onNotice: () => {
                throw new Error("log down");
            },
        });
        assert.doesNotThrow(() => health.failed("ECONNREFUSED"));
    });
});
