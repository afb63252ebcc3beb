import { strict as assert } from "node:assert";
import { resolveOptions } from "../../../emulator/instance/options";

describe("emulator/callbacks/callback-options", () => {
    it("defaults to the documented timings: 5 s timeout, 5 retries, 1 s apart; no overrides", () => {
        assert.deepEqual(resolveOptions().callbacks, { timeoutMs: 5000, retries: 5, retryIntervalMs: 1000, routes: [] });
    });

    it("takes overrides and timings", () => {
        const r = resolveOptions({
            deliver: { "Hooks.example.com": "http://127.0.0.1:8080" },
            callbackDelivery: { timeoutMs: 50, retries: 0, retryIntervalMs: 0 },
        });
        assert.deepEqual(r.callbacks, {
            timeoutMs: 50,
            retries: 0,
            retryIntervalMs: 0,
            routes: [{ host: "hooks.example.com", target: "http://127.0.0.1:8080" }],
        });
    });

    it("refuses bad values, naming the option and the rule", () => {
        assert.throws(() => resolveOptions({ deliver: ["x"] as never }), /startEmulator: options.deliver must be an object/);
        assert.throws(
            () => resolveOptions({ deliver: { "hooks.example.com": 8080 } as never }),
            /options.deliver\["hooks.example.com"\] must be a URL string/,
        );
        assert.throws(
            () => resolveOptions({ deliver: { "hooks.example.com": "http://127.0.0.1:1/x" } }),
            /options.deliver\["hooks.example.com"\]: the target must be an origin only/,
        );
        assert.throws(() => resolveOptions({ callbackDelivery: { retries: 1.5 } }), /options.callbackDelivery.retries must be an integer >= 0/);
        assert.throws(() => resolveOptions({ callbackDelivery: { timeoutMs: 0 } }), /options.callbackDelivery.timeoutMs must be > 0/);
        assert.throws(() => resolveOptions({ callbackDelivery: { retryIntervalMs: -1 } }), /retryIntervalMs must be a finite number >= 0/);
    });
});
