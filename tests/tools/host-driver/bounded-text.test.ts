import { strict as assert } from "node:assert";
import { BoundedText } from "../../../tools/host-driver/bounded-text";

const text = (s: string) => Buffer.from(s, "utf8");

describe("tools/host-driver/bounded-text", () => {
    it("keeps everything while under the cap, in order", () => {
        const out = new BoundedText(100);
        out.push(text("port 1234\n"));
        out.push(text("ready\n"));
        assert.equal(out.text(), "port 1234\nready\n");
    });

    it("drops the oldest chunks once over the cap, keeping the newest", () => {
        const out = new BoundedText(10);
        for (const line of ["aaaa\n", "bbbb\n", "cccc\n", "dddd\n"]) out.push(text(line));
        assert.equal(out.text(), "cccc\ndddd\n");
    });

    it("keeps a single chunk larger than the cap whole (never cut inside a chunk)", () => {
        const out = new BoundedText(4);
        out.push(text("first\n"));
        out.push(text("é".repeat(10)));
        assert.equal(out.text(), "é".repeat(10));
    });

    it("is empty before anything is pushed", () => {
        assert.equal(new BoundedText(10).text(), "");
    });
});
