/**
 * The Maven repository cache with a fake `mvn` (no JVM, no network): built once in a staging folder,
 * checked offline, renamed into place and reused; keyed by what matters; a failure leaves nothing.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MavenError } from "../../../tools/maven/maven";
import { mavenErrors, obtainMavenRepository, projectDigest, repositoryKey, type MavenProject } from "../../../tools/maven/obtain";
import { fakeBin, type FakeBin } from "../pulumi-cli/fake-tools";

/**
 * A fake mvn: `--version` answers; otherwise it logs its arguments to $MVN_LOG and, online, "downloads"
 * (writes `dep.jar` into the local repository) unless $MVN_NO_DOWNLOAD; offline it fails unless `dep.jar` is there.
 * $MVN_FAIL makes every build fail as an unreachable Maven Central does.
 */
const FAKE_MVN = `
case "$1" in --version) echo "Apache Maven 3.8.7"; echo "Java version: 17.0.15, vendor: Test"; exit 0 ;; esac
repo=""; offline=no
for a in "$@"; do case "$a" in -Dmaven.repo.local=*) repo="\${a#-Dmaven.repo.local=}" ;; --offline) offline=yes ;; esac; done
echo "$offline $*" >> "$MVN_LOG"
[ -n "$MVN_FAIL" ] && { echo "[ERROR] Failed to execute goal: Could not transfer artifact com.example:dep:jar:1.0 from/to central: Connection refused"; echo "[ERROR] -> [Help 1]"; exit 1; }
if [ $offline = yes ]; then
  [ -f "$repo/com/example/dep.jar" ] || { echo "[ERROR] Cannot access central in offline mode and the artifact com.example:dep:jar:1.0 has not been downloaded from it before."; exit 1; }
else
  [ -n "$MVN_NO_DOWNLOAD" ] || { mkdir -p "$repo/com/example"; echo jar > "$repo/com/example/dep.jar"; echo "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/com/example/dep.jar (3 B at 1 kB/s)"; }
fi
echo "[INFO] --- fake-plugin:1.0:goal (default) @ $(basename "$PWD") ---"
exit 0`;

describe("tools/maven obtain", function () {
    this.timeout(60_000);
    let tmp: string;
    let bin: FakeBin;
    let sdk: string;
    let example: string;
    let projects: MavenProject[];
    const log = path.join(os.tmpdir(), `mvn-log-${process.pid}`);
    const env = (extra: Record<string, string> = {}) => ({ PATH: bin.path, HOME: os.homedir(), MVN_LOG: log, ...extra });
    const runs = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []);

    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "maven-obtain-"));
        bin = fakeBin();
        bin.add("mvn", FAKE_MVN);
        sdk = path.join(tmp, "sdk");
        example = path.join(tmp, "example");
        for (const dir of [sdk, example]) fs.mkdirSync(path.join(dir, "src"), { recursive: true });
        fs.writeFileSync(path.join(sdk, "pom.xml"), "<project>sdk</project>\n");
        fs.writeFileSync(path.join(sdk, "src", "A.java"), "class A {}\n");
        fs.writeFileSync(path.join(example, "pom.xml"), "<project>example</project>\n");
        fs.writeFileSync(path.join(example, "src", "App.java"), "class App {}\n");
        projects = [
            { title: "sdk", dir: sdk, args: ["install"], installed: true },
            { title: "example", dir: example, args: ["compile", "exec:java"] },
        ];
        fs.rmSync(log, { force: true });
    });
    afterEach(() => {
        bin.cleanup();
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.rmSync(log, { force: true });
    });

    it("keys an installed project by all its files (not target/), another by its pom.xml and arguments", () => {
        const [installed, other] = projects;
        const before = [projectDigest(installed), projectDigest(other)];
        fs.writeFileSync(path.join(sdk, "src", "A.java"), "class A { int x; }\n");
        fs.writeFileSync(path.join(example, "src", "App.java"), "class App { int x; }\n");
        assert.notEqual(projectDigest(installed), before[0], "the installed project's source is part of its key");
        assert.equal(projectDigest(other), before[1], "the other project's source is not");
        const afterSource = projectDigest(installed);
        fs.mkdirSync(path.join(sdk, "target"));
        fs.writeFileSync(path.join(sdk, "target", "a.jar"), "built");
        assert.equal(projectDigest(installed), afterSource, "build output is not");
        fs.writeFileSync(path.join(example, "pom.xml"), "<project>example 2</project>\n");
        assert.notEqual(projectDigest(other), before[1], "a pom.xml is");
        assert.notEqual(projectDigest({ ...other, args: ["compile"] }), projectDigest(other), "the arguments are");
        assert.match(repositoryKey("java-example", "Apache Maven 3.8.7", ["a", "b"]), /^java-example-[0-9a-f]{16}$/);
        assert.notEqual(repositoryKey("x", "Apache Maven 3.8.7", ["a", "b"]), repositoryKey("x", "Apache Maven 3.9.9", ["a", "b"]));
        assert.notEqual(repositoryKey("x", "m", ["a", "b"]), repositoryKey("x", "m", ["b", "a"]));
    });

    it("downloads online, checks every project offline, then publishes by one rename; the next call uses the cache", async () => {
        const lines: string[] = [];
        const cacheRoot = path.join(tmp, "cache");
        const first = await obtainMavenRepository({ name: "t", projects, cacheRoot, env: env(), log: (l) => lines.push(l) });
        assert.equal(first.source, "download");
        assert.equal(first.maven, "Apache Maven 3.8.7; Java version: 17.0.15, vendor: Test");
        assert.ok(fs.existsSync(path.join(first.repository, "com", "example", "dep.jar")));
        assert.deepEqual(
            runs().map((r) => r.replace(/-Dmaven\.repo\.local=\S+/, "-Dmaven.repo.local=R")),
            [
                "no --batch-mode -Dstyle.color=never -Dmaven.repo.local=R install",
                "no --batch-mode -Dstyle.color=never -Dmaven.repo.local=R compile exec:java",
                "yes --batch-mode -Dstyle.color=never -Dmaven.repo.local=R --offline install",
                "yes --batch-mode -Dstyle.color=never -Dmaven.repo.local=R --offline compile exec:java",
            ],
        );
        assert.deepEqual(fs.readdirSync(cacheRoot), [path.basename(path.dirname(first.repository))], "no staging folder left");
        assert.ok(lines.some((l) => /^maven: downloading what sdk and example need into a new local repository at /.test(l)));
        assert.ok(lines.some((l) => /^maven: 2 files downloaded in \d+ s; checking the projects build offline from it$/.test(l)));
        assert.ok(
            lines.some((l) => l.startsWith("maven: --- fake-plugin:1.0:goal")),
            "Maven's goal lines are shown",
        );
        fs.rmSync(log);
        const second = await obtainMavenRepository({ name: "t", projects, cacheRoot, env: env(), log: () => undefined });
        assert.deepEqual(second, { ...first, source: "cache" });
        assert.deepEqual(runs(), [], "no build: only `mvn --version`, which is not logged");
        assert.equal(fs.existsSync(path.join(sdk, "target")), false, "nothing was built in the project's own folder");
    });

    it("Maven Central not reachable: names the command, the project and Maven's error, and leaves nothing", async () => {
        const cacheRoot = path.join(tmp, "cache");
        await assert.rejects(
            obtainMavenRepository({ name: "t", projects, cacheRoot, env: env({ MVN_FAIL: "1" }), log: () => undefined }),
            (error: unknown) => {
                assert.ok(error instanceof MavenError, String(error));
                assert.match(error.message, /^maven: `mvn install` in a copy of sdk \(.*\) failed \(is Maven Central reachable\?/);
                assert.match(error.message, /\[ERROR\] Failed to execute goal: Could not transfer artifact com\.example:dep:jar:1\.0/);
                assert.doesNotMatch(error.message, /Help 1/);
                return true;
            },
        );
        assert.deepEqual(fs.readdirSync(cacheRoot), []);
    });

    it("a download that leaves something out fails the offline check: nothing is published", async () => {
        const cacheRoot = path.join(tmp, "cache");
        await assert.rejects(
            obtainMavenRepository({ name: "t", projects, cacheRoot, env: env({ MVN_NO_DOWNLOAD: "1" }), log: () => undefined }),
            /`mvn install` in a copy of sdk .* failed offline, from what the online run downloaded: the entry would be incomplete:\n\[ERROR\] Cannot access central in offline mode/,
        );
        assert.deepEqual(fs.readdirSync(cacheRoot), []);
    });

    it("shows a failed run's first errors, else its last lines", () => {
        assert.equal(mavenErrors("[INFO] a\n[ERROR] one\n[ERROR] two\n[ERROR] \n[ERROR] -> [Help 1]\n"), "[ERROR] one\n[ERROR] two");
        assert.equal(mavenErrors("a\nb\nc\n"), "a\nb\nc");
    });
});
