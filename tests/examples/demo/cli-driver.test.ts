/**
 * The CLI path of the demo, run against a stand-in `pulumi` executable that records each call
 * (arguments, stdin, the relevant environment, working directory): the real CLI cannot be installed here.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliDriver } from "../../../examples/demo/cli-driver";

interface Call {
    readonly args: string[];
    readonly stdin: string;
    readonly cwd: string;
    readonly backend?: string;
    readonly hasPassphrase: boolean;
}

describe("examples/demo/cli-driver (with a recording stand-in for the pulumi executable)", function () {
    this.timeout(30_000);
    let dir: string;
    let log: string;
    let fake: string;
    const lines: string[] = [];

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-driver-test-"));
        log = path.join(dir, "calls.jsonl");
        fake = path.join(dir, "pulumi");
        // Records the call; `preview --expect-no-changes` fails, as the real CLI does after drift.
        fs.writeFileSync(
            fake,
            `#!${process.execPath}\n` +
                `const fs = require("fs");\n` +
                `const stdin = fs.readFileSync(0, "utf8");\n` +
                `const args = process.argv.slice(2);\n` +
                `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, stdin, cwd: process.cwd(), backend: process.env.PULUMI_BACKEND_URL, hasPassphrase: !!process.env.PULUMI_CONFIG_PASSPHRASE }) + "\\n");\n` +
                `console.log("fake pulumi " + args[0]);\n` +
                `process.exit(args.includes("--expect-no-changes") ? 255 : 0);\n`,
            { mode: 0o755 },
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("initialises the stack once, sets config (secrets on stdin), runs each operation, and removes the stack", async () => {
        const driver = new CliDriver({ executable: fake, projectDir: dir, print: (l) => lines.push(l) });
        await driver.setConfig([
            { key: "alicloud:accessKey", value: "AK", secret: false },
            { key: "alicloud:secretKey", value: "very-secret-sk", secret: true },
        ]);
        await driver.setConfig([{ key: "p:statusNotifyDomains", value: '["x"]', secret: false }]);
        assert.deepEqual(await driver.up(), { ok: true });
        assert.deepEqual(await driver.previewExpectNoChanges(), { ok: false });
        assert.deepEqual(await driver.refresh(), { ok: true });
        assert.deepEqual(await driver.destroy(), { ok: true });
        await driver.cleanup();

        const calls = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call);
        assert.deepEqual(calls.map((c) => c.args.slice(0, 2).join(" ")), [
            "stack init",
            "config set",
            "config set",
            "config set",
            "up --yes",
            "preview --refresh",
            "refresh --yes",
            "destroy --yes",
            "stack rm",
        ]);
        const secretCall = calls.find((c) => c.args.includes("alicloud:secretKey"))!;
        assert.equal(secretCall.stdin, "very-secret-sk");
        assert.ok(!secretCall.args.includes("very-secret-sk"));
        for (const c of calls) {
            assert.equal(c.cwd, fs.realpathSync(dir));
            assert.match(c.backend ?? "", /^file:\/\//);
            assert.equal(c.hasPassphrase, true);
        }
        const backendDir = calls[0].backend!.slice("file://".length);
        assert.equal(fs.existsSync(backendDir), false, "the temp backend was removed");
        assert.ok(!lines.join("\n").includes("very-secret-sk"), "the secret was not printed");
    });
});
