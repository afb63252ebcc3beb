/**
 * The package as published: `npm pack --dry-run` lists exactly the compiled provider and emulator,
 * the emulator's command, README and docs/, CHANGELOG, LICENSE and package.json: no tests, no compiled tests,
 * no bench results, no examples, no tools, no caches. And the entry points the exports map names resolve
 * (the plugin class, `pulumi-alicloud-live/plugin`, among them), their types too.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { findRepoRoot } from "../../tools/repo-root";

const run = promisify(execFile);
const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const REPO_ROOT = findRepoRoot(BUILD_ROOT);

/** Every file below `dir`, relative to the repository root. */
function filesBelow(dir: string): string[] {
    return fs
        .readdirSync(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

describe("the published package (npm pack)", function () {
    this.timeout(120_000);
    let packed: string[];

    before(async () => {
        const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024 });
        packed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
    });

    it("ships exactly the compiled provider and emulator, the commands (emulator and plugin), README, docs, CHANGELOG, LICENSE and package.json", () => {
        const expected = [
            ...filesBelow("dist/provider"),
            ...filesBelow("dist/emulator"),
            ...filesBelow("docs"),
            "emulator/bin.js",
            "bin/pulumi-resource-alicloud-live",
            "README.md",
            "CHANGELOG.md",
            "LICENSE",
            "package.json",
        ].sort();
        assert.deepEqual(packed, expected);
    });

    it("ships nothing of the tests, benchmark, examples, tools or caches", () => {
        const unwanted = packed.filter((f) => /(^|\/)(tests?|bench|examples|tools|\.cache|node_modules|results)(\/|$)|\.test\./.test(f));
        assert.deepEqual(unwanted, []);
        assert.ok(packed.includes("LICENSE") && packed.includes("CHANGELOG.md"));
    });

    it("LICENSE is the Apache License 2.0 that package.json declares", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { license: string };
        assert.equal(manifest.license, "Apache-2.0");
        assert.match(fs.readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0, January 2004/);
    });

    it("every entry point of the exports map resolves, and the serialized provider's require path too", () => {
        // The self-link node_modules/pulumi-alicloud-live resolves through package.json's exports, as for a user.
        for (const specifier of [
            "pulumi-alicloud-live",
            "pulumi-alicloud-live/plugin",
            "pulumi-alicloud-live/callbacks",
            "pulumi-alicloud-live/client",
            "pulumi-alicloud-live/emulator",
            "pulumi-alicloud-live/package.json",
            "pulumi-alicloud-live/dist/provider/dynamic/handler.js",
            "pulumi-alicloud-live/dist/provider/dynamic/provider.js",
            // What stacks written by 0.1.x recorded: refresh and destroy still load these.
            "pulumi-alicloud-live/dist/provider/resource/handler.js",
            "pulumi-alicloud-live/dist/provider/resource/provider.js",
        ]) {
            const resolved = require.resolve(specifier, { paths: [REPO_ROOT] });
            assert.ok(
                packed.includes(path.relative(fs.realpathSync(REPO_ROOT), resolved).split(path.sep).join("/")),
                `${specifier} -> ${resolved} is shipped`,
            );
        }
        const entries = {
            plugin: require(require.resolve("pulumi-alicloud-live/plugin", { paths: [REPO_ROOT] })) as Record<string, unknown>,
            callbacks: require(require.resolve("pulumi-alicloud-live/callbacks", { paths: [REPO_ROOT] })) as Record<string, unknown>,
            client: require(require.resolve("pulumi-alicloud-live/client", { paths: [REPO_ROOT] })) as Record<string, unknown>,
            emulator: require(require.resolve("pulumi-alicloud-live/emulator", { paths: [REPO_ROOT] })) as Record<string, unknown>,
        };
        assert.equal(typeof entries.plugin.LiveRecordNotifyConfig, "function");
        assert.equal(entries.plugin.RESOURCE_TYPE, "alicloud-live:index:LiveRecordNotifyConfig");
        assert.equal(typeof entries.callbacks.verifyCallbackSignature, "function");
        assert.equal(typeof entries.client.LiveClient, "function");
        assert.equal(typeof entries.emulator.startEmulator, "function");
    });

    it("every subpath's types are shipped, and typesVersions names the same file for TypeScript's older module resolution", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
            exports: Record<string, string | { types?: string; default: string }>;
            typesVersions: Record<string, Record<string, string[]>>;
        };
        const typed = Object.entries(manifest.exports).filter(
            (e): e is [string, { types: string; default: string }] => typeof e[1] === "object" && !!e[1].types,
        );
        assert.ok(
            typed.some(([subpath]) => subpath === "./plugin"),
            "the plugin class is an entry point",
        );
        for (const [subpath, entry] of typed) {
            const types = entry.types.replace(/^\.\//, "");
            assert.ok(packed.includes(types), `${subpath}: ${types} is shipped`);
            assert.ok(packed.includes(entry.default.replace(/^\.\//, "")), `${subpath}: ${entry.default} is shipped`);
            if (subpath === ".") continue;
            assert.deepEqual(manifest.typesVersions["*"][subpath.slice(2)], [types], `typesVersions names ${subpath}'s types`);
        }
    });
});
