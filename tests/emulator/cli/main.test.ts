import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_ACCOUNT } from "../../../emulator";
import { coreCall, outcomeOf } from "../support/core-client";
import { ADD, DESCRIBE } from "../support/fixtures";

/** The compiled CLI, next to this compiled test: <out>/tests/emulator/cli -> <out>/emulator/cli/main.js. */
const CLI = join(__dirname, "../../../emulator/cli/main.js");

interface Run {
    readonly child: ChildProcess;
    readonly firstLine: Promise<string>;
    readonly stdout: () => string;
    readonly stderr: () => string;
    readonly exit: Promise<number | null>;
}

describe("emulator/cli/main (spawned)", function () {
    this.timeout(20_000);
    const children: ChildProcess[] = [];
    let dir: string;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
    });
    afterEach(() => {
        for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
    });

    function run(args: string[]): Run {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        let out = "";
        let err = "";
        const firstLine = new Promise<string>((resolve, reject) => {
            child.stdout.on("data", (chunk: Buffer) => {
                out += chunk.toString();
                const nl = out.indexOf("\n");
                if (nl >= 0) resolve(out.slice(0, nl));
            });
            child.on("exit", () => reject(new Error(`exited before a line; stderr: ${err}`)));
        });
        firstLine.catch(() => undefined);
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        return { child, firstLine, stdout: () => out, stderr: () => err, exit };
    }

    /** Waits until the stdout holds `lines` lines (the banner is written in one go, but may arrive in pieces). */
    async function linesOf(r: Run, lines: number): Promise<string[]> {
        for (let i = 0; i < 100 && r.stdout().split("\n").length <= lines; i++) await new Promise((res) => setTimeout(res, 20));
        return r.stdout().split("\n").slice(0, lines);
    }

    it("prints `listening on http://127.0.0.1:PORT` first, the demo key, a hint; serves calls; stops on SIGTERM", async () => {
        const r = run(["--port", "0"]);
        const first = await r.firstLine;
        const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(first);
        assert.ok(match, first);
        const [, demo, hint] = await linesOf(r, 3);
        assert.equal(demo, `demo access key: AccessKeyId=${DEMO_ACCOUNT.accessKeyId} AccessKeySecret=${DEMO_ACCOUNT.accessKeySecret}`);
        assert.match(hint, /^hint: /);
        const endpoint = `127.0.0.1:${match[1]}`;
        assert.equal(
            outcomeOf(await coreCall(endpoint, DEMO_ACCOUNT, ADD, { DomainName: "cli.example.com", NotifyUrl: "http://cb.example.com/" })),
            "OK",
        );
        r.child.kill("SIGTERM");
        assert.equal(await r.exit, 0);
        assert.match(r.stdout(), /stopped \(SIGTERM\)/);
    });

    it("with --account accepts that key, not the demo key, and never prints the secret; SIGINT stops it", async () => {
        const r = run(["--account", "CLI-KEY:cli-secret-value:1000000000000042"]);
        const endpoint = /http:\/\/(\S+)$/.exec(await r.firstLine)![1];
        await linesOf(r, 2);
        assert.ok(!r.stdout().includes("cli-secret-value") && !r.stdout().includes("demo access key"));
        assert.equal(
            outcomeOf(
                await coreCall(endpoint, { accessKeyId: "CLI-KEY", accessKeySecret: "cli-secret-value" }, DESCRIBE, { DomainName: "x.example.com" }),
            ),
            "InvalidConfig.NotFound",
        );
        assert.equal(outcomeOf(await coreCall(endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" })), "InvalidAccessKeyId.NotFound");
        r.child.kill("SIGINT");
        assert.equal(await r.exit, 0);
    });

    it("keeps configs across a restart with --state", async () => {
        const state = join(dir, "state.json");
        const first = run(["--state", state]);
        const endpoint1 = /http:\/\/(\S+)$/.exec(await first.firstLine)![1];
        assert.equal(
            outcomeOf(await coreCall(endpoint1, DEMO_ACCOUNT, ADD, { DomainName: "kept.example.com", NotifyUrl: "http://cb.example.com/" })),
            "OK",
        );
        first.child.kill("SIGTERM");
        assert.equal(await first.exit, 0);
        const second = run(["--state", state]);
        const endpoint2 = /http:\/\/(\S+)$/.exec(await second.firstLine)![1];
        const d = await coreCall(endpoint2, DEMO_ACCOUNT, DESCRIBE, { DomainName: "kept.example.com" });
        assert.ok(d.ok);
        assert.equal(d.body["LiveRecordNotifyConfig"].NotifyUrl, "http://cb.example.com/");
        second.child.kill("SIGTERM");
        assert.equal(await second.exit, 0);
    });

    it("--help prints the usage and exits 0", async () => {
        const r = run(["--help"]);
        assert.equal(await r.exit, 0);
        assert.match(r.stdout(), /^Usage: alicloud-live-emulator/);
        assert.match(r.stdout(), /--retry-after-header/);
    });

    it("a bad flag prints a message naming the flag and the rule, and exits 2", async () => {
        const bad = run(["--port", "abc"]);
        assert.equal(await bad.exit, 2);
        assert.match(bad.stderr(), /--port must be an integer from 0 to 65535 \(got "abc"\)/);
        assert.equal(bad.stdout(), "");
        const unknown = run(["--frobnicate"]);
        assert.equal(await unknown.exit, 2);
        assert.match(unknown.stderr(), /unknown flag --frobnicate/);
    });

    it("a state file it cannot use makes it exit 1 with the reason", async () => {
        const r = run(["--state", join(dir, "no-such-dir", "..", "..")]);
        assert.equal(await r.exit, 1);
        assert.match(r.stderr(), /cannot start/);
    });
});
