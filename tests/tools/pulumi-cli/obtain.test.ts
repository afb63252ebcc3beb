import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliBuildError } from "../../../tools/pulumi-cli/build";
import { cacheRoot, obtainPulumiCli, pathWithCli, pinnedSdkVersion } from "../../../tools/pulumi-cli/obtain";
import { buildRecipe, CLI_EXECUTABLES, cliSet } from "../../../tools/pulumi-cli/recipe";
import { fakeBin, type FakeBin } from "./fake-tools";

describe("tools/pulumi-cli obtain", function () {
    this.timeout(60_000);
    let bin: FakeBin;
    let cache: string;
    const env = () => ({ PATH: bin.path, HOME: os.homedir() });

    beforeEach(() => {
        bin = fakeBin();
        cache = fs.mkdtempSync(path.join(os.tmpdir(), "cli-cache-"));
    });
    afterEach(() => {
        bin.cleanup();
        fs.rmSync(cache, { recursive: true, force: true });
    });

    /** A cache entry of the current recipe whose `pulumi` prints `version`, with every executable but `missing`. */
    const seedCache = (version: string, missing?: (typeof CLI_EXECUTABLES)[number]) => {
        const recipe = buildRecipe(pinnedSdkVersion());
        const dir = path.join(cache, `v${recipe.version}-${recipe.fingerprint}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "pulumi"), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
        for (const name of CLI_EXECUTABLES.filter((n) => n !== "pulumi" && n !== missing))
            fs.writeFileSync(path.join(dir, name), "", { mode: 0o755 });
        return dir;
    };

    it("the CLI version follows the installed @pulumi/pulumi", () => {
        const installed = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).version;
        assert.equal(pinnedSdkVersion(), installed);
    });

    it("prefers a pulumi on PATH, and prints nothing to build", async () => {
        bin.add("pulumi", "echo v3.999.0");
        seedCache("v3.248.0");
        const lines: string[] = [];
        const cli = await obtainPulumiCli({ env: env(), cacheRoot: cache, log: (l) => lines.push(l) });
        assert.deepEqual(cli, { binDir: undefined, pulumi: "pulumi", version: "v3.999.0", source: "path" });
        assert.deepEqual(lines, []);
        assert.equal(pathWithCli(cli, { PATH: "/x" }), "/x");
    });

    it("takes the cached build when there is no pulumi on PATH, or when PULUMI_ALICLOUD_LIVE_CLI=build", async () => {
        const dir = seedCache("v3.248.0");
        const viaCache = await obtainPulumiCli({ env: env(), cacheRoot: cache, log: () => undefined });
        assert.deepEqual(viaCache, { binDir: dir, pulumi: path.join(dir, "pulumi"), version: "v3.248.0", source: "cache" });
        assert.equal(pathWithCli(viaCache, { PATH: "/x" }), `${dir}${path.delimiter}/x`);

        bin.add("pulumi", "echo v3.999.0");
        const forced = await obtainPulumiCli({ env: { ...env(), PULUMI_ALICLOUD_LIVE_CLI: "build" }, cacheRoot: cache, log: () => undefined });
        assert.equal(forced.source, "cache");
    });

    it("an explicit version set never takes the pulumi on PATH, and has its own cache folder beside the pinned one", async () => {
        bin.add("pulumi", "echo v3.999.0");
        const pinnedDir = seedCache("v3.248.0");
        const set = cliSet("3.276.0", { major: 1, minor: 26 });
        const recipe = buildRecipe(set);
        const dir = path.join(cache, `v3.276.0-${recipe.fingerprint}`);
        fs.mkdirSync(dir);
        for (const name of recipe.executables) fs.writeFileSync(path.join(dir, name), "#!/bin/sh\necho v3.276.0\n", { mode: 0o755 });
        const cli = await obtainPulumiCli({ env: env(), cacheRoot: cache, log: () => undefined, set });
        assert.deepEqual(cli, { binDir: dir, pulumi: path.join(dir, "pulumi"), version: "v3.276.0", source: "cache" });
        assert.notEqual(dir, pinnedDir);
        assert.ok(fs.existsSync(path.join(pinnedDir, "pulumi")), "the pinned entry is left alone");
    });

    it("an explicit version set with no cache and a Go too old for it: the set's minimum Go is named", async () => {
        bin.add("go", 'echo "go version go1.25.3 linux/amd64"');
        await assert.rejects(
            obtainPulumiCli({ env: env(), cacheRoot: cache, log: () => undefined, set: cliSet("3.276.0", { major: 1, minor: 26 }) }),
            /Go 1\.25 is too old to build the Pulumi CLI: it needs Go >= 1\.26/,
        );
        assert.deepEqual(fs.readdirSync(cache), [], "no staging folder left behind");
    });

    it("an incomplete cache entry (here: no YAML host) is not used: it is removed and a build is tried (here: no Go, a clear error)", async () => {
        const dir = seedCache("v3.248.0", "pulumi-language-yaml");
        await assert.rejects(obtainPulumiCli({ env: env(), cacheRoot: cache, log: () => undefined }), (error: unknown) => {
            assert.ok(error instanceof CliBuildError);
            assert.match(error.message, /no Pulumi CLI on PATH, and no Go to build one: install Go >= 1\.25/);
            return true;
        });
        assert.equal(fs.existsSync(dir), false);
        assert.deepEqual(fs.readdirSync(cache), [], "no staging folder left behind");
    });

    it("an entry without the Python host's exec script is incomplete too: never used", async () => {
        const dir = seedCache("v3.248.0", "pulumi-language-python-exec");
        await assert.rejects(obtainPulumiCli({ env: env(), cacheRoot: cache, log: () => undefined }), CliBuildError);
        assert.equal(fs.existsSync(dir), false);
    });

    it("the default cache folder honours PULUMI_ALICLOUD_LIVE_CLI_CACHE, then XDG_CACHE_HOME, then ~/.cache", () => {
        assert.equal(cacheRoot({ PULUMI_ALICLOUD_LIVE_CLI_CACHE: "/c" }), "/c");
        assert.equal(cacheRoot({ XDG_CACHE_HOME: "/x" }), "/x/pulumi-alicloud-live/pulumi-cli");
        assert.equal(cacheRoot({}), path.join(os.homedir(), ".cache", "pulumi-alicloud-live", "pulumi-cli"));
    });
});
