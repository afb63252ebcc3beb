/**
 * The GitOps example's drift check (examples/gitops/drift-check.sh), run as the scheduled workflow
 * runs it: the real `pulumi` CLI, a stack on the emulator, the script with DRIFT_STACK and DRIFT_CWD.
 * It must exit 0 when the cloud matches, 2 naming the resource and property changed out of band,
 * and 1 (not "drift") when the preview itself fails.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdmin } from "../../emulator/admin/client";
import { startEmulator, type RunningEmulator } from "../../emulator/server/start-emulator";
import { type ProjectDir } from "../../tools/host-driver/project-dir";
import { findRepoRoot } from "../../tools/repo-root";
import { LiveClient } from "../../provider/client/live-client";
import { programDir } from "../../tools/pulumi-cli/program-dir";
import { PulumiWorkspace } from "../../tools/pulumi-cli/workspace";
import { labelTests, pinnedSet } from "./support/cli";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const REPO_ROOT = findRepoRoot(BUILD_ROOT);
const SCRIPT = path.join(REPO_ROOT, "examples", "gitops", "drift-check.sh");
const STACK = "prod";
const ACCOUNT_ID = "1000000000000001";
/** The script's exit statuses. */
const CLEAN = 0;
const ERROR = 1;
const DRIFT = 2;
/** One check: a refresh and a preview, each starting Node; generous for a loaded 2-core machine. */
const CHECK_TIMEOUT_MS = 240_000;

const PROGRAM = `"use strict";
const { LiveRecordNotifyConfig } = require("pulumi-alicloud-live");
new LiveRecordNotifyConfig("main", { domainName: "live.example.com", notifyUrl: "https://callbacks.example.com/live/record" });
new LiveRecordNotifyConfig("backup", { domainName: "backup.example.com", notifyUrl: "https://callbacks.example.com/backup/record" });
`;

interface CheckResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly report: string;
}

describe("examples/gitops: the drift check against the emulator (real Pulumi CLI)", function () {
    this.timeout(15 * 60_000);
    const key = { accessKeyId: "GITOPS-TEST-KEY", accessKeySecret: randomBytes(18).toString("base64url") };
    let emulator: RunningEmulator | undefined;
    let project: ProjectDir | undefined;
    let ws: PulumiWorkspace | undefined;
    let live: LiveClient;
    let admin: EmulatorAdmin;

    const check = (env: Record<string, string> = {}): Promise<CheckResult> => {
        const report = path.join(ws!.root, `report-${Date.now()}.md`);
        return new Promise((resolve, reject) => {
            const child = spawn("bash", [SCRIPT], {
                cwd: ws!.root,
                env: { ...ws!.env, DRIFT_STACK: STACK, DRIFT_CWD: project!.dir, DRIFT_REPORT: report, ...env },
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
            child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
            const timer = setTimeout(() => child.kill("SIGKILL"), CHECK_TIMEOUT_MS);
            child.once("error", reject);
            child.once("close", (code) => {
                clearTimeout(timer);
                resolve({ code, stdout, stderr, report: fs.existsSync(report) ? fs.readFileSync(report, "utf8") : "" });
            });
        });
    };
    const explain = (r: CheckResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        emulator = await startEmulator({ host: "127.0.0.1", accounts: [{ ...key, accountId: ACCOUNT_ID }] });
        admin = new EmulatorAdmin(emulator.url);
        live = new LiveClient({ endpoint: emulator.url, credentials: key });
        project = programDir({ buildRoot: BUILD_ROOT, repoRoot: REPO_ROOT, project: "gitops-drift", program: PROGRAM });
        ws = new PulumiWorkspace({ cli, projectDir: project.dir });
        await ws.ok(["stack", "init", STACK]);
        await ws.setConfig(STACK, "alicloud-live:endpoint", emulator.url);
        await ws.setConfig(STACK, "alicloud:accessKey", key.accessKeyId);
        await ws.setConfig(STACK, "alicloud:secretKey", key.accessKeySecret, true);
        await ws.ok(["up", "--stack", STACK, "--yes", "--skip-preview"]);
        assert.deepEqual((await admin.configs()).map((c) => c.domainName).sort(), ["backup.example.com", "live.example.com"]);
    });

    after(async () => {
        await ws?.cleanup();
        project?.cleanup();
        await emulator?.stop();
    });

    it("exits 0 and says so when the cloud matches the stack", async () => {
        const r = await check();
        assert.equal(r.code, CLEAN, explain(r));
        assert.match(r.stdout, /No drift on stack `prod`/);
        assert.match(r.report, /No drift/);
    });

    it("exits 2 after an out-of-band change, naming the resource and the property; the secret key appears nowhere", async () => {
        await live.update({ domainName: "live.example.com", notifyUrl: "https://elsewhere.example.net/hook" });
        const r = await check({ GITHUB_OUTPUT: path.join(ws!.root, "github-output") });
        assert.equal(r.code, DRIFT, explain(r));
        assert.match(r.stdout, /Drift on stack `prod`/);
        assert.match(r.stdout, /^- `main`: notifyUrl changed outside Pulumi; `pulumi up` would update it$/m);
        assert.doesNotMatch(r.stdout, /`backup`/, "the untouched resource is not reported");
        assert.equal(r.report.trim(), r.stdout.trim());
        assert.equal(fs.readFileSync(path.join(ws!.root, "github-output"), "utf8"), "status=drift\n");
        for (const text of [r.stdout, r.stderr]) assert.ok(!text.includes(key.accessKeySecret), "the secret key leaked into the output");
    });

    it("a config deleted out of band is drift too", async () => {
        await live.delete({ domainName: "backup.example.com" });
        const r = await check();
        assert.equal(r.code, DRIFT, explain(r));
        assert.match(r.stdout, /^- `backup`: deleted outside Pulumi; `pulumi up` would create it again$/m);
    });

    it("exits 0 again once `pulumi up --refresh` restored the declared state", async () => {
        await ws!.ok(["up", "--refresh", "--stack", STACK, "--yes", "--skip-preview"]);
        const r = await check();
        assert.equal(r.code, CLEAN, explain(r));
    });

    it("exits 1, not 2, when the preview fails (the cloud refuses the key), and shows the error", async () => {
        const id = await admin.addFault({
            error: { code: "Forbidden.RAM", status: 403, message: "User not authorized to operate on the specified resource." },
        });
        try {
            const r = await check();
            assert.equal(r.code, ERROR, explain(r));
            assert.match(r.stdout, /Drift check could not run on stack `prod`/);
            assert.match(r.stdout, /Forbidden\.RAM/);
        } finally {
            await admin.removeFault(id);
        }
    });

    it("exits 1 with the reason when DRIFT_STACK is missing", async () => {
        const r = await check({ DRIFT_STACK: "" });
        assert.equal(r.code, ERROR, explain(r));
        assert.match(r.stdout, /DRIFT_STACK is not set/);
    });
});
