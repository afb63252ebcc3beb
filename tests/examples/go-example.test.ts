/**
 * examples/go compiles against the committed Go SDK (sdk/go, through its go.mod's `replace`):
 * `go vet` type-checks the program and the SDK. Read-only modules, so a stale go.mod/go.sum fails.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCommand } from "../../tools/child-process";
import { MINIMUM_GO } from "../../tools/pulumi-cli/recipe";
import { findRepoRoot } from "../../tools/repo-root";

const REPO_ROOT = findRepoRoot(__dirname);
const EXAMPLE = path.join(REPO_ROOT, "examples", "go");

/** Compiling the Go SDK's dependencies cold takes minutes on 2 cores; warm, seconds. */
const VET_TIMEOUT_MS = 30 * 60_000;

describe("examples/go: the Go program compiles against sdk/go", function () {
    this.timeout(VET_TIMEOUT_MS + 60_000);

    it("uses the checkout's generated SDK", () => {
        const goMod = fs.readFileSync(path.join(EXAMPLE, "go.mod"), "utf8");
        assert.match(goMod, /^replace github\.com\/pulumi-alicloud-live\/pulumi-alicloud-live\/sdk\/go => \.\.\/\.\.\/sdk\/go$/m);
        assert.match(fs.readFileSync(path.join(EXAMPLE, "main.go"), "utf8"), /alicloudlive\.GetLiveRecordNotifyConfig\(/);
    });

    it("go vet succeeds", async () => {
        const vet = await runCommand("go", ["vet", "."], {
            cwd: EXAMPLE,
            env: { ...process.env, GO111MODULE: "on", GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local" },
            timeoutMs: VET_TIMEOUT_MS,
        });
        assert.ok(!vet.missing, `no Go to compile examples/go: install Go >= ${MINIMUM_GO.major}.${MINIMUM_GO.minor} (the \`go\` command)`);
        assert.equal(vet.code, 0, `go vet in examples/go failed${vet.timedOut ? " (timed out)" : ""}:\n${vet.output.slice(-4000)}`);
    });
});
