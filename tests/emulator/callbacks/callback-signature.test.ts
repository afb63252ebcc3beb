import { strict as assert } from "node:assert";
import { callbackAuthHeaders } from "../../../emulator/callbacks/callback-signature";

describe("emulator/callbacks/callback-signature", () => {
    it("signs the documentation's example: md5(learn.aliyundoc.com|1519375990|yourkey)", () => {
        // `printf 'learn.aliyundoc.com|1519375990|yourkey' | md5sum`
        assert.deepEqual(callbackAuthHeaders(new URL("https://learn.aliyundoc.com/your/callback"), 1519375990_000, "yourkey"), {
            "ALI-LIVE-TIMESTAMP": "1519375990",
            "ALI-LIVE-SIGNATURE": "9e226fc2c250be266e3657e156f68c12",
        });
    });

    it("uses the URL's hostname only (no port, no path), and whole seconds of the send time", () => {
        // `printf 'hooks.example.com|1764547200|EmulatorKey0123456' | md5sum`
        const headers = callbackAuthHeaders(new URL("http://HOOKS.example.com:8443/a/b?x=1"), 1764547200_999, "EmulatorKey0123456");
        assert.deepEqual(headers, { "ALI-LIVE-TIMESTAMP": "1764547200", "ALI-LIVE-SIGNATURE": "5cd8f1cc082d6710afae98b9da7fa7ec" });
    });
});
