/**
 * The venv cache with requirements that need no package index (nothing to install, or a package
 * that cannot be found with `--no-index`), so the test is quick and offline: a venv is made once,
 * reused, keyed by the requirements, and a failed install leaves nothing in the cache.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { obtainVenv, venvKey } from "../../../tools/python-venv/obtain";
import { PythonVenvError } from "../../../tools/python-venv/python";

describe("tools/python-venv/obtain", function () {
    this.timeout(180_000);
    let tmp: string;
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);

    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "python-venv-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("keys the cache by the requirements and the Python", () => {
        const python = { executable: "/usr/bin/python3.11", version: "3.11.7" };
        assert.match(venvKey("sdk", "a==1\n", python), /^sdk-py3\.11-[0-9a-f]{16}$/);
        assert.notEqual(venvKey("sdk", "a==1\n", python), venvKey("sdk", "a==2\n", python));
        assert.notEqual(venvKey("sdk", "a==1\n", python), venvKey("sdk", "a==1\n", { ...python, version: "3.12.1" }));
        // Local packages are part of the key; without them the key is what it was before they existed (cached venvs stay).
        assert.equal(venvKey("sdk", "a==1\n", python, []), venvKey("sdk", "a==1\n", python));
        assert.notEqual(venvKey("sdk", "a==1\n", python, ["p==0.1.0 0123456789abcdef"]), venvKey("sdk", "a==1\n", python));
        assert.notEqual(
            venvKey("sdk", "a==1\n", python, ["p==0.1.0 0123456789abcdef"]),
            venvKey("sdk", "a==1\n", python, ["p==0.1.0 fedcba9876543210"]),
        );
    });

    it("installs once into a staged folder renamed into place, then reuses it", async () => {
        const requirements = path.join(tmp, "empty-requirements.txt");
        fs.writeFileSync(requirements, "# nothing to install\n");
        const cacheRoot = path.join(tmp, "cache");
        const first = await obtainVenv({ name: "t", requirementsFile: requirements, probeModule: "json", cacheRoot, log });
        assert.equal(first.source, "install");
        assert.ok(
            lines.some((l) => l.startsWith("python-venv: installing")),
            "progress is shown",
        );
        assert.deepEqual(fs.readdirSync(cacheRoot), [path.basename(first.dir)], "no staging folder left behind");
        assert.ok(fs.existsSync(first.python));
        const second = await obtainVenv({ name: "t", requirementsFile: requirements, probeModule: "json", cacheRoot, log });
        assert.deepEqual(second, { ...first, source: "cache" });
    });

    it("a failed install leaves nothing in the cache and says what failed", async () => {
        const requirements = path.join(tmp, "impossible-requirements.txt");
        fs.writeFileSync(requirements, "--no-index\nno-such-package-pulumi-alicloud-live==0.0.1\n");
        const cacheRoot = path.join(tmp, "cache-failed");
        await assert.rejects(
            obtainVenv({ name: "t", requirementsFile: requirements, probeModule: "json", cacheRoot, log }),
            (error: unknown) => error instanceof PythonVenvError && /pip install of .*impossible-requirements\.txt exited with 1/.test(error.message),
        );
        assert.deepEqual(fs.readdirSync(cacheRoot), []);
    });

    it("a local package that fails to build leaves nothing in the cache either", async () => {
        const requirements = path.join(tmp, "empty-requirements.txt");
        const pkg = path.join(tmp, "broken-package");
        fs.mkdirSync(pkg);
        fs.writeFileSync(path.join(pkg, "setup.py"), 'raise SystemExit("broken on purpose")\n');
        const cacheRoot = path.join(tmp, "cache-local");
        await assert.rejects(
            obtainVenv({
                name: "t",
                requirementsFile: requirements,
                probeModule: "json",
                localPackages: [{ dir: pkg, distribution: "broken", version: "1.0.0" }],
                cacheRoot,
                log,
            }),
            (error: unknown) => error instanceof PythonVenvError && /building a wheel of .*broken-package failed/.test(error.message),
        );
        assert.deepEqual(fs.readdirSync(cacheRoot), []);
    });
});
