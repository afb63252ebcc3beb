import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    buildRecipe,
    CLI_EXECUTABLES,
    cliBinary,
    cliSet,
    GO_HOST_SDK_VERSION,
    JAVA_HOST_SUMS,
    JAVA_HOST_VERSION,
    MINIMUM_GO,
    pythonLanguageHost,
    LANGUAGE_HOST_SDK_VERSION,
    PYTHON_EXEC_SDK_VERSION,
    PYTHON_HOST_SDK_VERSION,
    YAML_HOST_VERSION,
    type GoBinarySpec,
} from "../../../tools/pulumi-cli/recipe";
import { findRepoRoot } from "../../../tools/repo-root";

describe("tools/pulumi-cli recipe", () => {
    const recipe = buildRecipe("3.248.0");
    const [cli, host, yamlHost, goHost, pythonHost, javaHost] = recipe.binaries;

    it("builds pulumi from pkg/v3 and sdk/v3 at exactly the SDK's version, with the clipboard fork", () => {
        assert.equal(cli.name, "pulumi");
        assert.match(cli.goMod, /\tgithub\.com\/pulumi\/pulumi\/pkg\/v3 v3\.248\.0\n/);
        assert.match(cli.goMod, /\tgithub\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0\n/);
        assert.match(cli.goMod, /replace github\.com\/atotto\/clipboard => github\.com\/tgummerer\/clipboard v0\.0\.0-20241001131231-d02d263e614e/);
        assert.match(cli.toolsGo, /^\/\/go:build tools\n/);
        assert.match(cli.toolsGo, /import _ "github\.com\/pulumi\/pulumi\/pkg\/v3\/cmd\/pulumi"/);
    });

    it("uses Pulumi's release flags and stamps the version", () => {
        assert.deepEqual(cli.buildArgs, [
            "build",
            "-v",
            "-trimpath",
            "-tags",
            "osusergo,grpcnotrace",
            "-ldflags",
            "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.248.0",
            "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
        ]);
    });

    it("builds the Node.js language host from the last sdk/v3 that contains it, in a module of its own", () => {
        assert.equal(LANGUAGE_HOST_SDK_VERSION, "3.68.0");
        assert.equal(host.name, "pulumi-language-nodejs");
        assert.notEqual(host.moduleDir, cli.moduleDir);
        assert.match(host.goMod, /\tgithub\.com\/pulumi\/pulumi\/sdk\/v3 v3\.68\.0\n/);
        assert.doesNotMatch(host.goMod, /pkg\/v3/);
        assert.equal(host.buildArgs.at(-1), "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs");
    });

    it("builds the YAML language host from pulumi-yaml v1.25.0 against its own dependencies, in a module of its own", () => {
        assert.equal(YAML_HOST_VERSION, "1.25.0");
        assert.equal(yamlHost.name, "pulumi-language-yaml");
        assert.equal(new Set(recipe.binaries.map((b) => b.moduleDir)).size, recipe.binaries.length, "one Go module per binary");
        // Only pulumi-yaml is required: `go mod tidy` then takes the pulumi pkg/sdk versions pulumi-yaml itself asks for.
        assert.match(yamlHost.goMod, /require \(\n\tgithub\.com\/pulumi\/pulumi-yaml v1\.25\.0\n\)/);
        assert.doesNotMatch(yamlHost.goMod, /github\.com\/pulumi\/pulumi\/(pkg|sdk)\/v3/);
        assert.match(yamlHost.goMod, /replace github\.com\/atotto\/clipboard => github\.com\/tgummerer\/clipboard /);
        assert.match(yamlHost.toolsGo, /import _ "github\.com\/pulumi\/pulumi-yaml\/cmd\/pulumi-language-yaml"/);
        assert.deepEqual(yamlHost.buildArgs, [
            "build",
            "-v",
            "-trimpath",
            "-tags",
            "osusergo,grpcnotrace",
            "-ldflags",
            "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v1.25.0",
            "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
        ]);
    });

    it("builds the Go language host from the last sdk/v3 that contains it, in a module of its own", () => {
        assert.equal(GO_HOST_SDK_VERSION, "3.66.0");
        assert.equal(goHost.name, "pulumi-language-go");
        assert.equal(goHost.moduleDir, "language-go");
        assert.match(goHost.goMod, /\tgithub\.com\/pulumi\/pulumi\/sdk\/v3 v3\.66\.0\n/);
        assert.doesNotMatch(goHost.goMod, /pkg\/v3/);
        assert.match(goHost.toolsGo, /import _ "github\.com\/pulumi\/pulumi\/sdk\/v3\/go\/pulumi-language-go"/);
        assert.deepEqual(goHost.buildArgs.slice(-2), [
            "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.66.0",
            "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go",
        ]);
    });

    it("builds the Python language host from the last sdk/v3 that contains it, its exec script copied from sdk/v3 at the Python SDK's version", () => {
        assert.equal(PYTHON_HOST_SDK_VERSION, "3.79.0");
        assert.equal(PYTHON_EXEC_SDK_VERSION, "3.248.0");
        assert.equal(pythonHost.name, "pulumi-language-python");
        assert.match(pythonHost.goMod, /^module pulumi-alicloud-live\/pulumi-language-python\n/);
        assert.match(pythonHost.goMod, /require \(\n\tgithub\.com\/pulumi\/pulumi\/sdk\/v3 v3\.79\.0\n\)/);
        assert.deepEqual(pythonHost.buildArgs.slice(-2), [
            "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.79.0",
            "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python",
        ]);
        assert.deepEqual(pythonHost.companions, [
            {
                name: "pulumi-language-python-exec",
                module: "github.com/pulumi/pulumi/sdk/v3",
                version: "3.248.0",
                path: "python/cmd/pulumi-language-python-exec",
            },
        ]);
        assert.equal(cli.companions, undefined, "only the Python host has companions");
        const [, , , , , exec, java] = recipe.executables;
        assert.equal(exec, "pulumi-language-python-exec", "the exec script follows its host");
        assert.equal(java, "pulumi-language-java");
    });

    it("builds the Java language host from pulumi-java's pkg module, against its own dependencies, its hashes pinned", () => {
        assert.equal(JAVA_HOST_VERSION, "1.17.0");
        assert.equal(javaHost.name, "pulumi-language-java");
        assert.equal(javaHost.moduleDir, "language-java");
        assert.match(javaHost.goMod, /^module pulumi-alicloud-live\/pulumi-language-java\n/);
        // Only pulumi-java is required: `go mod tidy` takes the pulumi pkg/sdk v3.205.0 it asks for.
        assert.match(javaHost.goMod, /require \(\n\tgithub\.com\/pulumi\/pulumi-java\/pkg v1\.17\.0\n\)/);
        assert.doesNotMatch(javaHost.goMod, /github\.com\/pulumi\/pulumi\/(pkg|sdk)\/v3/);
        assert.match(javaHost.toolsGo, /import _ "github\.com\/pulumi\/pulumi-java\/pkg\/cmd\/pulumi-language-java"/);
        assert.deepEqual(javaHost.buildArgs.slice(-2), [
            "-X github.com/pulumi/pulumi-java/pkg/version.Version=v1.17.0",
            "github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java",
        ]);
        assert.equal(
            javaHost.goSum,
            "github.com/pulumi/pulumi-java/pkg v1.17.0 h1:QjuZuUL95XXdT9YT/A74AgNt1nn6KpZXT3irkUV1sAg=\n" +
                "github.com/pulumi/pulumi-java/pkg v1.17.0/go.mod h1:DHpS/gOv1rFWAxu1lcoLKCZzBSEqXDOxPGVUMfcFzLw=\n",
        );
        assert.equal(cli.goSum, undefined, "only the Java host starts with a go.sum");
    });

    it("the Java host is the pulumi-java release, with the same hashes, that the Java SDK generator is built from", () => {
        const generator = path.join(findRepoRoot(__dirname), "tools", "sdkgen", "java");
        const goMod = fs.readFileSync(path.join(generator, "go.mod"), "utf8");
        assert.match(goMod, new RegExp(`\\sgithub\\.com/pulumi/pulumi-java/pkg v${JAVA_HOST_VERSION.replace(/\./g, "\\.")}\\n`));
        const goSum = fs.readFileSync(path.join(generator, "go.sum"), "utf8").split("\n");
        for (const line of JAVA_HOST_SUMS) assert.ok(goSum.includes(line), `tools/sdkgen/java/go.sum lacks ${line}`);
    });

    it("writes the dynamic-provider plugin as a script resolving the program's own SDK", () => {
        assert.deepEqual(recipe.executables, [...CLI_EXECUTABLES]);
        const [script] = recipe.scripts;
        assert.match(script.text, /^#!\/bin\/sh\n/);
        assert.match(script.text, /require\.resolve\("@pulumi\/pulumi\/cmd\/dynamic-provider", \{ paths: \[process\.cwd\(\)\] \}\)/);
        assert.match(script.text, /exec node "\$script" "\$@"/);
    });

    it("has a fingerprint that changes with the version and only with the recipe", () => {
        assert.match(recipe.fingerprint, /^[0-9a-f]{12}$/);
        assert.equal(buildRecipe("3.248.0").fingerprint, recipe.fingerprint);
        assert.notEqual(buildRecipe("3.249.0").fingerprint, recipe.fingerprint);
        // Pinned so an accidental recipe change shows (it means a new cache folder: every machine rebuilds the CLI).
        assert.equal(recipe.fingerprint, "452777b7b0cb");
        assert.equal(buildRecipe(cliSet("3.248.0")).fingerprint, recipe.fingerprint);
        // A set without the Python host hashes as if companions did not exist: the current set's folder is v3.276.0-a6d3f0da3a47.
        assert.equal(buildRecipe(cliSet("3.276.0", { major: 1, minor: 26 }, [])).fingerprint, "a6d3f0da3a47");
        // The exec script's source is part of the recipe: another version of it is another folder.
        const otherExec = pythonLanguageHost();
        const moved = { ...otherExec, companions: otherExec.companions!.map((c) => ({ ...c, version: "3.249.0" })) };
        assert.notEqual(
            buildRecipe({ version: "3.248.0", binaries: [...cliSet("3.248.0", MINIMUM_GO, []).binaries, moved] }).fingerprint,
            recipe.fingerprint,
        );
    });

    it("a version set: another CLI version is the same build at that version, in its own cache folder", () => {
        const current = buildRecipe(cliSet("3.276.0", { major: 1, minor: 26 }));
        assert.equal(current.version, "3.276.0");
        assert.deepEqual(current.minimumGo, { major: 1, minor: 26 });
        assert.match(
            current.binaries[0].goMod,
            /\tgithub\.com\/pulumi\/pulumi\/pkg\/v3 v3\.276\.0\n\tgithub\.com\/pulumi\/pulumi\/sdk\/v3 v3\.276\.0\n/,
        );
        assert.equal(current.binaries[1].goMod, recipe.binaries[1].goMod, "the same Node.js language host");
        assert.equal(current.binaries[2].goMod, recipe.binaries[2].goMod, "the same YAML language host");
        assert.equal(current.binaries[3].goMod, recipe.binaries[3].goMod, "the same Go language host");
        assert.notEqual(current.fingerprint, recipe.fingerprint);
    });

    it("a version set: one more plugin is one more entry, built in its own module and listed as an executable", () => {
        const plugin: GoBinarySpec = {
            name: "pulumi-language-example",
            moduleDir: "language-example",
            module: "pulumi-alicloud-live/pulumi-language-example",
            requires: ["example.com/lang v1.2.3"],
            mainPackage: "example.com/lang/cmd/pulumi-language-example",
            versionVariable: "example.com/lang/version.Version",
            versionStamp: "1.2.3",
        };
        const withPlugin = buildRecipe({ version: "3.248.0", binaries: [cliBinary("3.248.0"), ...cliSet("3.248.0").binaries.slice(1), plugin] });
        assert.deepEqual(withPlugin.executables, [
            "pulumi",
            "pulumi-language-nodejs",
            "pulumi-language-yaml",
            "pulumi-language-go",
            "pulumi-language-python",
            "pulumi-language-python-exec",
            "pulumi-language-java",
            "pulumi-language-example",
            "pulumi-resource-pulumi-nodejs",
        ]);
        const built = withPlugin.binaries[6];
        assert.match(built.goMod, /^module pulumi-alicloud-live\/pulumi-language-example\n[\s\S]*\texample\.com\/lang v1\.2\.3\n/);
        assert.deepEqual(built.buildArgs.slice(-2), ["-X example.com/lang/version.Version=v1.2.3", "example.com/lang/cmd/pulumi-language-example"]);
        assert.notEqual(withPlugin.fingerprint, recipe.fingerprint);
    });

    it("refuses a version that is not x.y.z", () => {
        for (const bad of ["v3.248.0", "3.248", "latest", ""]) assert.throws(() => buildRecipe(bad), /Pulumi CLI version must look like 3\.248\.0/);
    });
});
