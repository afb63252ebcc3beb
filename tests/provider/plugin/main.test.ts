/**
 * The plugin process as the engine starts it: the launcher prints a port that serves gRPC on
 * 127.0.0.1, and the process does not outlive an engine killed outright.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../resource/fixtures";
import { running } from "../../support/process-state";

const LAUNCHER = path.join(repoRoot(), "bin", "pulumi-resource-alicloud-live");

describe("plugin/main (the launched process)", function () {
    this.timeout(60_000);

    it("prints its port, and ends itself once the engine that started it is killed", async () => {
        // A stand-in engine: a shell that starts the plugin, reports its pid and port, and waits.
        const engine = spawn("sh", ["-c", `"${LAUNCHER}" 127.0.0.1:1 & echo "pid $!"; wait`], { stdio: ["ignore", "pipe", "inherit"] });
        let pid = 0;
        try {
            const lines: string[] = [];
            await new Promise<void>((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`no port line: ${lines.join(" | ")}`)), 30_000);
                engine.stdout.on("data", (chunk: Buffer) => {
                    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
                    if (lines.some((l) => /^\d+$/.test(l)) && lines.some((l) => l.startsWith("pid "))) {
                        clearTimeout(timer);
                        resolve();
                    }
                });
            });
            pid = Number(lines.find((l) => l.startsWith("pid "))!.slice(4));
            const port = Number(lines.find((l) => /^\d+$/.test(l)));
            assert.ok(port > 0 && port < 65536, `port ${port}`);
            assert.ok(running(pid));

            engine.kill("SIGKILL");
            const deadline = Date.now() + 20_000;
            while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
            assert.equal(running(pid), false, "the plugin outlived its engine");
        } finally {
            if (pid && running(pid)) process.kill(pid, "SIGKILL");
            engine.kill("SIGKILL");
        }
    });
});
