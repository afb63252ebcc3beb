import { strict as assert } from "node:assert";
import { describeVersion, MavenError, mavenArgs, mavenConfig, mavenVersion } from "../../../tools/maven/maven";
import { fakeBin } from "../pulumi-cli/fake-tools";

describe("tools/maven maven", () => {
    it("reads Maven's and Java's versions from `mvn --version`, colours removed", () => {
        const output = [
            "\u001b[1mApache Maven 3.8.7\u001b[m",
            "Maven home: /usr/share/maven",
            "Java version: 17.0.15, vendor: Debian, runtime: /usr/lib/jvm/java-17-openjdk-amd64",
            "Default locale: en_US, platform encoding: UTF-8",
        ].join("\n");
        assert.equal(
            describeVersion(output),
            "Apache Maven 3.8.7; Java version: 17.0.15, vendor: Debian, runtime: /usr/lib/jvm/java-17-openjdk-amd64",
        );
        assert.equal(describeVersion("Apache Maven 3.9.9 (8e8579a9e76f7d015ee5ec7bfcdc97d260186937)\n"), "Apache Maven 3.9.9");
    });

    it("runs in batch mode, without colours, on the given local repository, offline when asked", () => {
        assert.deepEqual(mavenArgs("/c/repo", false), ["--batch-mode", "-Dstyle.color=never", "-Dmaven.repo.local=/c/repo"]);
        assert.deepEqual(mavenArgs("/c/repo", true), ["--batch-mode", "-Dstyle.color=never", "-Dmaven.repo.local=/c/repo", "--offline"]);
        assert.equal(mavenConfig("/c/repo", true), "--batch-mode\n-Dstyle.color=never\n-Dmaven.repo.local=/c/repo\n--offline\n");
    });

    it("no mvn: says what to install", async () => {
        const bin = fakeBin();
        try {
            await assert.rejects(
                // Only the empty fake folder on PATH: /usr/bin has the machine's own mvn.
                mavenVersion({ PATH: bin.dir }),
                (error: unknown) =>
                    error instanceof MavenError &&
                    /^no Maven \(the `mvn` command\): install Apache Maven 3\.8 or newer and a JDK/.test(error.message),
            );
        } finally {
            bin.cleanup();
        }
    });

    it("an mvn that fails: says so, with its output", async () => {
        const bin = fakeBin();
        try {
            bin.add("mvn", 'echo "Error: JAVA_HOME is not defined correctly." >&2; exit 1');
            await assert.rejects(mavenVersion({ PATH: bin.path }), /`mvn --version` failed .*:\nError: JAVA_HOME is not defined correctly\./);
        } finally {
            bin.cleanup();
        }
    });
});
