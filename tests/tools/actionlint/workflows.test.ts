/**
 * actionlint (built from its Go module, tools/actionlint) over every GitHub Actions workflow in the
 * repository: the release workflow and the GitOps example's. shellcheck and pyflakes integration is off,
 * so the result does not depend on what else the machine has installed.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { obtainActionlint, type Actionlint } from "../../../tools/actionlint/obtain";
import { findRepoRoot } from "../../../tools/repo-root";

const run = promisify(execFile);
const ROOT = findRepoRoot(__dirname);
const FLAGS = ["-no-color", "-shellcheck=", "-pyflakes="];

/** Every workflow file: YAML inside a `workflows` folder, outside node_modules, dist and build output. */
function workflowFiles(dir = ROOT, found: string[] = []): string[] {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (["node_modules", "dist", "build", ".git", ".build"].includes(entry.name)) continue;
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) workflowFiles(file, found);
        else if (/\.ya?ml$/.test(entry.name) && path.basename(dir) === "workflows") found.push(path.relative(ROOT, file));
    }
    return found.sort();
}

describe("actionlint over every workflow in the repository", function () {
    // A cold build of actionlint takes about 20 s (more on a loaded machine); cached afterwards.
    this.timeout(30 * 60_000);
    let actionlint: Actionlint;

    before(async () => {
        actionlint = await obtainActionlint({ log: (line) => console.error(line) });
    });

    it("finds the release workflow and the GitOps example's three", () => {
        assert.deepEqual(workflowFiles(), [
            ".github/workflows/release.yml",
            "examples/gitops/workflows/deploy.yml",
            "examples/gitops/workflows/drift.yml",
            "examples/gitops/workflows/preview.yml",
        ]);
    });

    it(`reports nothing on any of them (actionlint v1.7.12)`, async () => {
        assert.equal(actionlint.version, "v1.7.12");
        const { stdout, stderr } = await run(actionlint.executable, [...FLAGS, ...workflowFiles()], { cwd: ROOT });
        assert.equal(stdout + stderr, "");
    });

    it("does report a broken workflow (the check can fail)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
        try {
            const broken = path.join(dir, "broken.yml");
            fs.writeFileSync(broken, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.X.y.z( }}\n");
            await assert.rejects(run(actionlint.executable, [...FLAGS, broken]), (error: { code: number; stdout: string }) => {
                assert.equal(error.code, 1);
                assert.match(error.stdout, /broken\.yml:6:/);
                return true;
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
