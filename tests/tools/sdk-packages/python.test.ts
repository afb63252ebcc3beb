/**
 * `npm run sdk-packages`' Python half: sdk/python built into a wheel and an sdist named for package.json's
 * version, holding what the engine needs (pulumi-plugin.json with the download URL), the wheel
 * reproducible; and the wheel installed, offline, into a venv that has only the Pulumi SDK and the wheel's
 * declared dependencies, working there with nothing of this repository.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { pluginDistribution } from "../../../provider/plugin/distribution";
import { pluginVersion } from "../../../provider/plugin/version";
import type { Venv } from "../../../tools/python-venv/obtain";
import { findPython } from "../../../tools/python-venv/python";
import { findRepoRoot } from "../../../tools/repo-root";
import type { PythonPackages } from "../../../tools/sdk-packages/python";
import { buildPythonPackages, pythonDistribution } from "../../../tools/sdk-packages/python";
import { builtPythonPackages, userPythonVenv } from "../../support/sdk-packages";

const run = promisify(execFile);
const REPO_ROOT = findRepoRoot(__dirname);
const DISTRIBUTION = "pulumi_alicloud_live";

/** The names and texts of the files of a wheel (zip) or sdist (tar.gz) that `pattern` matches, read with Python's own modules. */
async function archiveFiles(archive: string, pattern: string): Promise<Record<string, string>> {
    const script = [
        "import json, re, sys, tarfile, zipfile",
        "path, pattern = sys.argv[1], re.compile(sys.argv[2])",
        "if path.endswith('.whl'):",
        "    z = zipfile.ZipFile(path); out = {n: z.read(n).decode() for n in z.namelist() if pattern.search(n)}",
        "else:",
        "    t = tarfile.open(path); out = {m.name: t.extractfile(m).read().decode() for m in t.getmembers() if m.isfile() and pattern.search(m.name)}",
        "print(json.dumps(out))",
    ].join("\n");
    const { stdout } = await run(findPython().executable, ["-c", script, archive, pattern], { encoding: "utf8" });
    return JSON.parse(stdout) as Record<string, string>;
}

describe("tools/sdk-packages: the Python SDK's wheel and sdist", function () {
    // A cold build venv installs four packages (seconds to a minute); the user venv two dozen.
    this.timeout(20 * 60_000);
    let built: PythonPackages;

    before(async () => {
        built = await builtPythonPackages();
    });

    it("are named for package.json's version and hold pulumi-plugin.json naming the plugin and its download URL", async () => {
        assert.equal(path.basename(built.wheel), `${DISTRIBUTION}-${pluginVersion()}-py3-none-any.whl`);
        assert.equal(path.basename(built.sdist), `${DISTRIBUTION}-${pluginVersion()}.tar.gz`);
        const expected = { resource: true, name: "alicloud-live", version: pluginVersion(), server: pluginDistribution().pluginDownloadURL };
        const wheel = await archiveFiles(built.wheel, "pulumi-plugin\\.json$|METADATA$|LICENSE$");
        assert.deepEqual(JSON.parse(wheel[`${DISTRIBUTION}/pulumi-plugin.json`]), expected);
        const metadata = wheel[`${DISTRIBUTION}-${pluginVersion()}.dist-info/METADATA`];
        assert.match(metadata, new RegExp(`^Version: ${pluginVersion().replace(/\./g, "\\.")}$`, "m"));
        assert.match(metadata, /^Requires-Dist: pulumi<4\.0\.0,>=3\.\d+\.\d+$/m);
        assert.match(metadata, /^Summary: Manage Alibaba Cloud ApsaraVideo Live/m);
        assert.ok(
            Object.keys(wheel).some((name) => name.endsWith("/LICENSE")),
            "the wheel carries the license",
        );
        const sdist = await archiveFiles(built.sdist, "^[^/]+/(PKG-INFO|LICENSE|setup\\.py|[^/]+/pulumi-plugin\\.json)$");
        const root = `${DISTRIBUTION}-${pluginVersion()}`;
        assert.match(sdist[`${root}/PKG-INFO`], new RegExp(`^Version: ${pluginVersion().replace(/\./g, "\\.")}$`, "m"));
        assert.deepEqual(JSON.parse(sdist[`${root}/${DISTRIBUTION}/pulumi-plugin.json`]), expected);
        assert.ok(`${root}/LICENSE` in sdist && `${root}/setup.py` in sdist, Object.keys(sdist).join(", "));
    });

    it("the same sources give a byte-identical wheel", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-packages-again-"));
        try {
            const again = await buildPythonPackages({
                repoRoot: REPO_ROOT,
                out: path.join(out, "packages"),
                version: pluginVersion(),
                distribution: pythonDistribution(),
                log: () => undefined,
            });
            assert.ok(fs.readFileSync(again.wheel).equals(fs.readFileSync(built.wheel)), "two builds of one tree differ");
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    describe("pip install of the wheel into a venv that has only its dependencies", () => {
        let venv: Venv;

        before(async () => {
            venv = await userPythonVenv();
        });

        it("holds the Pulumi SDK, the wheel and what they declare, nothing else; pip check agrees", async () => {
            const env = { PATH: path.join(venv.dir, "bin"), HOME: os.tmpdir() };
            const { stdout } = await run(venv.python, ["-m", "pip", "list", "--format", "json", "--disable-pip-version-check"], { env });
            const names = (JSON.parse(stdout) as { name: string; version: string }[]).map((p) => p.name.toLowerCase().replace(/[-.]/g, "_"));
            const pinned = fs
                .readFileSync(path.join(REPO_ROOT, "tests", "support", "python-user-requirements.txt"), "utf8")
                .split("\n")
                .filter((line) => /^[\w.-]+==/.test(line))
                .map((line) => line.split("==")[0].toLowerCase().replace(/[-.]/g, "_"));
            // pip and setuptools come with every venv (`python -m venv`).
            assert.deepEqual(names.filter((n) => !["pip", "setuptools"].includes(n)).sort(), [...pinned, DISTRIBUTION].sort());
            await run(venv.python, ["-m", "pip", "check", "--disable-pip-version-check"], { env });
        });

        it("imports from the venv alone (no repository path, no node), at the package's version, naming the plugin's download URL", async () => {
            const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-user-"));
            try {
                const script = [
                    "import json, importlib.metadata as m",
                    "import pulumi_alicloud_live as p",
                    "from pulumi_alicloud_live import _utilities as u",
                    `print(json.dumps({"file": p.__file__, "version": m.version("${DISTRIBUTION}"), "url": u.get_plugin_download_url(), "cls": p.LiveRecordNotifyConfig.__name__}))`,
                ].join("\n");
                const env = { PATH: path.join(venv.dir, "bin"), HOME: cwd };
                const { stdout } = await run(path.join(venv.dir, "bin", "python"), ["-c", script], { cwd, env, encoding: "utf8" });
                const found = JSON.parse(stdout) as { file: string; version: string; url: string; cls: string };
                assert.ok(found.file.startsWith(`${venv.dir}${path.sep}`), `${found.file} is not in the venv`);
                assert.ok(!found.file.startsWith(REPO_ROOT), "imported from the repository");
                assert.equal(found.version, pluginVersion());
                assert.equal(found.url, pluginDistribution().pluginDownloadURL);
                assert.equal(found.cls, "LiveRecordNotifyConfig");
            } finally {
                fs.rmSync(cwd, { recursive: true, force: true });
            }
        });
    });
});
