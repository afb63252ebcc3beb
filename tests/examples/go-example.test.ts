/**
 * examples/go is a program as a Go user has it: it requires the published Go SDK at package.json's
 * version, no `replace`; `go get <module>@v<version>` (the docs' line) through a module proxy serving
 * `sdk/go` as it will be released (tests/support/go-user-module.ts) adds only the module's checksums, and
 * the program then type-checks and builds with read-only modules.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginDistribution } from "../../provider/plugin/distribution";
import { pluginVersion } from "../../provider/plugin/version";
import { runCommand } from "../../tools/child-process";
import { goGetCommand } from "../../tools/go-sdk-module/layout";
import { MINIMUM_GO } from "../../tools/pulumi-cli/recipe";
import { findRepoRoot } from "../../tools/repo-root";
import { goExampleAsUser, type GoUserProgram } from "../support/go-user-module";

const REPO_ROOT = findRepoRoot(__dirname);
const EXAMPLE = path.join(REPO_ROOT, "examples", "go");

/** Compiling the Go SDK's dependencies cold takes minutes on 2 cores; warm, seconds. */
const BUILD_TIMEOUT_MS = 30 * 60_000;

describe("examples/go: the Go program builds against the Go SDK as a user gets it", function () {
    this.timeout(BUILD_TIMEOUT_MS + 5 * 60_000);
    const module = pluginDistribution().goModule;
    let tmp: string;
    let program: GoUserProgram;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "go-example-"));
        program = await goExampleAsUser(path.join(tmp, "go"));
    });

    after(() => {
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("requires the module at package.json's version with no replace, and commits no checksum of an unreleased build", () => {
        const goMod = fs.readFileSync(path.join(EXAMPLE, "go.mod"), "utf8");
        assert.ok(
            goMod.includes(`\t${module} v${pluginVersion()}\n`),
            `examples/go/go.mod must require ${module} v${pluginVersion()} (go mod edit -require=${module}@v${pluginVersion()})`,
        );
        assert.doesNotMatch(goMod, /^replace\b/m, "a user's program has no replace");
        assert.doesNotMatch(fs.readFileSync(path.join(EXAMPLE, "go.sum"), "utf8"), new RegExp(module.replace(/\./g, "\\.")));
        assert.match(fs.readFileSync(path.join(EXAMPLE, "main.go"), "utf8"), /alicloudlive\.GetLiveRecordNotifyConfig\(/);
    });

    it("go get <module>@v<version> resolves the release tag sdk/go/v<version> and adds exactly the module's two checksums", () => {
        assert.equal(program.goGet, goGetCommand(module, pluginVersion()));
        assert.equal(program.served.ref, `refs/tags/sdk/go/v${pluginVersion()}`);
        assert.equal(program.after.goMod, program.committed.goMod, "go.mod as committed is what go get leaves");
        const added = program.after.goSum.split("\n").filter((line) => line && !program.committed.goSum.includes(`${line}\n`));
        assert.deepEqual(added, [
            `${module} v${pluginVersion()} ${program.served.sum}`,
            `${module} v${pluginVersion()}/go.mod ${program.served.goModSum}`,
        ]);
    });

    it("go vet and go build succeed with read-only modules", async () => {
        for (const args of [
            ["vet", "."],
            ["build", "-o", path.join(tmp, "program"), "."],
        ]) {
            const outcome = await runCommand("go", args, { cwd: program.dir, env: { ...process.env, ...program.env }, timeoutMs: BUILD_TIMEOUT_MS });
            assert.ok(!outcome.missing, `no Go to compile examples/go: install Go >= ${MINIMUM_GO.major}.${MINIMUM_GO.minor} (the \`go\` command)`);
            assert.equal(
                outcome.code,
                0,
                `go ${args[0]} of examples/go failed${outcome.timedOut ? " (timed out)" : ""}:\n${outcome.output.slice(-4000)}`,
            );
        }
        assert.ok(fs.statSync(path.join(tmp, "program")).size > 1_000_000, "a program binary");
    });
});
