import { strict as assert } from "node:assert";
import { parseDeliveryRoute, resolveDelivery } from "../../../emulator/callbacks/delivery-routes";

describe("emulator/callbacks/delivery-routes", () => {
    it("parses HOST=URL into a lowercase host and an origin", () => {
        assert.deepEqual(parseDeliveryRoute("Hooks.Example.com=http://127.0.0.1:8080"), {
            host: "hooks.example.com",
            target: "http://127.0.0.1:8080",
        });
        assert.deepEqual(parseDeliveryRoute("hooks.example.com.=http://127.0.0.1:8080/"), {
            host: "hooks.example.com",
            target: "http://127.0.0.1:8080",
        });
    });

    it("refuses malformed routes, naming the flag and the rule", () => {
        assert.throws(() => parseDeliveryRoute("hooks.example.com"), /--deliver must look like HOST=URL/);
        assert.throws(() => parseDeliveryRoute("=http://127.0.0.1:1"), /--deliver must look like HOST=URL/);
        assert.throws(() => parseDeliveryRoute("not a host=http://127.0.0.1:1"), /is not a hostname/);
        assert.throws(() => parseDeliveryRoute("h.example.com=127.0.0.1:8080"), /--deliver: the target "127.0.0.1:8080" is not a URL/);
        assert.throws(() => parseDeliveryRoute("h.example.com=nonsense"), /is not a URL/);
        assert.throws(() => parseDeliveryRoute("h.example.com=ftp://127.0.0.1"), /must be http:\/\/ or https:\/\//);
        assert.throws(() => parseDeliveryRoute("h.example.com=http://127.0.0.1:1/path"), /origin only/);
    });

    it("reroutes the connection but keeps the path, the query and the Host header", () => {
        const routes = [parseDeliveryRoute("hooks.example.com=http://127.0.0.1:8080")];
        const t = resolveDelivery(new URL("https://HOOKS.example.com:8443/live/record?x=1"), routes);
        assert.equal(t.connectTo.toString(), "http://127.0.0.1:8080/live/record?x=1");
        assert.equal(t.hostHeader, "hooks.example.com:8443");
        assert.equal(t.rerouted, true);
        const other = resolveDelivery(new URL("https://other.example.com/x"), routes);
        assert.deepEqual([other.connectTo.toString(), other.hostHeader, other.rerouted], ["https://other.example.com/x", "other.example.com", false]);
    });
});
