/**
 * A package folder built into a wheel and installed offline: the digest that keys the venv, the wheel's
 * version, and the install itself into a throwaway venv holding setuptools and wheel (at the versions
 * tools/sdk-packages/python-build-requirements.txt pins, from the package index).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installLocalPackage, packageDigest, wheelVersion, type LocalPackage, type PackageFolder } from "../../../tools/python-venv/local-package";
import { findPython, PythonVenvError } from "../../../tools/python-venv/python";

/** A one-module package `tiny_pkg` at `version`, requiring `requires`. */
function tinyPackage(dir: string, version: string, requires: string[] = [], setupExtra = ""): PackageFolder {
    fs.mkdirSync(path.join(dir, "tiny_pkg"), { recursive: true });
    fs.writeFileSync(path.join(dir, "tiny_pkg", "__init__.py"), `VERSION = "${version}"\n`);
    fs.writeFileSync(
        path.join(dir, "setup.py"),
        `from setuptools import setup\n${setupExtra}\nsetup(name="tiny_pkg", version="${version}", packages=["tiny_pkg"], install_requires=${JSON.stringify(requires)})\n`,
    );
    return { dir, distribution: "tiny_pkg", version };
}

describe("tools/python-venv/local-package", function () {
    this.timeout(300_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "local-package-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("reads a wheel's version from its file name, for that distribution only", () => {
        assert.equal(wheelVersion("pulumi_alicloud_live-0.1.0-py3-none-any.whl", "pulumi_alicloud_live"), "0.1.0");
        assert.equal(wheelVersion("pulumi_alicloud_live-0.2.0a1-py3-none-any.whl", "pulumi-alicloud-live"), "0.2.0a1");
        assert.equal(wheelVersion("semver-3.1.2-py3-none-any.whl", "pulumi_alicloud_live"), undefined);
        assert.equal(wheelVersion("pulumi_alicloud_live-0.1.0.tar.gz", "pulumi_alicloud_live"), undefined);
    });

    it("digests the package's files, version and name, ignoring what a build leaves behind", () => {
        const pkg = tinyPackage(path.join(tmp, "digest"), "1.0.0");
        const first = packageDigest(pkg);
        assert.match(first, /^tiny_pkg==1\.0\.0 [0-9a-f]{16}$/);
        fs.mkdirSync(path.join(pkg.dir, "build", "lib"), { recursive: true });
        fs.writeFileSync(path.join(pkg.dir, "build", "lib", "x.py"), "junk");
        fs.mkdirSync(path.join(pkg.dir, "tiny_pkg.egg-info"));
        fs.mkdirSync(path.join(pkg.dir, "tiny_pkg", "__pycache__"));
        fs.writeFileSync(path.join(pkg.dir, "tiny_pkg", "__pycache__", "a.pyc"), "junk");
        assert.equal(packageDigest(pkg), first, "build leftovers change nothing");
        assert.notEqual(packageDigest({ ...pkg, version: "1.0.1" }), first);
        fs.appendFileSync(path.join(pkg.dir, "tiny_pkg", "__init__.py"), "# edited\n");
        assert.notEqual(packageDigest(pkg), first, "a regenerated file is a new venv");
        assert.throws(() => packageDigest({ ...pkg, dir: path.join(tmp, "nowhere") }), /python-venv: tiny_pkg: no package folder at .*nowhere/);
        assert.throws(
            () => packageDigest({ wheel: path.join(tmp, "nowhere.whl"), distribution: "tiny_pkg", version: "1.0.0" }),
            /python-venv: tiny_pkg: no wheel at .*nowhere\.whl/,
        );
    });

    describe("installing, offline, into a venv with setuptools and wheel", () => {
        let python: string;
        const lines: string[] = [];
        const install = (pkg: LocalPackage) => installLocalPackage(pkg, python, process.env, (l) => lines.push(l));
        const rejects = (pkg: LocalPackage, pattern: RegExp) =>
            assert.rejects(install(pkg), (error: unknown) => error instanceof PythonVenvError && pattern.test(error.message));

        before(() => {
            const venv = path.join(tmp, "venv");
            execFileSync(findPython().executable, ["-m", "venv", venv]);
            python = path.join(venv, "bin", "python");
            const pins = fs
                .readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "tools", "sdk-packages", "python-build-requirements.txt"), "utf8")
                .split("\n")
                .filter((line) => /^(setuptools|wheel)==/.test(line));
            assert.equal(pins.length, 2, "the SDK build's requirements pin setuptools and wheel");
            execFileSync(python, ["-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", ...pins], { stdio: "ignore" });
        });

        it("builds the wheel from a copy (the source folder stays clean) and installs it", async () => {
            const pkg = tinyPackage(path.join(tmp, "good"), "1.2.3");
            await install(pkg);
            assert.equal(execFileSync(python, ["-c", "import tiny_pkg; print(tiny_pkg.VERSION)"], { encoding: "utf8" }).trim(), "1.2.3");
            assert.deepEqual(fs.readdirSync(pkg.dir).sort(), ["setup.py", "tiny_pkg"], "no build/ or egg-info written into the source");
            assert.ok(lines.some((l) => l.startsWith(`python-venv: building tiny_pkg 1.2.3 from ${pkg.dir} into a wheel (offline)`)));
        });

        it("a wheel of another version than expected is refused, naming both", () =>
            rejects(
                { ...tinyPackage(path.join(tmp, "stale"), "1.2.3"), version: "2.0.0" },
                /builds tiny_pkg 1\.2\.3, not 2\.0\.0: regenerate the SDK/,
            ));

        it("installs a wheel already built, as it is, and refuses one of another version", async () => {
            const pkg = tinyPackage(path.join(tmp, "prebuilt"), "3.1.4");
            const wheels = path.join(tmp, "prebuilt-wheels");
            execFileSync(python, ["-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index", "--wheel-dir", wheels, pkg.dir], {
                stdio: "ignore",
            });
            const wheel = path.join(wheels, "tiny_pkg-3.1.4-py3-none-any.whl");
            await rejects(
                { wheel, distribution: "tiny_pkg", version: "3.1.5" },
                /tiny_pkg-3\.1\.4-py3-none-any\.whl is tiny_pkg 3\.1\.4, not 3\.1\.5/,
            );
            lines.splice(0);
            await install({ wheel, distribution: "tiny_pkg", version: "3.1.4" });
            assert.equal(execFileSync(python, ["-c", "import tiny_pkg; print(tiny_pkg.VERSION)"], { encoding: "utf8" }).trim(), "3.1.4");
            assert.ok(lines.includes("python-venv: installing tiny_pkg-3.1.4-py3-none-any.whl (offline)"), lines.join("\n"));
            assert.ok(!lines.some((l) => l.includes("into a wheel")), "nothing is built");
        });

        it("a dependency the venv lacks fails the install (no index to fetch it from), saying so", () =>
            rejects(
                tinyPackage(path.join(tmp, "deps"), "1.0.0", ["no-such-dependency-pulumi-alicloud-live==1.0"]),
                /installing tiny_pkg 1\.0\.0 offline failed \(a dependency missing/,
            ));

        it("a package that does not build fails naming the folder", () =>
            rejects(
                tinyPackage(path.join(tmp, "broken"), "1.0.0", [], 'raise SystemExit("broken on purpose")'),
                /building a wheel of .*broken failed/,
            ));
    });
});
