import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { configEnv, runOperationInChild, type ChildOperationOptions } from "../../../tools/host-driver/run-in-child";
import { configFromEnv, parseRunProgramArgs, projectNameFromYaml } from "../../../tools/host-driver/run-program";
import { running } from "../../support/process-state";

const PROGRAM = path.join(__dirname, "fixtures", "kv-program");

describe("tools/host-driver/run-program", () => {
    describe("arguments and config", () => {
        it("parses an operation and its flags", () => {
            assert.deepEqual(
                parseRunProgramArgs(["preview", "--program", "p", "--state", "s", "--refresh", "--expect-no-changes", "--parallel", "3"]),
                {
                    op: "preview",
                    program: "p",
                    state: "s",
                    project: undefined,
                    stack: "dev",
                    parallel: 3,
                    refresh: true,
                    expectNoChanges: true,
                    result: undefined,
                },
            );
        });

        it("rejects bad usage with a message naming the problem", () => {
            assert.throws(() => parseRunProgramArgs(["deploy"]), /first argument must be one of up, preview, refresh, destroy/);
            assert.throws(() => parseRunProgramArgs(["up", "--state", "s"]), /--program DIR is required/);
            assert.throws(() => parseRunProgramArgs(["up", "--program", "p"]), /--state FILE is required/);
            assert.throws(() => parseRunProgramArgs(["up", "--program", "p", "--state", "s", "--bogus"]), /unknown argument "--bogus"/);
            assert.throws(
                () => parseRunProgramArgs(["up", "--program", "p", "--state", "s", "--parallel", "0"]),
                /--parallel must be an integer >= 1/,
            );
            assert.throws(() => parseRunProgramArgs(["up", "--program", "--state", "s"]), /--program needs a value/);
        });

        it("reads the project name from Pulumi.yaml and the config the way the language host gets it", () => {
            assert.equal(projectNameFromYaml("# c\nname: alicloud-live-basic\nruntime: nodejs\n"), "alicloud-live-basic");
            assert.equal(projectNameFromYaml("name: 'quoted' # comment\n"), "quoted");
            assert.equal(projectNameFromYaml("runtime: nodejs\n"), undefined);
            const env = configEnv({ "p:list": ["a"], "p:s": "x" }, ["p:s"]);
            assert.deepEqual(configFromEnv(env), { "p:list": '["a"]', "p:s": "x" });
            assert.deepEqual(JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS!), ["p:s"]);
        });
    });

    describe("a real program under setMocks, one process per operation", function () {
        this.timeout(120_000);
        let dir: string;
        let store: string;
        let stateFile: string;
        const run = (op: ChildOperationOptions["op"], records: object, extra: Partial<ChildOperationOptions> = {}) =>
            runOperationInChild({
                op,
                program: PROGRAM,
                stateFile,
                project: "kv-test",
                config: { "kv-test:records": records },
                env: { KV_STORE: store },
                ...extra,
            });
        const cloud = () => (fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, "utf8")) : {});

        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-program-test-"));
            store = path.join(dir, "store.json");
            stateFile = path.join(dir, "state.json");
        });
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("up: Outputs resolve to what the provider computed and flow into other resources; secrets stay secret", async () => {
            const records = {
                a: { key: "ka", value: "x", secretValue: "sekrit-in-config-777" },
                b: { key: "kb", value: "ignored", valueFrom: "a" },
            };
            const res = await run("up", records);
            assert.equal(res.code, 0, res.stderr);
            const result = res.result!;
            assert.equal(result.ok, true);
            assert.deepEqual(result.counts, { create: 2, update: 0, replace: 0, delete: 0, same: 0 });
            // `length` is not an input: the provider computed it, and b's value was derived from it.
            assert.deepEqual(result.outputs.lengths, { a: 1, b: 5 });
            assert.deepEqual(cloud(), { ka: "x", kb: "len-1" });
            assert.equal(result.outputs.hidden, "[secret]");
            assert.match(res.stdout, /\+ create Record a/);
            const stateText = fs.readFileSync(stateFile, "utf8");
            assert.ok(!stateText.includes("sekrit-in-config-777"));
            assert.ok(!stateText.includes("stack-output-secret"));
            assert.ok(!res.stdout.includes("sekrit-in-config-777"));
            assert.equal(running(result.hostPid), false, "the host was stopped");
        });

        it("preview changes nothing; a config change updates with the property name; destroy removes all", async () => {
            const v1 = { a: { key: "ka", value: "1" }, b: { key: "kb", value: "x", valueFrom: "a" } };
            const preview = await run("preview", v1);
            assert.equal(preview.code, 0, preview.stderr);
            assert.equal(preview.result!.counts.create, 2); // b's value is unknown in a preview, and that is fine
            assert.deepEqual(cloud(), {});
            assert.equal(fs.existsSync(stateFile), false);

            assert.equal((await run("up", v1)).code, 0);
            const up2 = await run("up", { a: { key: "ka", value: "22" }, b: v1.b });
            assert.equal(up2.code, 0, up2.stderr);
            assert.match(up2.stdout, /~ update Record a \[value\]/);
            assert.match(up2.stdout, /~ update Record b \[value\]/); // b follows a's new length
            assert.deepEqual(cloud(), { ka: "22", kb: "len-2" });

            const destroy = await run("destroy", {});
            assert.equal(destroy.code, 0, destroy.stderr);
            assert.deepEqual(cloud(), {});
            assert.equal(JSON.parse(fs.readFileSync(stateFile, "utf8")).resources.length, 0);
        });

        it("a Check failure fails the operation (exit 1) with the property name, and creates nothing", async () => {
            const res = await run("up", { a: { key: "", value: "1" }, b: { key: "kb", value: "2" } });
            assert.equal(res.code, 1);
            assert.match(res.result!.errors.join("\n"), /check a: invalid inputs: key: key is required/);
            assert.deepEqual(cloud(), {});
        });

        it("exits 2 on bad usage without starting anything", async () => {
            const res = await run("up", {}, { project: undefined, program: dir });
            assert.equal(res.code, 2);
            assert.match(res.stderr, /--project is required: no Pulumi.yaml/);
        });
    });
});
