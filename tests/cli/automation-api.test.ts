/**
 * The Automation API of the installed `@pulumi/pulumi` running an inline program that uses both classes
 * of the package as users get it (`npm pack`, `npm install` into a separate program folder), through the
 * real CLI, from a service whose current folder holds no node_modules (as a service started by systemd
 * or from another folder is):
 * - with no project settings (a first try), `up` fails: the engine starts the dynamic provider's host in
 *   the project's `main`, which for an inline program defaults to the process's current folder, and finds
 *   no plugin for the plugin's class; both messages are what docs/typescript.md tells users to look for;
 * - with the project settings docs/typescript.md gives, up, an empty preview, refresh and destroy work.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { PulumiWorkspace } from "../../tools/pulumi-cli/workspace";
import { labelTests, pinnedSet, type SetRun } from "./support/cli";
import { EmulatorCloud } from "./support/emulator-cloud";
import { copyFixture, PackedPackage } from "./support/programs";

const run = promisify(execFile);
/** The service's domains, one per class. */
const DOMAINS = ["auto-dynamic.example.com", "auto-plugin.example.com"];

interface StepResult {
    readonly step: string;
    readonly ok: boolean;
    readonly changes?: Record<string, number>;
    readonly error?: string;
}

describe("cli: the Automation API with an inline program using both classes", function () {
    this.timeout(600_000);
    let set: SetRun;
    let tmp: string;
    let emulator: RunningEmulator;
    let live: EmulatorCloud;
    let program: string;
    let workspace: PulumiWorkspace;

    /** Runs the service (tests/cli/fixtures/automation-service) from `tmp`, which holds no node_modules. */
    const service = async (
        stack: string,
        settings: "documented" | "default",
        classes: readonly string[],
        steps: readonly string[],
    ): Promise<StepResult[]> => {
        const workDir = fs.mkdtempSync(path.join(tmp, `${stack}-`));
        const { stdout } = await run(process.execPath, [path.join(program, "index.js")], {
            cwd: tmp,
            timeout: 300_000,
            maxBuffer: 16 * 1024 * 1024,
            env: {
                ...workspace.env,
                // The CLI and this Node only: no node_modules/.bin that would hold the plugin.
                PATH: [set.cli.binDir, path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter),
                ALICLOUD_LIVE_ENDPOINT: emulator.url,
                ALICLOUD_ACCESS_KEY: DEMO_ACCOUNT.accessKeyId,
                ALICLOUD_SECRET_KEY: DEMO_ACCOUNT.accessKeySecret,
                AUTOMATION_JOB: JSON.stringify({ stack, workDir, settings, classes, steps }),
            },
        });
        assert.ok(!stdout.includes(DEMO_ACCOUNT.accessKeySecret), "the service's output holds no secret");
        return stdout
            .split("\n")
            .filter((line) => line.startsWith("{"))
            .map((line) => JSON.parse(line) as StepResult);
    };

    before(async function () {
        set = await pinnedSet();
        labelTests(this, set.label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-automation-"));
        emulator = await startEmulator({ host: "127.0.0.1" });
        live = new EmulatorCloud(new EmulatorAdmin(emulator.url));
        program = copyFixture("automation-service", path.join(tmp, "service"));
        await new PackedPackage(tmp).installInto(program, set.sdkDir);
        // The backend, PULUMI_HOME and passphrase of an isolated workspace; the service runs the commands.
        workspace = new PulumiWorkspace({ cli: set.cli, projectDir: program });
    });

    after(async () => {
        await workspace?.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("with no project settings, up fails: the dynamic class's host cannot load @pulumi/pulumi; the plugin's class finds no plugin", async () => {
        const [dynamic, plugin] = await Promise.all([
            service("first-try-dynamic", "default", ["dynamic"], ["up"]),
            service("first-try-plugin", "default", ["plugin"], ["up"]),
        ]);
        for (const results of [dynamic, plugin]) {
            assert.deepEqual(
                results.map((r) => [r.step, r.ok]),
                [["up", false]],
            );
        }
        assert.match(dynamic[0].error!, /Cannot find module '@pulumi\/pulumi\/cmd\/dynamic-provider'/);
        assert.match(plugin[0].error!, /no resource plugin 'pulumi-resource-alicloud-live' found in the workspace at version v\S+ or on your \$PATH/);
        assert.equal((await live.configs()).size, 0, "nothing was created");
    });

    it("with the documented project settings: up, an empty preview, refresh and destroy", async () => {
        const since = await live.lastSeq();
        const results = await service("live", "documented", ["dynamic", "plugin"], ["up", "preview", "refresh", "destroy"]);
        assert.deepEqual(
            results.map((r) => [r.step, r.ok, r.error ?? ""]),
            [
                ["up", true, ""],
                ["preview", true, ""],
                ["refresh", true, ""],
                ["destroy", true, ""],
            ],
        );
        const [up, preview, refresh, destroy] = results.map((r) => r.changes ?? {});
        // The stack and the two configs (the summary leaves providers out).
        assert.deepEqual(up, { create: 3 }, "up created both configs");
        assert.deepEqual(Object.keys(preview), ["same"], `an empty preview: ${JSON.stringify(preview)}`);
        assert.deepEqual(Object.keys(refresh), ["same"], `refresh found no drift: ${JSON.stringify(refresh)}`);
        assert.deepEqual(destroy, { delete: 3 }, "destroy deleted everything");
        const writes = await live.writesSince(since);
        assert.deepEqual(
            writes.slice(0, 2).sort(),
            DOMAINS.map((d) => `AddLiveRecordNotifyConfig ${d}`),
            writes.join(", "),
        );
        assert.deepEqual(
            writes.slice(2).sort(),
            DOMAINS.map((d) => `DeleteLiveRecordNotifyConfig ${d}`),
            writes.join(", "),
        );
        assert.equal((await live.configs()).size, 0, "both configs are gone from the cloud");
    });
});
