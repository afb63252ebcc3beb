/**
 * examples/go compiles against the committed Go SDK (sdk/go, through its go.mod's `replace`):
 * `go vet` type-checks the program and the SDK. Read-only modules, so a stale go.mod/go.sum fails.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO_ROOT = path.join(__dirname, "..", "..", "..");
const EXAMPLE = path.join(REPO_ROOT, "examples", "go");

function goVet(): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn("go", ["vet", "."], {
            cwd: EXAMPLE,
            env: { ...process.env, GO111MODULE: "on", GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
        child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
        child.once("error", (error: NodeJS.ErrnoException) =>
            reject(error.code === "ENOENT" ? new Error("no Go to compile examples/go: install Go >= 1.25 (the `go` command)") : error),
        );
        child.once("close", (code) => resolve({ code, output }));
    });
}

describe("examples/go: the Go program compiles against sdk/go", function () {
    // Compiling the Go SDK's dependencies cold takes minutes on 2 cores; warm, seconds.
    this.timeout(30 * 60_000);

    it("uses the checkout's generated SDK", () => {
        const goMod = fs.readFileSync(path.join(EXAMPLE, "go.mod"), "utf8");
        assert.match(goMod, /^replace github\.com\/pulumi-alicloud-live\/pulumi-alicloud-live\/sdk\/go => \.\.\/\.\.\/sdk\/go$/m);
        assert.match(fs.readFileSync(path.join(EXAMPLE, "main.go"), "utf8"), /alicloudlive\.GetLiveRecordNotifyConfig\(/);
    });

    it("go vet succeeds", async () => {
        const { code, output } = await goVet();
        assert.equal(code, 0, `go vet in examples/go failed:\n${output.slice(-4000)}`);
    });
});
