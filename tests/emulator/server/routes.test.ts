import { strict as assert } from "node:assert";
import { routeOf } from "../../../emulator/server/routes";

describe("emulator/server/routes", () => {
    it("sends /_emulator/... to the admin API, with the path and the query apart", () => {
        assert.deepEqual(routeOf("/_emulator/requests?since=3"), { to: "admin", path: "/_emulator/requests", search: "since=3" });
        assert.deepEqual(routeOf("/_emulator/faults/fault-1"), { to: "admin", path: "/_emulator/faults/fault-1", search: "" });
    });

    it("treats the bare /_emulator as the admin root", () => {
        assert.deepEqual(routeOf("/_emulator"), { to: "admin", path: "/_emulator/", search: "" });
        assert.deepEqual(routeOf("/_emulator?x=1"), { to: "admin", path: "/_emulator/", search: "x=1" });
    });

    it("sends every other path to the Live API, as the service's RPC endpoint ignores the path", () => {
        for (const url of ["/", "/?Action=DescribeLiveRecordNotifyConfig", "/anything", "/_emulatorx", "/x/_emulator/stats", "/?p=/_emulator/"]) {
            assert.deepEqual(routeOf(url), { to: "api" }, url);
        }
    });
});
