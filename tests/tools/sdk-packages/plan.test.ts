import { strict as assert } from "node:assert";
import { checkPythonVersion, parseArgs, pythonFiles, SdkPackagesError, setupPyVersion, unexpectedFiles } from "../../../tools/sdk-packages/plan";

describe("tools/sdk-packages/plan", () => {
    it("parses --out, refusing anything else by name", () => {
        assert.deepEqual(parseArgs([], "/default"), { out: "/default" });
        assert.deepEqual(parseArgs(["--out", "x"], "/d"), { out: "x" });
        assert.deepEqual(parseArgs(["--out=y"], "/default"), { out: "y" });
        assert.throws(
            () => parseArgs(["--out"], "/d"),
            (e: Error) => e instanceof SdkPackagesError && /--out needs a folder/.test(e.message),
        );
        assert.throws(() => parseArgs(["--check"], "/d"), /unknown argument "--check" \(usage: npm run sdk-packages/);
    });

    it("reads the version a generated setup.py states, and says how to fix a setup.py without one", () => {
        assert.equal(setupPyVersion('import x\n\n\nVERSION = "0.1.0"\ndef readme():\n'), "0.1.0");
        assert.equal(setupPyVersion('VERSION = "1.0.0a1"\n'), "1.0.0a1");
        assert.throws(() => setupPyVersion("setup(version='1')"), /states no VERSION = "\.\.\.": regenerate it with `npm run sdkgen`/);
    });

    it("a plain release must be package.json's version; a pre-release is PEP 440's spelling, taken as generated", () => {
        checkPythonVersion("0.1.0", "0.1.0");
        checkPythonVersion("1.0.0-alpha.1", "1.0.0a1");
        assert.throws(() => checkPythonVersion("0.2.0", "0.1.0"), /sdk\/python is version 0\.1\.0, package\.json 0\.2\.0: regenerate the SDK/);
    });

    it("names the wheel and the sdist as PyPA's build does, and every file missing or too many", () => {
        const files = pythonFiles("pulumi_alicloud_live", "0.1.0");
        assert.deepEqual(files, { wheel: "pulumi_alicloud_live-0.1.0-py3-none-any.whl", sdist: "pulumi_alicloud_live-0.1.0.tar.gz" });
        assert.deepEqual(pythonFiles("my-pkg.x", "1.0.0a1"), { wheel: "my_pkg_x-1.0.0a1-py3-none-any.whl", sdist: "my_pkg_x-1.0.0a1.tar.gz" });
        assert.equal(unexpectedFiles([files.sdist, files.wheel], files), undefined);
        assert.equal(unexpectedFiles([files.wheel, "other-1.whl"], files), "missing pulumi_alicloud_live-0.1.0.tar.gz, unexpected other-1.whl");
    });
});
