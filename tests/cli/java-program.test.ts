/**
 * examples/java, a Pulumi Java program (Maven) on the generated Java SDK (sdk/java, installed from this
 * checkout into the suite's cached Maven repository, used offline), through the real `pulumi`,
 * `pulumi-language-java` (built from pulumi-java v1.17.0, see tools/pulumi-cli/recipe.ts) and the
 * provider plugin, against the emulator: up, an empty preview, drift taken in by refresh and undone by
 * up (with a config made out of band read by `LiveRecordNotifyConfig.get`), secrets only as ciphertext,
 * destroy. Every command that runs the program starts Maven twice (the host asks the Java SDK for the
 * plugins the program needs, then runs it): one stack, few commands.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCOUNT } from "../../emulator";
import { pluginDistribution } from "../../provider/plugin/distribution";
import { packageSchema } from "../../provider/plugin/schema";
import { pluginVersion } from "../../provider/plugin/version";
import { runMaven } from "../../tools/maven/maven";
import { mavenErrors, type MavenRepository } from "../../tools/maven/obtain";
import { JAVA_HOST_VERSION } from "../../tools/pulumi-cli/recipe";
import { JAVA_COORDINATES } from "../../tools/sdkgen/plan";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere } from "./support/emulator-cloud";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { upCreatesBoth } from "./support/example-steps";
import { BOOTSTRAP_ARGS, JAVA_EXAMPLE_DIR, javaRepository, repositorySnapshot, useRepository } from "./support/java-maven";
import { PLUGIN_DIR } from "./support/plugin";

const execFileAsync = promisify(execFile);
const STACK = "java";
const PROJECT = "alicloud-live-java";
const KEY = "JavaProgramSuiteKey0042";
const BASE = "https://callbacks.example.com/live";

/** `<artifactId>` followed by its `<version>` in a pom. */
function pinnedVersion(pom: string, artifactId: string): string | undefined {
    return new RegExp(`<artifactId>${artifactId}</artifactId>\\s*<version>([^<]+)</version>`).exec(pom)?.[1];
}

describe("cli: examples/java through pulumi-language-java, the generated Java SDK and the provider plugin", function () {
    // A cold Maven repository downloads from Maven Central (a minute or two); each command starts Maven twice.
    this.timeout(1_200_000);
    let stack: ExampleStack;
    let repository: MavenRepository;
    /** The cached repository's files before the suite. */
    let cachedFiles: string[];

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        // The repository's CLI folder holds the Java host; your own pulumi on PATH brings its own.
        if (cli.binDir) assert.ok(fs.existsSync(path.join(cli.binDir, "pulumi-language-java")), `no pulumi-language-java in ${cli.binDir}`);

        // The example pins the SDK at the package's version, on the Pulumi Java SDK the generated SDK is built on.
        const pom = fs.readFileSync(path.join(JAVA_EXAMPLE_DIR, "pom.xml"), "utf8");
        const java = (packageSchema(pluginVersion(), pluginDistribution()).language as { java: { dependencies: Record<string, string> } }).java;
        assert.equal(
            pinnedVersion(pom, JAVA_COORDINATES.artifactId),
            pluginVersion(),
            "examples/java/pom.xml pins the SDK at package.json's version",
        );
        assert.equal(
            pinnedVersion(pom, "pulumi"),
            java.dependencies["com.pulumi:pulumi"],
            "examples/java/pom.xml pins the generated SDK's com.pulumi:pulumi",
        );

        // The host in the repository's CLI folder was built from pulumi-java at the generator's version (go's build record says).
        if (cli.binDir) {
            const record = (await execFileAsync("go", ["version", "-m", path.join(cli.binDir, "pulumi-language-java")], { encoding: "utf8" })).stdout;
            assert.match(
                record,
                new RegExp(`\\bmod\\s+github\\.com/pulumi/pulumi-java/pkg\\s+v${JAVA_HOST_VERSION.replace(/\./g, "\\.")}\\s`),
                record,
            );
            console.log(`      Java language host: pulumi-language-java, github.com/pulumi/pulumi-java/pkg v${JAVA_HOST_VERSION} (go version -m)`);
        }

        repository = await javaRepository();
        console.log(
            `      ${repository.maven}; Maven repository ${repository.source === "cache" ? "from the cache" : "made just now"}: ${repository.repository}`,
        );
        cachedFiles = repositorySnapshot(repository);
        stack = await startExampleStack({
            cli,
            example: "java",
            stacks: [STACK],
            // The example names the plugin's folder relative to itself; the copy names it absolutely, and uses the repository offline.
            prepare: (dir) => {
                rewrite(path.join(dir, "Pulumi.yaml"), "path: ../../bin\n", `path: ${PLUGIN_DIR}\n`);
                useRepository(repository, dir);
            },
        });
        await stack.workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, KEY, true);
    });

    after(async () => {
        await stack?.cleanup();
    });

    it("the Java SDK on the program's classpath names the plugin it needs (what pulumi-language-java asks before a run)", async () => {
        const bootstrap = await runMaven(["--quiet", ...BOOTSTRAP_ARGS], {
            cwd: stack.projectDir,
            repository: repository.repository,
            offline: true,
            env: process.env,
            timeoutMs: 300_000,
        });
        assert.equal(bootstrap.code, 0, mavenErrors(bootstrap.output));
        // Its one line of JSON; Maven 3.8 ends its output with colour resets whatever it is told.
        // eslint-disable-next-line no-control-regex -- the resets are escape sequences
        const lines = bootstrap.stdout.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
        const json = lines.find((line) => line.startsWith("["));
        assert.ok(json, `no JSON from the bootstrap:\n${bootstrap.output.slice(-2000)}`);
        const packages = JSON.parse(json) as Record<string, unknown>[];
        assert.deepEqual(
            packages.filter((p) => p.name === "alicloud-live"),
            [{ resource: true, name: "alicloud-live", version: pluginVersion(), server: pluginDistribution().pluginDownloadURL }],
        );
    });

    it("up creates both configs, the key in the cloud and only as ciphertext in state; preview right after is empty", async () => {
        const up = await upCreatesBoth(stack, KEY, BASE);
        assert.match(up.stdout, /signedNotifyUrl\s*: "https:\/\/callbacks\.example\.com\/live\/live1\.example\.com\/record"/);
    });

    it("drift: preview --refresh catches it, refresh takes it in; up undoes it, and reads a config made out of band without writing it", async () => {
        const drifted = "https://elsewhere.example.net/drift";
        const { config } = await stack.client.describe({ domainName: "live2.example.com" });
        await stack.client.update({ ...config, notifyUrl: drifted });
        const preview = await stack.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(preview.output, /notifyUrl/, "the drifted property is named");
        await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        const held = (await stack.workspace.exportState(STACK)).deployment.resources?.find((r) => r.id === "live2.example.com");
        assert.equal(held?.outputs?.notifyUrl, drifted, "the state holds what the cloud holds");

        const domain = "byhand.example.com";
        await stack.client.add({ domainName: domain, notifyUrl: `${BASE}/${domain}/record` });
        await stack.workspace.setConfig(STACK, `${PROJECT}:readDomain`, domain);
        const since = await stack.live.lastSeq();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /existingNotifyUrl\s*: "https:\/\/callbacks\.example\.com\/live\/byhand\.example\.com\/record"/);
        assert.deepEqual(await stack.live.writesSince(since), ["UpdateLiveRecordNotifyConfig live2.example.com"], "only the drift is undone");
        assert.equal((await stack.live.configs()).get("live2.example.com")?.notifyUrl, `${BASE}/live2.example.com/record`);
    });

    it("destroy removes the two managed configs, leaves the one only read; no secret in any output, state, log or stack file", async () => {
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual([...(await stack.live.configs()).keys()], ["byhand.example.com"]);
        assertNoSecretAnywhere(stack.workspace, stack.outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });

    it("the runs, offline, wrote nothing into the cached Maven repository", () => {
        assert.deepEqual(repositorySnapshot(repository), cachedFiles);
    });
});
