import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildCli, CliBuildError } from "../../../tools/pulumi-cli/build";
import { buildRecipe, cliSet } from "../../../tools/pulumi-cli/recipe";
import { fakeBin, type FakeBin } from "./fake-tools";

/**
 * A fake `go`: `version` prints VERSION, `list` exits LIST, `mod tidy` succeeds, `mod download -json`
 * answers with the folder in $FAKE_MODULE_DIR (or, when it is empty, go's JSON error), `build` exits BUILD.
 */
const fakeGo = (version: string, list = 0, build = 0) => `
case "$1" in
  version) echo "go version ${version} linux/amd64" ;;
  env) echo "https://proxy.example.invalid" ;;
  list) [ ${list} -eq 0 ] || { echo "reading https://proxy.example.invalid/...: 403 Forbidden" >&2; exit ${list}; } ;;
  mod) if [ "$2" = download ]; then
         [ -n "$FAKE_MODULE_DIR" ] || { printf '{"Path":"%s","Error":"reading https://proxy.example.invalid/...: 410 Gone"}\n' "$4"; exit 1; }
         printf '{"Path":"%s","Dir":"%s"}\n' "$4" "$FAKE_MODULE_DIR"
       fi ;;
  build) [ ${build} -eq 0 ] || { echo "compile: something broke" >&2; exit ${build}; } ;;
esac`;
/** The same, whose `go build -o FILE` writes a `pulumi` that reports v3.248.0. */
const workingGo = `${fakeGo("go1.26.8")}\n[ "$1" = build ] && { printf '#!/bin/sh\\necho v3.248.0\\n' > "$3"; chmod +x "$3"; }\nexit 0`;
const EXEC_SCRIPT = "#!/usr/bin/env python\n# the exec script, as sdk/v3 holds it\n";

describe("tools/pulumi-cli build (with a fake go: the checks and the never-half-installed rule)", function () {
    this.timeout(60_000);
    let bin: FakeBin;
    let parent: string;
    const recipe = buildRecipe("3.248.0");

    beforeEach(() => {
        bin = fakeBin();
        parent = fs.mkdtempSync(path.join(os.tmpdir(), "cli-build-"));
    });
    afterEach(() => {
        bin.cleanup();
        fs.rmSync(parent, { recursive: true, force: true });
    });

    /** A module folder as the module cache holds it (read-only files), with the exec script unless `withoutExec`. */
    const fakeModule = (withoutExec = false) => {
        const dir = path.join(bin.dir, "module");
        fs.mkdirSync(path.join(dir, "python", "cmd"), { recursive: true });
        if (!withoutExec) fs.writeFileSync(path.join(dir, "python", "cmd", "pulumi-language-python-exec"), EXEC_SCRIPT, { mode: 0o444 });
        return dir;
    };
    const attempt = (lines: string[] = [], moduleDir = fakeModule()) =>
        buildCli({
            recipe,
            target: path.join(parent, "cli"),
            log: (l) => lines.push(l),
            env: { PATH: bin.path, HOME: os.homedir(), FAKE_MODULE_DIR: moduleDir },
        });
    const refusal = async (pattern: RegExp, moduleDir?: string) => {
        await assert.rejects(attempt([], moduleDir), (error: unknown) => {
            assert.ok(error instanceof CliBuildError, String(error));
            assert.match(error.message, pattern);
            return true;
        });
        assert.deepEqual(fs.readdirSync(parent), [], "neither the target nor a staging folder is left");
    };

    it("no go: names what to install", () => refusal(/no Go to build one: install Go >= 1\.25 \(the `go` command\), or install the Pulumi CLI/));

    it("a Go older than 1.25: says so", async () => {
        bin.add("go", fakeGo("go1.22.5"));
        await refusal(/Go 1\.22 is too old to build the Pulumi CLI: it needs Go >= 1\.25/);
    });

    it("a module proxy that does not serve the CLI's module: names the proxy and the module", async () => {
        bin.add("go", fakeGo("go1.26.8", 1));
        await refusal(
            /the Go module proxy \(GOPROXY=https:\/\/proxy\.example\.invalid\) does not serve github\.com\/pulumi\/pulumi\/pkg\/v3@v3\.248\.0: .*403 Forbidden/,
        );
    });

    it("a failed compile: shows go's error and leaves nothing", async () => {
        bin.add("go", fakeGo("go1.26.8", 0, 2));
        await refusal(/go build of pulumi failed:\ncompile: something broke/);
    });

    it("the YAML host's modules not served: names the module, and the CLI already compiled is not published either", async () => {
        const tidyFailsForYaml = `
case "$(pwd)" in
  */language-yaml) [ "$1" = mod ] && { echo "go: github.com/pulumi/pulumi-yaml@v1.25.0: reading https://proxy.example.invalid/...: 404 Not Found" >&2; exit 1; } ;;
esac
${fakeGo("go1.26.8")}
[ "$1" = build ] && { printf '#!/bin/sh\\necho v3.248.0\\n' > "$3"; chmod +x "$3"; }
exit 0`;
        bin.add("go", tidyFailsForYaml);
        await refusal(/go mod tidy for pulumi-language-yaml failed:\n.*github\.com\/pulumi\/pulumi-yaml@v1\.25\.0: .*404 Not Found/);
    });

    it("a build whose pulumi does not report the expected version is not published", async () => {
        // `go build -o FILE` of the fake writes a pulumi that prints the wrong version.
        bin.add("go", `${fakeGo("go1.26.8")}\n[ "$1" = build ] && { printf '#!/bin/sh\\necho v0.0.1\\n' > "$3"; chmod +x "$3"; }\nexit 0`);
        await refusal(/the built pulumi says its version is "v0\.0\.1", not v3\.248\.0/);
    });

    it("the Python host's exec script not downloadable: names the module and leaves nothing", async () => {
        bin.add("go", workingGo);
        await refusal(
            /go mod download of github\.com\/pulumi\/pulumi\/sdk\/v3@v3\.248\.0 \(for pulumi-language-python-exec\) failed: reading .*410 Gone/,
            "",
        );
    });

    it("a module without the exec script: says which file is missing and leaves nothing", async () => {
        bin.add("go", workingGo);
        await refusal(
            /github\.com\/pulumi\/pulumi\/sdk\/v3@v3\.248\.0 has no python\/cmd\/pulumi-language-python-exec \(for pulumi-language-python-exec\)/,
            fakeModule(true),
        );
    });

    it("a good build is published whole, with progress shown", async () => {
        bin.add("go", workingGo);
        const lines: string[] = [];
        await attempt(lines);
        assert.deepEqual(fs.readdirSync(path.join(parent, "cli")).sort(), [...recipe.executables].sort());
        assert.deepEqual(fs.readdirSync(path.join(parent, "cli")).sort(), [
            "pulumi",
            "pulumi-language-go",
            "pulumi-language-java",
            "pulumi-language-nodejs",
            "pulumi-language-python",
            "pulumi-language-python-exec",
            "pulumi-language-yaml",
            "pulumi-resource-pulumi-nodejs",
        ]);
        const exec = path.join(parent, "cli", "pulumi-language-python-exec");
        assert.equal(fs.readFileSync(exec, "utf8"), EXEC_SCRIPT, "the module's own file");
        assert.equal(fs.statSync(exec).mode & 0o777, 0o755, "executable (and writable, unlike the module cache's copy)");
        assert.ok(
            lines.some(
                (l) =>
                    l ===
                    "  pulumi-language-python-exec: copying python/cmd/pulumi-language-python-exec from github.com/pulumi/pulumi/sdk/v3@v3.248.0",
            ),
        );
        assert.deepEqual(fs.readdirSync(parent), ["cli"], "no staging folder left");
        assert.match(lines[0], /Building the Pulumi CLI v3\.248\.0 from Pulumi's Go modules/);
        assert.ok(lines.some((l) => /pulumi-language-nodejs: compiling/.test(l)));
        assert.ok(
            lines.some((l) => /pulumi-language-yaml: compiling \(go build .*github\.com\/pulumi\/pulumi-yaml\/cmd\/pulumi-language-yaml\)/.test(l)),
        );
        assert.ok(
            lines.some((l) => /pulumi-language-go: compiling \(go build .*github\.com\/pulumi\/pulumi\/sdk\/v3\/go\/pulumi-language-go\)/.test(l)),
        );
        assert.ok(
            lines.some((l) =>
                /pulumi-language-java: compiling \(go build .*github\.com\/pulumi\/pulumi-java\/pkg\/cmd\/pulumi-language-java\)/.test(l),
            ),
        );
        assert.match(lines.at(-1)!, /Pulumi CLI v3\.248\.0 ready in /);
    });

    it("the Java host's module starts with pulumi-java's pinned hashes: go mod tidy finds them, not the checksum database", async () => {
        // This go's tidy fails in the Java host's module unless go.sum is already there holding pulumi-java's hash.
        const tidyNeedsPinnedSums = `
case "$(pwd)" in
  */language-java) if [ "$1" = mod ] && [ "$2" = tidy ]; then
      grep -qx "github.com/pulumi/pulumi-java/pkg v1.17.0 h1:QjuZuUL95XXdT9YT/A74AgNt1nn6KpZXT3irkUV1sAg=" go.sum 2>/dev/null ||
        { echo "verifying github.com/pulumi/pulumi-java/pkg@v1.17.0: reading https://sum.golang.org/lookup/...: 404 Not Found" >&2; exit 1; }
    fi ;;
esac
${workingGo}`;
        bin.add("go", tidyNeedsPinnedSums);
        await attempt();
        assert.ok(fs.existsSync(path.join(parent, "cli", "pulumi-language-java")));
        // Without the pinned lines the same go refuses, and the build says which module and why.
        const unpinned = buildRecipe({ ...cliSet("3.248.0"), binaries: cliSet("3.248.0").binaries.map((b) => ({ ...b, sums: undefined })) });
        fs.rmSync(path.join(parent, "cli"), { recursive: true });
        await assert.rejects(
            buildCli({
                recipe: unpinned,
                target: path.join(parent, "cli"),
                log: () => undefined,
                env: { PATH: bin.path, HOME: os.homedir(), FAKE_MODULE_DIR: fakeModule() },
            }),
            /go mod tidy for pulumi-language-java failed:\n.*pulumi-java\/pkg@v1\.17\.0: .*404 Not Found/,
        );
    });
});
