/**
 * Secret hygiene: a distinctive NotifyAuthKey and AccessKey secret must never appear in the
 * serialized provider, in outputs not marked secret (the engine stand-in's state file), in anything
 * the provider host prints, in error messages (every method, failures forced), in the emulator's
 * request log, or in the demo's output. The cloud itself holds the key, which proves the key really
 * went through every layer the test then searches.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { isRepoDist, linkedProjectDir, type ProjectDir } from "../../tools/host-driver/project-dir";
import { findRepoRoot } from "../../tools/repo-root";
import { runOperationInChild, type ChildOperationOptions, type ChildOperationResult } from "../../tools/host-driver/run-in-child";
import { parseState, type StackState } from "../../tools/host-driver/state";
import { LiveClient } from "../../provider/client/live-client";
import { createProvider, type LiveRecordNotifyConfigProvider } from "../../provider/dynamic/provider";
import { serializedProviderText } from "../../tools/serialized-provider";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const AK_ID = "HygieneTestKeyId";
const AK_SECRET = "hygiene-ak-secret-7Qx2Lm9Vp4Wz";
const NOTIFY_KEY = "HygieneKey7Qx2Lm9Vp4Wz0";
/** Refused by check (whitespace can never work). */
const BAD_KEY = "Zk9Hygiene Refused Key";
/** Taken by check, refused by the service under its documented 16-32 letters-and-digits rule (the emulator's default). */
const SERVICE_REFUSED_KEY = "Zk9Hygiene-Service-Refused";
const SECRETS: Readonly<Record<string, string>> = {
    "the AccessKey secret": AK_SECRET,
    "the NotifyAuthKey": NOTIFY_KEY,
    "the refused key": BAD_KEY,
    "the key the service refused": SERVICE_REFUSED_KEY,
};

/** Fails naming where a secret was found, without printing the secret. */
function assertClean(text: string, where: string): void {
    for (const [what, secret] of Object.entries(SECRETS)) {
        const at = text.indexOf(secret);
        if (at >= 0) {
            const context = text
                .slice(Math.max(0, at - 200), at + secret.length + 60)
                .split(secret)
                .join("<SECRET>");
            assert.fail(`${what} appears in ${where}: ...${context}...`);
        }
    }
}

describe("security: secret hygiene", function () {
    this.timeout(240_000);
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;

    before(async () => {
        emulator = await startEmulator({ accounts: [{ accessKeyId: AK_ID, accessKeySecret: AK_SECRET }] });
        admin = new EmulatorAdmin(emulator.url);
    });
    after(() => emulator?.stop());

    it("the serialized provider captures neither secret, even with both in the environment", async () => {
        const saved = { ...process.env };
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = AK_SECRET;
        process.env.NOTIFY_AUTH_KEY = NOTIFY_KEY;
        try {
            assertClean(await serializedProviderText(), "the serialized provider");
        } finally {
            process.env = saved;
        }
    });

    describe("a real program through the engine stand-in and the real provider host", () => {
        const PROJECT = "alicloud-live-basic";
        const SIGNED = "h1.example.com";
        let tmp: string;
        let stateFile: string;
        let program: string;
        let project: ProjectDir | undefined;
        let config: Record<string, string>;

        before(() => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "secret-hygiene-"));
            stateFile = path.join(tmp, "state.json");
            const repoRoot = findRepoRoot(BUILD_ROOT);
            const compiled = path.join(BUILD_ROOT, "examples", "basic");
            project = isRepoDist(BUILD_ROOT, repoRoot)
                ? undefined
                : linkedProjectDir({ buildRoot: BUILD_ROOT, repoRoot, programFile: path.join(compiled, "index.js"), project: PROJECT });
            program = project?.dir ?? compiled;
            config = {
                "alicloud-live:endpoint": emulator.url,
                "alicloud:accessKey": AK_ID,
                "alicloud:secretKey": AK_SECRET,
                "alicloud-live:operationTimeout": "2",
                [`${PROJECT}:domains`]: JSON.stringify([SIGNED, "h2.example.com"]),
                [`${PROJECT}:notifyAuthKey`]: NOTIFY_KEY,
            };
        });
        after(() => {
            project?.cleanup();
            fs.rmSync(tmp, { recursive: true, force: true });
        });

        /** One operation in its own process, as each `pulumi` command is; checks everything it printed. */
        async function operate(op: ChildOperationOptions["op"], extra: Record<string, string> = {}): Promise<ChildOperationResult> {
            const res = await runOperationInChild({
                op,
                program,
                stateFile,
                project: PROJECT,
                stack: "hygiene",
                config: { ...config, ...extra },
                secretKeys: ["alicloud:secretKey", `${PROJECT}:notifyAuthKey`],
                cleanEnv: true,
            });
            assert.ok(res.result, `the ${op} crashed: ${res.stderr.slice(0, 2000)}`);
            assertClean(res.stdout, `the ${op}'s output`);
            assertClean(res.stderr, `the ${op}'s error output`);
            assertClean(res.result.hostOutput.stdout, `what the provider host printed during the ${op}`);
            assertClean(res.result.hostOutput.stderr, `what the provider host printed on stderr during the ${op}`);
            assertClean(JSON.stringify(res.result.errors), `the ${op}'s errors`);
            if (fs.existsSync(stateFile)) assertState(fs.readFileSync(stateFile, "utf8"), op);
            return res;
        }

        /** The file holds no plain secret, and every property that holds one (once decoded) is marked secret. */
        function assertState(text: string, op: string): StackState {
            assertClean(text, `the state file after the ${op}`);
            const state = parseState(text);
            for (const r of state.resources) {
                assertClean(String(r.outputs.__provider ?? ""), `the __provider of ${r.name}`);
                for (const [bag, secretKeys, kind] of [
                    [r.inputs, r.secretInputs, "input"],
                    [r.outputs, r.secretOutputs, "output"],
                ] as const) {
                    for (const [key, value] of Object.entries(bag)) {
                        const holds = Object.values(SECRETS).some((s) => JSON.stringify(value ?? "").includes(s));
                        if (holds) assert.ok(secretKeys.includes(key), `${kind} ${key} of ${r.name} holds a secret but is not marked secret`);
                    }
                }
            }
            assertClean(JSON.stringify(state.outputs), "the stack outputs");
            return state;
        }

        it("up: the key reaches the cloud, and the state holds it only as a secret", async () => {
            const res = await operate("up");
            assert.equal(res.code, 0, res.stdout);
            const cloud = await admin.configs();
            assert.equal(cloud.find((c) => c.domainName === SIGNED)?.notifyAuthKey, NOTIFY_KEY, "the key went all the way to the cloud");
            const state = parseState(fs.readFileSync(stateFile, "utf8"));
            const signed = state.resources.find((r) => r.id === SIGNED)!;
            assert.equal(signed.outputs.notifyAuthKey, NOTIFY_KEY);
            assert.ok(signed.secretOutputs.includes("notifyAuthKey") && signed.secretInputs.includes("notifyAuthKey"));
        });

        it("failures with the key in flight (dropped connections, 5xx) print no secret", async () => {
            // The change rewrites every domain, the signed one (and so its key) included.
            const changed = { [`${PROJECT}:callbackBaseUrl`]: "https://callbacks.example.com/v2" };
            await admin.addFault({ action: "UpdateLiveRecordNotifyConfig", drop: true });
            let res = await operate("up", changed);
            assert.notEqual(res.code, 0, "the update was meant to fail");
            assert.match(res.result!.errors.join("\n"), /UpdateLiveRecordNotifyConfig failed/);
            await admin.clearFaults();
            await admin.addFault({ action: "UpdateLiveRecordNotifyConfig", error: { code: "InternalError" } });
            res = await operate("up", changed);
            assert.notEqual(res.code, 0);
            await admin.clearFaults();
            await admin.addFault({ action: "DescribeLiveRecordNotifyConfig", drop: true });
            res = await operate("refresh");
            assert.notEqual(res.code, 0);
            await admin.clearFaults();
            await admin.addFault({ action: "DeleteLiveRecordNotifyConfig", error: { code: "ServiceUnavailable", status: 503 } });
            res = await operate("destroy");
            assert.notEqual(res.code, 0);
            await admin.clearFaults();
        });

        it("a key that check refuses is not echoed", async () => {
            const res = await operate("up", { [`${PROJECT}:notifyAuthKey`]: BAD_KEY });
            assert.notEqual(res.code, 0);
            assert.match(res.result!.errors.join("\n"), /notifyAuthKey must not contain whitespace or control characters/);
        });

        it("a key the service refuses fails up naming notifyAuthKey and the service's rule, and is not echoed", async () => {
            const res = await operate("up", { [`${PROJECT}:notifyAuthKey`]: SERVICE_REFUSED_KEY });
            assert.notEqual(res.code, 0);
            const errors = res.result!.errors.join("\n");
            assert.match(errors, /InvalidNotifyAuthKey\.Malformed/);
            assert.match(errors, /16 to 32 characters in length and can contain only letters and digits/);
            assert.match(errors, /The service refused notifyAuthKey/);
        });

        it("destroy: nothing left, and the emulator's request log never held a secret", async () => {
            const res = await operate("destroy");
            assert.equal(res.code, 0, res.stdout);
            assert.deepEqual(await admin.configs(), []);
            const log = await admin.requests();
            assert.ok(log.length > 10);
            assertClean(JSON.stringify(log), "the emulator's request log");
            assertClean(JSON.stringify(await admin.stats()), "the emulator's stats");
        });
    });

    describe("error messages of every provider method", () => {
        let provider: LiveRecordNotifyConfigProvider;
        const INPUTS = {
            domainName: "errors.example.com",
            notifyUrl: "https://callbacks.example.com/e",
            notifyReqAuth: true,
            notifyAuthKey: NOTIFY_KEY,
        };
        const OUTPUTS = { ...INPUTS, needStatusNotify: false };

        before(async () => {
            provider = createProvider({
                env: {
                    ALICLOUD_LIVE_ENDPOINT: emulator.url,
                    ALIBABA_CLOUD_ACCESS_KEY_ID: AK_ID,
                    ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_SECRET,
                    ALICLOUD_LIVE_OPERATION_TIMEOUT: "1",
                },
            });
            await provider.configure({ config: { get: () => undefined, require: () => "" } });
        });
        beforeEach(() => admin.reset());

        /** The error's message and stack, and (unless it legitimately carries outputs) everything `inspect` shows. */
        async function failureOf(what: string, call: Promise<unknown>, opts: { outputsInside?: boolean } = {}): Promise<Error> {
            let error: unknown;
            try {
                await call;
            } catch (e) {
                error = e;
            }
            assert.ok(error instanceof Error, `${what} was meant to fail`);
            assertClean(error.message, `the message of ${what}`);
            assertClean(String(error.stack), `the stack of ${what}`);
            const reasons = (error as { reasons?: unknown }).reasons;
            if (reasons !== undefined) assertClean(JSON.stringify(reasons), `the reasons of ${what}`);
            // A partial-init error carries the resource's outputs for the engine, which stores them as secrets.
            if (!opts.outputsInside) assertClean(inspect(error, { depth: Infinity }), `${what}, inspected (causes included)`);
            return error;
        }

        for (const fault of [
            { name: "a dropped connection", spec: { drop: true as const } },
            { name: "a 500", spec: { error: { code: "InternalError" } } },
        ]) {
            it(`create, read, update and delete fail on ${fault.name} without a secret in any error`, async () => {
                // A config that differs from the declared one, so the retry layer's settle check (a
                // Describe) quickly finds that the failed writes did not apply.
                const client = new LiveClient({ endpoint: emulator.url, credentials: { accessKeyId: AK_ID, accessKeySecret: AK_SECRET } });
                await client.add({ ...INPUTS, notifyUrl: "https://callbacks.example.com/someone-else" });
                for (const action of ["AddLiveRecordNotifyConfig", "UpdateLiveRecordNotifyConfig", "DeleteLiveRecordNotifyConfig"]) {
                    await admin.addFault({ action, ...fault.spec });
                }
                await failureOf(`create (${fault.name})`, provider.create(INPUTS), { outputsInside: true });
                await failureOf(`update (${fault.name})`, provider.update(INPUTS.domainName, OUTPUTS, { ...INPUTS, needStatusNotify: true }));
                await failureOf(`delete (${fault.name})`, provider.delete(INPUTS.domainName, OUTPUTS));
                await admin.addFault({ action: "DescribeLiveRecordNotifyConfig", ...fault.spec });
                await failureOf(`read (${fault.name})`, provider.read(INPUTS.domainName, OUTPUTS));
                assert.ok((await admin.requests()).filter((r) => r.fault !== undefined).length >= 4, "the faults were hit");
            });
        }

        it("check names the property, never the value", async () => {
            const res = await provider.check({}, { ...INPUTS, notifyAuthKey: BAD_KEY });
            assert.equal(res.failures?.[0]?.property, "notifyAuthKey");
            assertClean(JSON.stringify(res.failures), "check's failures");
        });

        it("a bad secret setting fails every method without quoting the secret", async () => {
            const badSecret = `${AK_SECRET} with spaces`;
            const broken = createProvider({
                env: { ALICLOUD_LIVE_ENDPOINT: emulator.url, ALIBABA_CLOUD_ACCESS_KEY_ID: AK_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: badSecret },
            });
            // Configure resolves (the dynamic host prints a rejected one with its stack); every method fails instead.
            await broken.configure({ config: { get: () => undefined, require: () => "" } });
            const checked = await broken.check({}, INPUTS);
            assert.match(checked.failures?.[0]?.reason ?? "", /Invalid setting ALIBABA_CLOUD_ACCESS_KEY_SECRET: must not contain whitespace/);
            assertClean(JSON.stringify(checked.failures), "check's failures");
            await failureOf("diff", broken.diff(INPUTS.domainName, OUTPUTS, INPUTS));
            await failureOf("create", broken.create(INPUTS));
            await failureOf("read", broken.read(INPUTS.domainName, OUTPUTS));
            await failureOf("update", broken.update(INPUTS.domainName, OUTPUTS, INPUTS));
            await failureOf("delete", broken.delete(INPUTS.domainName, OUTPUTS));
        });
    });
});
