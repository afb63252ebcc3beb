import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { installedPlugin } from "../../bench/cli-scenario";
import { measurePluginStartup, portFromOutput, startupSummary, timePluginStart } from "../../bench/plugin-startup";
import { findRepoRoot } from "../../tools/repo-root";
import { programDir } from "../../tools/pulumi-cli/program-dir";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const REPO_ROOT = findRepoRoot(BUILD_ROOT);

describe("bench/plugin-startup", () => {
    it("reads the port from the first complete line, and refuses a first line that is not a port", () => {
        assert.equal(portFromOutput(""), undefined);
        assert.equal(portFromOutput("4123"), undefined); // the line is not complete yet
        assert.equal(portFromOutput("4123\n"), 4123);
        assert.equal(portFromOutput(" 50051 \nmore"), 50051);
        assert.throws(() => portFromOutput("listening on 4123\n"), /first line is not a port: "listening on 4123"/);
        assert.throws(() => portFromOutput("0\n"), /not a port/);
        assert.throws(() => portFromOutput("70000\n"), /not a port/);
    });

    it("summarizes the samples by their median", () => {
        assert.deepEqual(startupSummary([700, 500, 600]), { samplesMs: [700, 500, 600], medianMs: 600 });
        assert.throws(() => startupSummary([]), /median of no values/);
    });

    describe("the installed package's plugin", function () {
        this.timeout(120_000);
        let project: ReturnType<typeof programDir>;
        before(() => {
            project = programDir({ buildRoot: BUILD_ROOT, repoRoot: REPO_ROOT, project: "startup-test", program: "" });
        });
        after(() => project.cleanup());

        it("is in node_modules/pulumi-alicloud-live/bin and starts there, its dependencies found from the program's node_modules", async () => {
            const plugin = installedPlugin(project.dir);
            const startup = await measurePluginStartup(plugin.executable, project.dir, 2);
            assert.equal(startup.samplesMs.length, 2);
            for (const ms of startup.samplesMs) assert.ok(ms > 0 && ms < 60_000, String(ms));
        });

        it("a start that fails is reported with the plugin's stderr, not waited on", async () => {
            const broken = path.join(project.dir, "broken-plugin");
            fs.writeFileSync(broken, "#!/usr/bin/env node\nprocess.stderr.write('no config here\\n'); process.exit(3);\n", { mode: 0o755 });
            await assert.rejects(timePluginStart(broken, project.dir), /exited \(code 3\) before printing its port: no config here/);
        });
    });
});
