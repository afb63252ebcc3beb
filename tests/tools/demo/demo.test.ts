/**
 * `npm run demo` end to end: the demo program, the real `pulumi` CLI (obtained as `npm run
 * pulumi-cli` does), the example, the provider and the emulator. PATH holds only node's folder, so
 * the CLI comes from the repository's cached build, not from a user's install.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT } from "../../../emulator";

const DEMO = path.resolve(__dirname, "..", "..", "..", "tools", "demo", "index.js");

describe("tools/demo (the whole lifecycle through the real CLI, no credentials)", function () {
    this.timeout(600_000);

    it("creates, changes, catches drift, refreshes, restores and destroys, deploys the recording chain and records through it, and exits 0", async () => {
        const child = spawn(process.execPath, [DEMO], {
            env: { PATH: path.dirname(process.execPath), HOME: os.homedir() },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 590_000);
        const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
        clearTimeout(timer);
        assert.equal(code, 0, out);
        assert.match(out, /Running through the real Pulumi CLI v\d+\.\d+\.\d+ \(cached build in /);
        for (const expected of [
            /LiveRecordNotifyConfig live1\.example\.com created/,
            /LiveRecordNotifyConfig live2\.example\.com updated .*\[diff: ~needStatusNotify\]/,
            /~ onDemandUrl\s+: "https:\/\/callbacks\.example\.com\/live\/live3\.example\.com\/on-demand" => "https:\/\/elsewhere\.example\.net/,
            /error: no changes were expected for preview but changes were proposed/,
            /ok: preview --refresh --expect-no-changes failed on the drift/,
            /LiveRecordNotifyConfig live3\.example\.com updated .*\[diff: ~onDemandUrl\]/,
            /LiveRecordNotifyConfig live1\.example\.com deleted/,
            /ok: no configs left/,
            // The recording chain: deployed, the covered app called back, the uncovered one not, destroyed.
            /LiveAppRecordConfig recording created/,
            /LiveSnapshotNotifyConfig snapshot-callbacks created/,
            /LiveStreamsNotifyUrlConfig stream-callbacks created/,
            /ok: stream callbacks are signed on the ingest domain push\.example\.com/,
            /ok: live\.example\.com\/live is recorded on demand/,
            /record_started POST https:\/\/hooks\.example\.com\/live\/record \(signed\): delivered/,
            /ok: the receiver verified and accepted each callback/,
            /other\/cam1: not recorded: no recording configuration covers live\.example\.com\/other\/cam1/,
            /ok: nothing sent for other\/cam1/,
            /ok: no configuration of the chain left/,
            /Demo finished in/,
        ]) {
            assert.match(out, expected);
        }
        // Secrets: set on stdin, never printed (the NotifyAuthKey is random, 24 hex digits).
        assert.ok(!out.includes(DEMO_ACCOUNT.accessKeySecret), "the access key secret was printed");
        const keyLike = out.match(/(?<![0-9a-f])[0-9a-f]{24}(?![0-9a-f])/);
        assert.equal(keyLike, null, `the demo printed something shaped like its NotifyAuthKey: ${keyLike?.[0].slice(0, 4)}...`);
        assert.match(out, /pulumi config set --secret alicloud:secretKey \(value on stdin\)/);
        assert.match(out, /pulumi config set --secret alicloud-live-basic:notifyAuthKey \(value on stdin\)/);
        assert.match(out, /pulumi config set --secret alicloud-live-recording-chain:notifyAuthKey \(value on stdin\)/);
        assert.match(out, /signed \(key set\)/, "the signed domain really got a key");
    });
});
