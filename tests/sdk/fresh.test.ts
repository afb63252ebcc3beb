/**
 * The committed SDKs (sdk/python, sdk/go) are what `npm run sdkgen` makes of the plugin's schema
 * today: regenerate into a temporary folder with the real generator, compare file by file.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { committedTree, generatedTree, generateSdks, REPO_ROOT } from "../../tools/sdkgen/generate";
import { compareTrees, staleMessage } from "../../tools/sdkgen/plan";

const SDK_DIR = path.join(REPO_ROOT, "sdk");

describe("sdk: the committed SDKs are fresh", function () {
    // A cold generator build compiles Pulumi's pkg/v3 (minutes on 2 cores); warm, this takes seconds.
    this.timeout(40 * 60_000);
    let out: string;

    before(async () => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-fresh-"));
        await generateSdks(out, { log: (line) => console.error(`    ${line}`) });
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("generates both languages, the Go SDK with a go.sum and the Python SDK at the package's version", () => {
        const tree = generatedTree(out);
        const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
        assert.ok(tree.get("go/go.sum")?.includes("github.com/pulumi/pulumi/sdk/v3 v3.248.0"), "sdk/go/go.sum pins the Go SDK");
        assert.match(tree.get("go/alicloudlive/liveRecordNotifyConfig.go") ?? "", /func GetLiveRecordNotifyConfig\(/);
        assert.ok(tree.get("python/setup.py")?.includes(`VERSION = "${version}"`), "the Python SDK has the package's version");
        assert.match(tree.get("python/pulumi_alicloud_live/live_record_notify_config.py") ?? "", /def get\(/);
    });

    it("sdk/ matches a fresh generation file by file", () => {
        const stale = staleMessage(compareTrees(generatedTree(out), committedTree(SDK_DIR)), SDK_DIR);
        assert.equal(stale, undefined, stale);
    });

    it("a changed or extra file in sdk/ would be named", () => {
        const committed = new Map(committedTree(SDK_DIR));
        committed.set("go/alicloudlive/provider.go", `${committed.get("go/alicloudlive/provider.go")}// edited by hand\n`);
        committed.set("python/leftover.py", "");
        const stale = staleMessage(compareTrees(generatedTree(out), committed), SDK_DIR);
        assert.match(stale ?? "", /changed: go\/alicloudlive\/provider\.go/);
        assert.match(stale ?? "", /no longer generated: python\/leftover\.py/);
    });
});
