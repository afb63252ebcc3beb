import { strict as assert } from "node:assert";
import * as path from "node:path";
import {
    cacheRoot,
    compareTrees,
    fingerprint,
    generatorArgs,
    generatorBinary,
    GENERATORS,
    isGeneratorSource,
    JAVA_COORDINATES,
    LANGUAGES,
    parseArgs,
    SdkgenUsageError,
    staleMessage,
} from "../../../tools/sdkgen/plan";

describe("tools/sdkgen plan (pure)", () => {
    describe("fingerprint", () => {
        const files = [
            { name: "main.go", text: "package main\n" },
            { name: "go.mod", text: "module x\n" },
        ];

        it("does not depend on the order the files were listed in", () => {
            assert.equal(fingerprint(files), fingerprint([...files].reverse()));
            assert.match(fingerprint(files), /^[0-9a-f]{12}$/);
        });

        it("changes when a file's text, a file's name, or the set of files changes", () => {
            const base = fingerprint(files);
            assert.notEqual(fingerprint([files[0], { name: "go.mod", text: "module y\n" }]), base);
            assert.notEqual(fingerprint([{ name: "other.go", text: files[0].text }, files[1]]), base);
            assert.notEqual(fingerprint([...files, { name: "go.sum", text: "" }]), base);
        });

        it("cannot be fooled by moving text across the name/contents boundary", () => {
            assert.notEqual(fingerprint([{ name: "a.go", text: "bc" }]), fingerprint([{ name: "a.gob", text: "c" }]));
        });
    });

    it("counts Go sources, go.mod and go.sum as the generator, nothing else", () => {
        assert.deepEqual(["main.go", "loader.go", "go.mod", "go.sum", "README.md", "main.ts", "go.work"].filter(isGeneratorSource), [
            "main.go",
            "loader.go",
            "go.mod",
            "go.sum",
        ]);
    });

    it("caches below XDG_CACHE_HOME, else ~/.cache, one folder per fingerprint", () => {
        assert.equal(cacheRoot({ XDG_CACHE_HOME: "/x" }, "/home/u"), path.join("/x", "pulumi-alicloud-live", "sdkgen"));
        assert.equal(cacheRoot({}, "/home/u"), path.join("/home/u", ".cache", "pulumi-alicloud-live", "sdkgen"));
        assert.equal(generatorBinary("/c", "abc123"), path.join("/c", "abc123", "sdkgen"));
        assert.equal(generatorBinary("/c", "def456", "sdkgen-java"), path.join("/c", "def456", "sdkgen-java"));
    });

    describe("the generators", () => {
        it("write Python and Go from tools/sdkgen/gen, Java from tools/sdkgen/java: each language once", () => {
            assert.deepEqual(
                GENERATORS.map((g) => [g.dir, g.binary, g.languages]),
                [
                    ["gen", "sdkgen", ["python", "go"]],
                    ["java", "sdkgen-java", ["java"]],
                ],
            );
            assert.deepEqual(LANGUAGES, ["python", "go", "java"]);
        });

        it("get the schema and the output folder, then their own flags", () => {
            const [pythonGo, java] = GENERATORS;
            assert.deepEqual(generatorArgs(pythonGo, "/w/schema.json", "/sdk"), [
                "-schema",
                "/w/schema.json",
                "-out",
                "/sdk",
                "-languages",
                "python,go",
                "-pulumi-sdk",
                "v3.248.0",
            ]);
            assert.deepEqual(generatorArgs(java, "/w/schema.json", "/sdk"), [
                "-schema",
                "/w/schema.json",
                "-out",
                "/sdk",
                "-group-id",
                "io.github.pulumi-alicloud-live",
                "-artifact-id",
                "alicloud-live",
            ]);
            assert.deepEqual(JAVA_COORDINATES, { groupId: "io.github.pulumi-alicloud-live", artifactId: "alicloud-live" });
        });
    });

    describe("parseArgs", () => {
        it("defaults to writing the default folder", () => {
            assert.deepEqual(parseArgs([], "/repo/sdk"), { out: "/repo/sdk", check: false });
        });

        it("takes --check and --out in either spelling", () => {
            assert.deepEqual(parseArgs(["--check", "--out", "/tmp/a"], "/repo/sdk"), { out: "/tmp/a", check: true });
            assert.deepEqual(parseArgs(["--out=/tmp/b"], "/repo/sdk"), { out: "/tmp/b", check: false });
        });

        it("refuses an unknown argument or a missing folder, naming it", () => {
            assert.throws(
                () => parseArgs(["--chek"], "/s"),
                (e: unknown) => e instanceof SdkgenUsageError && /"--chek"/.test(e.message),
            );
            assert.throws(
                () => parseArgs(["--out"], "/s"),
                (e: unknown) => e instanceof SdkgenUsageError && /--out needs a folder/.test(e.message),
            );
            assert.throws(() => parseArgs(["--out="], "/s"), /--out needs a folder/);
        });
    });

    describe("compareTrees and staleMessage", () => {
        const generated = new Map([
            ["go/go.mod", "module m\n"],
            ["python/setup.py", "VERSION = '0.2.0'\n"],
            ["python/new.py", "x = 1\n"],
        ]);
        const committed = new Map([
            ["go/go.mod", "module m\n"],
            ["python/setup.py", "VERSION = '0.1.0'\n"],
            ["python/old.py", "y = 2\n"],
        ]);

        it("names the changed, missing and no longer generated files", () => {
            assert.deepEqual(compareTrees(generated, committed), {
                missing: ["python/new.py"],
                extra: ["python/old.py"],
                changed: ["python/setup.py"],
            });
        });

        it("says which files are stale and that npm run sdkgen fixes it", () => {
            const message = staleMessage(compareTrees(generated, committed), "/repo/sdk");
            assert.ok(message);
            assert.match(message, /^\/repo\/sdk is stale .*\(3 files\); `npm run sdkgen` fixes it:/);
            assert.match(message, /changed: python\/setup\.py/);
            assert.match(message, /missing: python\/new\.py/);
            assert.match(message, /no longer generated: python\/old\.py/);
            assert.doesNotMatch(message, /go\/go\.mod/);
        });

        it("is silent when the trees agree", () => {
            assert.equal(staleMessage(compareTrees(generated, new Map(generated)), "/repo/sdk"), undefined);
        });
    });
});
