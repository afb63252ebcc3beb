/**
 * The committed SDKs (sdk/python, sdk/go, sdk/java) are what `npm run sdkgen` makes of the plugin's
 * schema today: regenerate into a temporary folder with the real generators, compare file by file.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginDistribution } from "../../provider/plugin/distribution";
import { packageSchema } from "../../provider/plugin/schema";
import { committedTree, generatedTree, generateSdks, REPO_ROOT } from "../../tools/sdkgen/generate";
import { compareTrees, JAVA_COORDINATES, staleMessage } from "../../tools/sdkgen/plan";

const SDK_DIR = path.join(REPO_ROOT, "sdk");

describe("sdk: the committed SDKs are fresh", function () {
    // A cold build of the two generators compiles two versions of Pulumi's pkg/v3 (minutes on 2 cores); warm, seconds.
    this.timeout(40 * 60_000);
    let out: string;

    before(async () => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-fresh-"));
        await generateSdks(out, { log: (line) => console.error(`    ${line}`) });
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("generates Python and Go, the Go SDK with a go.sum and the Python SDK at the package's version", () => {
        const tree = generatedTree(out);
        const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
        assert.ok(tree.get("go/go.sum")?.includes("github.com/pulumi/pulumi/sdk/v3 v3.248.0"), "sdk/go/go.sum pins the Go SDK");
        assert.match(tree.get("go/alicloudlive/liveRecordNotifyConfig.go") ?? "", /func GetLiveRecordNotifyConfig\(/);
        assert.ok(tree.get("python/setup.py")?.includes(`VERSION = "${version}"`), "the Python SDK has the package's version");
        assert.match(tree.get("python/pulumi_alicloud_live/live_record_notify_config.py") ?? "", /def get\(/);
    });

    it("generates the Java SDK: the classes, a pom.xml with the coordinates and version, version.txt and plugin.json where the Java SDK looks", () => {
        const tree = generatedTree(out);
        const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
        const classes = "java/src/main/java/com/github/pulumi_alicloud_live/alicloudlive";
        assert.match(tree.get(`${classes}/LiveRecordNotifyConfig.java`) ?? "", /public static LiveRecordNotifyConfig get\(/);
        const pom = tree.get("java/pom.xml") ?? "";
        assert.ok(pom.includes(`<groupId>${JAVA_COORDINATES.groupId}</groupId>`), "the pom has the group id");
        assert.ok(pom.includes(`<artifactId>${JAVA_COORDINATES.artifactId}</artifactId>\n    <version>${version}</version>`), pom);
        assert.match(pom, /<groupId>com\.pulumi<\/groupId>\s*<artifactId>pulumi<\/artifactId>\s*<version>1\.17\.0<\/version>/);
        // The Java SDK 1.17.0 finds both only below com/ (PulumiPlugins' patterns).
        const resources = "java/src/main/resources/com/github/pulumi_alicloud_live/alicloud-live";
        assert.equal(tree.get(`${resources}/version.txt`), version);
        // "server" is where the engine downloads the plugin from: the schema's pluginDownloadURL, when it has one.
        const server = packageSchema(version, pluginDistribution()).pluginDownloadURL;
        assert.deepEqual(JSON.parse(tree.get(`${resources}/plugin.json`) ?? "{}"), {
            resource: true,
            name: "alicloud-live",
            version,
            ...(typeof server === "string" ? { server } : {}),
        });
        assert.ok(![...tree.keys()].some((name) => /\.gradle$/.test(name)), "no Gradle build: the pom is the build");
    });

    it("sdk/ matches a fresh generation file by file", () => {
        const stale = staleMessage(compareTrees(generatedTree(out), committedTree(SDK_DIR)), SDK_DIR);
        assert.equal(stale, undefined, stale);
    });

    it("a changed or extra file in sdk/ would be named", () => {
        const committed = new Map(committedTree(SDK_DIR));
        committed.set("go/alicloudlive/provider.go", `${committed.get("go/alicloudlive/provider.go")}// edited by hand\n`);
        committed.set("python/leftover.py", "");
        committed.set("java/pom.xml", `${committed.get("java/pom.xml")}<!-- edited by hand -->\n`);
        committed.delete("java/src/main/java/com/github/pulumi_alicloud_live/alicloudlive/Provider.java");
        committed.set("java/build.gradle", "");
        const stale = staleMessage(compareTrees(generatedTree(out), committed), SDK_DIR);
        assert.match(stale ?? "", /changed: go\/alicloudlive\/provider\.go/);
        assert.match(stale ?? "", /no longer generated: python\/leftover\.py/);
        assert.match(stale ?? "", /changed: java\/pom\.xml/);
        assert.match(stale ?? "", /missing: java\/src\/main\/java\/com\/github\/pulumi_alicloud_live\/alicloudlive\/Provider\.java/);
        assert.match(stale ?? "", /no longer generated: java\/build\.gradle/);
    });
});
