import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DistributionError, distributionOf, githubRepositoryOf, pluginDistribution } from "../../../provider/plugin/distribution";
import { packageSchema } from "../../../provider/plugin/schema";
import { findRepoRoot } from "../../../tools/repo-root";

const REPO_ROOT = findRepoRoot(__dirname);

describe("plugin/distribution: where the plugin and the SDKs are released, from package.json", () => {
    it("reads the GitHub repository out of every form npm accepts for `repository`", () => {
        for (const form of [
            "github:acme/live",
            "acme/live",
            "https://github.com/acme/live",
            "https://github.com/acme/live.git",
            "git+https://github.com/acme/live.git",
            "git+ssh://git@github.com/acme/live.git",
            "git://github.com/acme/live.git",
            "git@github.com:acme/live.git",
            { type: "git", url: "git+https://github.com/acme/live.git" },
        ]) {
            assert.equal(githubRepositoryOf(form), "acme/live", JSON.stringify(form));
        }
        assert.equal(githubRepositoryOf("git+https://github.com/my-org/my.repo-x.git"), "my-org/my.repo-x");
    });

    it("defaults the download URL to the repository's GitHub releases, and the Go module to its sdk/go", () => {
        assert.deepEqual(distributionOf({ repository: { type: "git", url: "git+https://github.com/acme/live.git" } }), {
            pluginDownloadURL: "github://api.github.com/acme/live",
            githubRepository: "acme/live",
            goModule: "github.com/acme/live/sdk/go",
        });
    });

    it("takes package.json's pluginDownloadURL when set (a mirror); the Go module still follows the repository", () => {
        const mirrored = distributionOf({ repository: "acme/live", pluginDownloadURL: "https://mirror.example.com/plugins/${VERSION}" });
        assert.equal(mirrored.pluginDownloadURL, "https://mirror.example.com/plugins/${VERSION}");
        assert.equal(mirrored.goModule, "github.com/acme/live/sdk/go");
        for (const url of ["gitlab://gitlab.example.com/acme/live", "http://127.0.0.1:8080", "github://api.github.com/acme/live"]) {
            assert.equal(distributionOf({ repository: "acme/live", pluginDownloadURL: url }).pluginDownloadURL, url);
        }
    });

    it("refuses what the engine cannot download from, and a repository it cannot place, naming the field", () => {
        for (const url of ["file:///srv/plugins", "ftp://example.com", "example.com/plugins", "https://", ""]) {
            assert.throws(
                () => distributionOf({ repository: "acme/live", pluginDownloadURL: url }),
                (error: Error) => error instanceof DistributionError && /package\.json "pluginDownloadURL" .* must be a URL/.test(error.message),
                url,
            );
        }
        assert.throws(() => distributionOf({}), /package\.json has no "repository"/);
        assert.throws(
            () => distributionOf({ repository: "https://gitlab.com/acme/live.git" }),
            /package\.json "repository" \(https:\/\/gitlab\.com\/acme\/live\.git\) is not a GitHub repository: set "pluginDownloadURL"/,
        );
    });

    it("this package: released on GitHub where package.json's repository is, the schema saying the same", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { repository: { url: string } };
        assert.equal(manifest.repository.url, "git+https://github.com/pulumi-alicloud-live/pulumi-alicloud-live.git");
        const ours = pluginDistribution();
        assert.equal(ours.pluginDownloadURL, "github://api.github.com/pulumi-alicloud-live/pulumi-alicloud-live");
        assert.equal(ours.goModule, "github.com/pulumi-alicloud-live/pulumi-alicloud-live/sdk/go");
        const schema = packageSchema("1.2.3", ours) as {
            pluginDownloadURL: string;
            repository: string;
            language: { go: { importBasePath: string } };
        };
        assert.equal(schema.pluginDownloadURL, ours.pluginDownloadURL);
        assert.equal(schema.repository, "https://github.com/pulumi-alicloud-live/pulumi-alicloud-live");
        assert.equal(schema.language.go.importBasePath, `${ours.goModule}/alicloudlive`);
    });
});
