/**
 * The package as a user gets it: `npm pack`, then `npm install` of the tarball into a separate
 * program directory, and the basic example run there through Pulumi's real dynamic-provider host
 * (engine stand-in, host cwd = the program directory).
 *
 * The tarball is packed from a staging copy of this build (package.json plus the compiled files the
 * package's `files` lists), so it holds the code these tests were compiled with, and packing needs no
 * build step (`--ignore-scripts`). `@pulumi/pulumi`, a peer dependency, is linked to the repository's
 * copy instead of being downloaded; the package's own dependencies come from the npm cache
 * (`--prefer-offline`).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { findRepoRoot } from "../../../examples/engine/project-dir";
import { runOperationInChild, type ChildOperationOptions } from "../../../examples/engine/run-in-child";
import { parseState } from "../../../examples/engine/state";

const run = promisify(execFile);
const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");
const REPO_ROOT = findRepoRoot(BUILD_ROOT);
const PROJECT = "alicloud-live-basic";
const HANDLER_FORM =
    /^exports\.handler = __f0;\nconst provider = require\("pulumi-alicloud-live\/dist\/provider\/resource\/handler\.js"\);\n/;
const UPGRADE_MARKER = "pulumi-alicloud-live test build 2 loaded";

describe("provider/resource packaged: npm pack, npm install, run through the host", function () {
    this.timeout(180_000);
    let tmp: string;
    let stage: string;
    let program: string;
    let stateFile: string;
    let emulator: RunningEmulator;
    let firstText: string;

    /** Copies what package.json `files` ships, from this build, into a directory npm can pack. */
    function stagePackage(): void {
        fs.mkdirSync(path.join(stage, "dist"), { recursive: true });
        fs.mkdirSync(path.join(stage, "emulator"), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(stage, "package.json"));
        fs.cpSync(path.join(BUILD_ROOT, "provider"), path.join(stage, "dist", "provider"), { recursive: true });
        fs.cpSync(path.join(BUILD_ROOT, "emulator"), path.join(stage, "dist", "emulator"), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, "emulator", "bin.js"), path.join(stage, "emulator", "bin.js"));
    }

    async function packAndInstall(label: string): Promise<string> {
        const dest = path.join(tmp, label);
        fs.mkdirSync(dest);
        const { stdout } = await run("npm", ["pack", stage, "--ignore-scripts", "--json", "--pack-destination", dest], { cwd: tmp });
        const tarball = path.join(dest, (JSON.parse(stdout) as { filename: string }[])[0].filename);
        await run(
            "npm",
            ["install", "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps", "--ignore-scripts", "--no-save", tarball],
            { cwd: program, timeout: 90_000 },
        );
        // The peer dependency: the repository's SDK (npm may prune the link on each install; relink).
        const scope = path.join(program, "node_modules", "@pulumi");
        fs.mkdirSync(scope, { recursive: true });
        fs.rmSync(path.join(scope, "pulumi"), { recursive: true, force: true });
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"), path.join(scope, "pulumi"), "dir");
        return tarball;
    }

    function operation(op: ChildOperationOptions["op"], extra: Partial<ChildOperationOptions> = {}) {
        return runOperationInChild({
            op,
            program,
            stateFile,
            project: PROJECT,
            stack: "packaged",
            config: {
                "alicloud-live:endpoint": emulator.url,
                "alicloud:accessKey": DEMO_ACCOUNT.accessKeyId,
                "alicloud:secretKey": DEMO_ACCOUNT.accessKeySecret,
                [`${PROJECT}:notifyAuthKey`]: "PackagedTestKey0042",
            },
            secretKeys: ["alicloud:secretKey", `${PROJECT}:notifyAuthKey`],
            cleanEnv: true,
            ...extra,
        });
    }

    const providerTexts = () => {
        const state = parseState(fs.readFileSync(stateFile, "utf8"));
        return [...new Set(state.resources.flatMap((r) => [r.inputs.__provider, r.outputs.__provider]))];
    };
    const cloudCount = async () => (await new EmulatorAdmin(emulator.url).configs()).length;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "packaged-test-"));
        stage = path.join(tmp, "stage");
        program = path.join(tmp, "program");
        stateFile = path.join(tmp, "state.json");
        fs.mkdirSync(program);
        fs.writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "packaged-program", private: true, main: "index.js" }));
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\n`);
        fs.copyFileSync(path.join(BUILD_ROOT, "examples", "basic", "index.js"), path.join(program, "index.js"));
        stagePackage();
        emulator = await startEmulator({ host: "127.0.0.1" });
        await packAndInstall("pack1");
    });

    after(async () => {
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("installs as a real package (not a link) that the program requires by name", () => {
        const installed = path.join(program, "node_modules", "pulumi-alicloud-live");
        assert.equal(fs.lstatSync(installed).isSymbolicLink(), false);
        assert.ok(fs.existsSync(path.join(installed, "dist", "provider", "resource", "handler.js")));
        assert.ok(!fs.existsSync(path.join(installed, "dist", "tests")), "tests are not shipped");
    });

    it("up from the program directory: the stored __provider is the ~300-byte require of handler.js", async () => {
        const res = await operation("up");
        assert.equal(res.code, 0, res.stdout + res.stderr);
        assert.equal(res.result!.counts.create, 3);
        assert.equal(await cloudCount(), 3);
        const texts = providerTexts();
        assert.equal(texts.length, 1, "one text for every resource, inputs and outputs alike");
        firstText = texts[0] as string;
        assert.match(firstText, HANDLER_FORM);
        assert.ok(Buffer.byteLength(firstText) < 400, `${Buffer.byteLength(firstText)} bytes`);
        assert.ok(!firstText.includes(tmp));
    });

    it("a preview expecting no changes passes right after", async () => {
        const res = await operation("preview", { expectNoChanges: true, refresh: true });
        assert.equal(res.code, 0, res.stdout + res.stderr);
        assert.equal(res.result!.counts.same, 3);
    });

    it("upgrading the installed package changes no __provider and no resource, and the host runs the new code", async () => {
        const providerJs = path.join(stage, "dist", "provider", "resource", "provider.js");
        fs.appendFileSync(providerJs, `\nconsole.error(${JSON.stringify(UPGRADE_MARKER)});\n`);
        const manifest = JSON.parse(fs.readFileSync(path.join(stage, "package.json"), "utf8"));
        fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify({ ...manifest, version: "0.1.1-test.2" }, null, 2));
        await packAndInstall("pack2");
        const installedVersion = JSON.parse(fs.readFileSync(path.join(program, "node_modules", "pulumi-alicloud-live", "package.json"), "utf8")).version;
        assert.equal(installedVersion, "0.1.1-test.2");

        const res = await operation("up");
        assert.equal(res.code, 0, res.stdout + res.stderr);
        assert.deepEqual(res.result!.counts, { create: 0, update: 0, replace: 0, delete: 0, same: 3 });
        assert.deepEqual(providerTexts(), [firstText]);
        assert.ok(res.result!.hostOutput.stderr.includes(UPGRADE_MARKER), "the host loaded the upgraded provider");
    });

    it("destroy removes every config; the operations printed no secret", async () => {
        const res = await operation("destroy");
        assert.equal(res.code, 0, res.stdout + res.stderr);
        assert.equal(await cloudCount(), 0);
        for (const text of [res.stdout, res.stderr, res.result!.hostOutput.stdout, res.result!.hostOutput.stderr]) {
            assert.ok(!text.includes(DEMO_ACCOUNT.accessKeySecret) && !text.includes("PackagedTestKey0042"));
        }
    });
});
