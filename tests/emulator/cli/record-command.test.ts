/**
 * `alicloud-live-emulator record` and `--deliver`: the flags (pure), then both commands spawned,
 * a config written through the API, and the callbacks arriving at a loopback receiver.
 */
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { DEMO_ACCOUNT } from "../../../emulator";
import { parseCliArgs } from "../../../emulator/cli/cli-args";
import { parseRecordArgs } from "../../../emulator/cli/record-args";
import { receiverFixture } from "../support/callback-receiver";
import { coreCall } from "../support/core-client";
import { ADD } from "../support/fixtures";

const CLI = join(__dirname, "../../../emulator/cli/main.js");

describe("emulator/cli/record-command", function () {
    this.timeout(30_000);
    const startReceiver = receiverFixture();
    const children: ChildProcess[] = [];
    afterEach(() => {
        for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    });

    function spawnCli(args: string[]) {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        let out = "";
        let err = "";
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.stderr.on("data", (c: Buffer) => (err += c.toString()));
        const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        const line = (pattern: RegExp) =>
            new Promise<RegExpMatchArray>((resolve, reject) => {
                const look = () => {
                    const m = out.match(pattern);
                    if (m) resolve(m);
                };
                child.stdout.on("data", look);
                child.on("exit", () => reject(new Error(`exited; stdout: ${out} stderr: ${err}`)));
                look();
            });
        return { exit, line, out: () => out, err: () => err };
    }

    it("parses --deliver (repeatable) into the deliver option, and refuses a bad or repeated one", () => {
        const { options } = parseCliArgs(["--deliver", "hooks.example.com=http://127.0.0.1:8080", "--deliver=b.example.com=https://127.0.0.1:8443"]);
        assert.deepEqual(options.deliver, { "hooks.example.com": "http://127.0.0.1:8080", "b.example.com": "https://127.0.0.1:8443" });
        assert.throws(() => parseCliArgs(["--deliver", "hooks.example.com"]), /--deliver must look like HOST=URL/);
        assert.throws(
            () => parseCliArgs(["--deliver", "a.example.com=http://127.0.0.1:1", "--deliver", "A.example.com=http://127.0.0.1:2"]),
            /--deliver: a.example.com is given twice/,
        );
    });

    it("parses the record flags, naming a missing or bad one", () => {
        const args = parseRecordArgs([
            "--emulator",
            "http://127.0.0.1:9",
            "--domain",
            "live.example.com",
            "--app",
            "a",
            "--stream",
            "s",
            "--pause",
            "--format",
            "mp4",
            "--format=flv",
            "--duration",
            "12.5",
            "--push-args",
            "callback_x=1",
        ]);
        assert.deepEqual(args.request, {
            domainName: "live.example.com",
            app: "a",
            stream: "s",
            pause: true,
            durationSeconds: 12.5,
            formats: ["mp4", "flv"],
            pushArgs: "callback_x=1",
        });
        assert.throws(() => parseRecordArgs(["--domain", "d"]), /record: --emulator is required/);
        assert.throws(() => parseRecordArgs(["--emulator", "127.0.0.1:9"]), /--emulator must be the emulator's base URL/);
        assert.throws(
            () => parseRecordArgs(["--emulator", "http://127.0.0.1:9", "--domain", "d", "--app", "a", "--stream", "s", "--codec", "vp9"]),
            /--codec must be h264 or h265/,
        );
        assert.throws(() => parseRecordArgs(["--bogus"]), /record: unknown flag --bogus/);
        assert.equal(parseRecordArgs(["--help"]).help, true);
    });

    it("spawned: the emulator with --deliver, then `record`, delivers to the local receiver and exits 0", async () => {
        const receiver = await startReceiver();
        const emulator = spawnCli(["--deliver", `hooks.example.com=${receiver.origin}`]);
        const [, url] = await emulator.line(/listening on (http:\/\/\S+)/);
        const added = await coreCall(url.replace("http://", ""), DEMO_ACCOUNT, ADD, {
            DomainName: "live.example.com",
            NotifyUrl: "http://hooks.example.com/record",
            NeedStatusNotify: true,
        });
        assert.ok(added.ok, JSON.stringify(added));
        // Live records (and so calls back) only where a recording configuration covers the app.
        const recordConfig = await coreCall(url.replace("http://", ""), DEMO_ACCOUNT, "AddLiveAppRecordConfig", {
            DomainName: "live.example.com",
            AppName: "app",
            OssEndpoint: "oss-cn-shanghai.aliyuncs.com",
            OssBucket: "recordings",
            RecordFormat: [{ Format: "flv" }],
        } as unknown as Record<string, string>);
        assert.ok(recordConfig.ok, JSON.stringify(recordConfig));
        const record = spawnCli(["record", "--emulator", url, "--domain", "live.example.com", "--app", "app", "--stream", "cam"]);
        assert.equal(await record.exit, 0, record.out() + record.err());
        assert.match(record.out(), /record_started +POST http:\/\/hooks\.example\.com\/record via http:\/\/127\.0\.0\.1:\d+: delivered \[200\]/);
        assert.match(record.out(), /file_generated +POST .*: delivered \[200\]/);
        assert.match(record.out(), /recording-1: recorded live\.example\.com\/app\/cam/);
        assert.equal(receiver.received.length, 2);
        const uncovered = spawnCli(["record", "--emulator", url, "--domain", "live.example.com", "--app", "other", "--stream", "cam"]);
        assert.equal(await uncovered.exit, 1, "not recorded");
        assert.match(uncovered.out(), /recording-2: not recorded: no recording configuration covers live\.example\.com\/other\/cam/);
        assert.equal(receiver.received.length, 2, "nothing sent for the uncovered app");

        const missing = spawnCli(["record", "--emulator", url, "--domain", "none.example.com", "--app", "a", "--stream", "s"]);
        assert.equal(await missing.exit, 1);
        assert.match(missing.err(), /404 no recording configuration and no recording callback config for domain "none.example.com"/);
        const usage = spawnCli(["record", "--emulator", url]);
        assert.equal(await usage.exit, 2);
        assert.match(usage.err(), /record: --domain is required/);
    });
});
