import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { publishOnce, toolchainCache } from "../../../tools/toolchain/cache";

describe("tools/toolchain cache: published whole or not at all", () => {
    let parent: string;
    const target = () => path.join(parent, "entry");
    const complete = (dir: string) => fs.existsSync(path.join(dir, "done"));

    beforeEach(() => (parent = fs.mkdtempSync(path.join(os.tmpdir(), "toolchain-cache-"))));
    afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

    it("prepares in a staging folder and renames it into place; a complete entry is reused", async () => {
        let prepared = 0;
        const prepare = (staging: string) => {
            prepared++;
            assert.notEqual(staging, target());
            fs.writeFileSync(path.join(staging, "done"), "");
            return Promise.resolve();
        };
        assert.equal(await publishOnce(target(), complete, prepare), true);
        assert.equal(await publishOnce(target(), complete, prepare), false);
        assert.equal(prepared, 1);
        assert.deepEqual(fs.readdirSync(parent), ["entry"]);
    });

    it("a failed or incomplete preparation leaves nothing, and an incomplete entry is replaced", async () => {
        await assert.rejects(
            publishOnce(target(), complete, () => Promise.reject(new Error("download failed"))),
            /download failed/,
        );
        assert.deepEqual(fs.readdirSync(parent), []);
        await assert.rejects(
            publishOnce(target(), complete, () => Promise.resolve()),
            /left it incomplete/,
        );
        assert.deepEqual(fs.readdirSync(parent), []);
        fs.mkdirSync(target());
        fs.writeFileSync(path.join(target(), "half"), "");
        await publishOnce(target(), complete, (staging) => Promise.resolve(fs.writeFileSync(path.join(staging, "done"), "")));
        assert.deepEqual(fs.readdirSync(target()), ["done"]);
    });

    it("lives under XDG_CACHE_HOME, else ~/.cache", () => {
        assert.equal(toolchainCache("node", { XDG_CACHE_HOME: "/x" }), "/x/pulumi-alicloud-live/node");
        assert.equal(toolchainCache("node", {}), path.join(os.homedir(), ".cache", "pulumi-alicloud-live", "node"));
    });
});
