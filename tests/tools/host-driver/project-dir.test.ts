import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { isRepoDist, linkedProjectDir, projectDirFor } from "../../../tools/host-driver/project-dir";
import { findRepoRoot } from "../../../tools/repo-root";

// This file compiles to <buildRoot>/tests/tools/host-driver/.
const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");

describe("tools/host-driver/project-dir", () => {
    const repoRoot = findRepoRoot(BUILD_ROOT);

    it("finds the repository root above a build", () => {
        assert.ok(fs.existsSync(path.join(repoRoot, "package.json")));
        assert.equal(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).name, "pulumi-alicloud-live");
    });

    it("links a project dir whose pulumi-alicloud-live resolves to the given build and whose SDK is the repository's", () => {
        const program = path.join(BUILD_ROOT, "tests", "tools", "host-driver", "project-dir.test.js");
        const project = linkedProjectDir({ buildRoot: BUILD_ROOT, repoRoot, programFile: program, project: "p" });
        try {
            const handler = require.resolve("pulumi-alicloud-live/dist/provider/dynamic/handler.js", { paths: [project.dir] });
            assert.equal(fs.realpathSync(handler), fs.realpathSync(path.join(BUILD_ROOT, "provider", "dynamic", "handler.js")));
            const sdk = require.resolve("@pulumi/pulumi", { paths: [project.dir] });
            assert.equal(fs.realpathSync(sdk), fs.realpathSync(require.resolve("@pulumi/pulumi")));
            assert.ok(fs.existsSync(path.join(project.dir, "index.js")));
            assert.match(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"), /^name: p$/m);
        } finally {
            project.cleanup();
        }
        assert.equal(fs.existsSync(project.dir), false);
    });

    it("uses the repository root itself for the repository's own dist/ build", () => {
        const forThisBuild = projectDirFor(BUILD_ROOT, repoRoot);
        try {
            assert.equal(forThisBuild.dir === repoRoot, isRepoDist(BUILD_ROOT, repoRoot));
        } finally {
            forThisBuild.cleanup();
        }
        assert.ok(fs.existsSync(repoRoot)); // cleanup of the root is a no-op
    });
});
