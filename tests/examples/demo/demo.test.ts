/**
 * `npm run demo` end to end: the demo program, the compiled example, the engine stand-in, the real
 * dynamic-provider host, the provider and the emulator. PATH holds only node's directory, so the
 * demo takes its no-CLI path.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { DEMO_ACCOUNT } from "../../../emulator";

const DEMO = path.resolve(__dirname, "..", "..", "..", "examples", "demo", "index.js");

describe("examples/demo (the whole lifecycle, no CLI, no credentials)", function () {
    this.timeout(180_000);

    it("creates, changes, detects drift, restores and destroys, and exits 0", async () => {
        const child = spawn(process.execPath, [DEMO], {
            env: { PATH: path.dirname(process.execPath) },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 170_000);
        const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
        clearTimeout(timer);
        assert.equal(code, 0, out);
        assert.match(out, /No `pulumi` CLI on PATH/);
        for (const expected of [
            /\+ create LiveRecordNotifyConfig live1\.example\.com/,
            /~ update LiveRecordNotifyConfig live2\.example\.com \[needStatusNotify\]/,
            /ok: preview --refresh --expect-no-changes failed on the drift/,
            /~ refresh LiveRecordNotifyConfig live3\.example\.com: drift in onDemandUrl/,
            /~ update LiveRecordNotifyConfig live3\.example\.com \[onDemandUrl\]/,
            /ok: no configs left/,
            /Demo finished in/,
        ]) {
            assert.match(out, expected);
        }
        assert.ok(!out.includes(DEMO_ACCOUNT.accessKeySecret), "the access key secret was printed");
    });
});
