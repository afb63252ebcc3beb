import { strict as assert } from "node:assert";
import { parseArchiveArgs } from "../../../tools/plugin-archives/args";

describe("tools/plugin-archives args (pure)", () => {
    it("takes platforms, version and output folder, in both spellings", () => {
        assert.deepEqual(parseArchiveArgs(["--platforms", "linux-amd64, linux-arm64", "--version=0.2.0", "--out", "x"]), {
            platforms: ["linux-amd64", "linux-arm64"],
            version: "0.2.0",
            outDir: "x",
            run: false,
            help: false,
        });
        assert.deepEqual(parseArchiveArgs(["--run"]), { platforms: undefined, version: undefined, outDir: undefined, run: true, help: false });
    });

    it("names a missing value and an unknown argument", () => {
        assert.throws(() => parseArchiveArgs(["--version"]), /--version needs a value/);
        assert.throws(() => parseArchiveArgs(["--platform", "x"]), /unknown argument "--platform"/);
    });
});
