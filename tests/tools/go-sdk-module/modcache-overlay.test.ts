import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { overlayModuleCache } from "../../../tools/go-sdk-module/modcache-overlay";

describe("tools/go-sdk-module/modcache-overlay", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** Files under `dir`, following links, as relative paths. */
    const tree = (dir: string, prefix = ""): string[] =>
        fs.readdirSync(dir).flatMap((name) => {
            const full = path.join(dir, name);
            return fs.statSync(full).isDirectory() ? tree(full, `${prefix}${name}/`) : [`${prefix}${name}`];
        });

    it("links every module of the real cache but the served module's owner, in the module tree and in cache/download", () => {
        const real = path.join(tmp, "real");
        for (const file of [
            "github.com/acme/live/sdk/go@v0.1.0/stale.go",
            "github.com/other/dep@v1.0.0/dep.go",
            "golang.org/x/net@v0.1.0/net.go",
            "cache/download/github.com/acme/live/sdk/go/@v/v0.1.0.zip",
            "cache/download/github.com/other/dep/@v/v1.0.0.zip",
            "cache/download/golang.org/x/net/@v/v0.1.0.zip",
            "cache/lock",
        ]) {
            fs.mkdirSync(path.dirname(path.join(real, file)), { recursive: true });
            fs.writeFileSync(path.join(real, file), file);
        }
        const overlay = path.join(tmp, "overlay");
        overlayModuleCache(real, overlay, "github.com/acme/live/sdk/go");
        assert.deepEqual(tree(overlay).sort(), [
            "cache/download/github.com/other/dep/@v/v1.0.0.zip",
            "cache/download/golang.org/x/net/@v/v0.1.0.zip",
            "cache/lock",
            "github.com/other/dep@v1.0.0/dep.go",
            "golang.org/x/net@v0.1.0/net.go",
        ]);
        assert.ok(fs.lstatSync(path.join(overlay, "golang.org")).isSymbolicLink());
        assert.ok(fs.lstatSync(path.join(overlay, "github.com", "other")).isSymbolicLink());
        assert.ok(!fs.lstatSync(path.join(overlay, "github.com")).isSymbolicLink(), "the served module's host is a real folder");
        // What go writes for the served module stays in the overlay.
        fs.mkdirSync(path.join(overlay, "github.com", "acme"));
        fs.rmSync(overlay, { recursive: true });
        assert.ok(fs.existsSync(path.join(real, "github.com/acme/live/sdk/go@v0.1.0/stale.go")), "removing the overlay leaves the real cache");
        assert.ok(fs.existsSync(path.join(real, "golang.org/x/net@v0.1.0/net.go")));
    });

    it("an empty or missing real cache gives an overlay with only the folders go needs", () => {
        const overlay = path.join(tmp, "overlay");
        overlayModuleCache(path.join(tmp, "nowhere"), overlay, "github.com/acme/live/sdk/go");
        assert.deepEqual(tree(overlay), []);
        assert.ok(fs.statSync(path.join(overlay, "cache", "download")).isDirectory());
    });
});
