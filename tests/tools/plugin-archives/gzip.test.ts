import { strict as assert } from "node:assert";
import { gunzipSync } from "node:zlib";
import { deterministicGzip } from "../../../tools/plugin-archives/gzip";

describe("tools/plugin-archives gzip (deterministic)", () => {
    const data = Buffer.from("pulumi-resource-alicloud-live ".repeat(1000));

    it("round-trips, and the same input gives the same bytes", () => {
        const out = deterministicGzip(data);
        assert.ok(gunzipSync(out).equals(data));
        assert.ok(out.equals(deterministicGzip(data)));
    });

    it("its header has mtime 0 and the OS byte 3 (Unix), whatever platform zlib was built for", () => {
        const out = deterministicGzip(data);
        assert.deepEqual([out[0], out[1], out[2]], [0x1f, 0x8b, 8]);
        assert.equal(out.readUInt32LE(4), 0);
        assert.equal(out[9], 3);
    });
});
