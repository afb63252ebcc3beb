/**
 * The release workflow (.github/workflows/release.yml) against the archive command: it builds every
 * platform the command builds, into the command's folder, and attaches exactly the files the command
 * makes (`plannedArchives`), no more, no fewer; it tags the Go SDK's module as `go get` resolves it; every
 * npm script it runs exists.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { findRepoRoot } from "../../../tools/repo-root";
import { goSdkTag } from "../../../tools/go-sdk-module/layout";
import { DEFAULT_OUT_DIR, plannedArchives } from "../../../tools/plugin-archives/planned-archives";

const ROOT = findRepoRoot(__dirname);
const WORKFLOW = path.join(ROOT, ".github", "workflows", "release.yml");

interface Step {
    readonly name?: string;
    readonly run?: string;
    readonly uses?: string;
    readonly with?: Record<string, unknown>;
}
interface Workflow {
    readonly on: { readonly push: { readonly tags: readonly string[] } };
    readonly jobs: Record<string, { readonly needs?: string | readonly string[]; readonly steps: readonly Step[] }>;
}

const workflow = parse(fs.readFileSync(WORKFLOW, "utf8")) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
/** A run script as shell words: line continuations joined, quotes dropped (the scripts here quote only whole words). */
const words = (script: string) => script.replace(/\\\n/g, " ").replace(/"/g, "").split(/\s+/).filter(Boolean);

describe("the release workflow (.github/workflows/release.yml)", () => {
    it("runs on version tags, and tests before it builds, releases before it publishes", () => {
        assert.deepEqual(workflow.on.push.tags, ["v*"]);
        assert.equal(workflow.jobs.build.needs, "test");
        assert.equal(workflow.jobs.release.needs, "build");
        assert.equal(workflow.jobs["publish-npm"].needs, "release");
        assert.equal(workflow.jobs["publish-pypi"].needs, "release");
        assert.ok(workflow.jobs.test.steps.some((s) => s.run?.trim() === "npm test"));
    });

    it("builds the archives of every platform the command builds (no --platforms), into the command's folder (no --out)", () => {
        const builds = steps.filter((s) => s.run?.includes("npm run plugin-archives"));
        assert.equal(builds.length, 1);
        assert.deepEqual(words(builds[0].run!), ["npm", "run", "plugin-archives", "--", "--version", "$VERSION"]);
    });

    it("attaches exactly the files the archive command makes", () => {
        const version = "1.2.3";
        const attach = steps.filter((s) => s.run?.includes("gh release"));
        assert.equal(attach.length, 1);
        const uploaded = words(attach[0].run!)
            .filter((w) => w.startsWith(`${DEFAULT_OUT_DIR}/`))
            .map((w) => w.replace(/\$\{VERSION\}/g, version));
        assert.deepEqual(
            uploaded,
            plannedArchives(version).map((name) => `${DEFAULT_OUT_DIR}/${name}`),
        );
    });

    it("tags the release's commit for the Go SDK's module with the tag go get resolves (sdk/go/vX.Y.Z)", () => {
        const version = "1.2.3";
        const tagging = steps.filter((s) => s.run?.includes("git/refs"));
        assert.equal(tagging.length, 1);
        const run = words(tagging[0].run!).map((w) => w.replace(/\$\{VERSION\}/g, version));
        assert.ok(run.includes(`ref=refs/tags/${goSdkTag(version)}`), run.join(" "));
        assert.ok(run.includes("sha=$GITHUB_SHA"), run.join(" "));
    });

    it("every npm script it runs exists in package.json", () => {
        const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
        const run = steps.flatMap((s) => [...(s.run ?? "").matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
        assert.ok(run.includes("plugin-archives") && run.includes("sdk-packages"), run.join(", "));
        const missing = run.filter((name) => !(name in scripts));
        assert.deepEqual(missing, []);
    });

    it("publishes with the repository's tokens only", () => {
        const text = fs.readFileSync(WORKFLOW, "utf8");
        assert.deepEqual([...new Set([...text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]))].sort(), ["NPM_TOKEN", "PYPI_API_TOKEN"]);
    });
});
