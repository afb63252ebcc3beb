/**
 * First contact through the real `pulumi` CLI, as a new user meets it: a broken set-up fails `pulumi
 * preview` (the gate of a GitOps pipeline) in seconds with one message a person can act on, for a
 * TypeScript program on the dynamic provider (examples/basic) and a YAML program on the provider plugin
 * (examples/yaml). One emulator with its STS listener stands in for the cloud; a host under `.invalid`
 * (which never resolves) for an unresolvable endpoint. Every run gets an empty HOME, so no credentials
 * file or CLI profile of this machine is found, and the ECS metadata service is turned off
 * (`ALIBABA_CLOUD_ECS_METADATA_DISABLED`) so the result does not depend on the machine being an ECS instance.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { freePort } from "../../tools/redis/server";
import { labelTests, pinnedSet } from "./support/cli";
import { rewrite } from "./support/example-stack";
import { PLUGIN_DIR } from "./support/plugin";
import { copyExample, REPO_ROOT } from "./support/programs";

const STACK = "first-contact";
/** A generous bound on a failing preview on a loaded 2-core machine (it takes seconds; speed is in the benchmark). */
const FAILS_WITHIN_MS = 60_000;
const UNRESOLVABLE = "https://live.first-contact.invalid";
const UNKNOWN_KEY_ID = "FIRST-CONTACT-NO-SUCH-KEY";
const WRONG_SECRET = "first-contact-wrong-secret-Tz8";
const YAML_KEY = "FirstContactYamlKey042";

/** The two programs, as test titles name them. */
const DOORS = { ts: "TypeScript program (dynamic provider)", yaml: "YAML program (provider plugin)" } as const;

interface FrontDoor {
    /** How its users write the credentials' config keys. */
    readonly accessKey: string;
    readonly workspace: PulumiWorkspace;
}

describe("cli: first contact: a broken set-up fails pulumi preview in seconds with one message", function () {
    this.timeout(600_000);
    let tmp: string;
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let ts: FrontDoor;
    let yaml: FrontDoor;
    const outputs: CommandResult[] = [];

    /** The emulator as the endpoint, with its STS, and `keys` in the environment. */
    const cloudEnv = (keys: { id?: string; secret?: string } = {}): Record<string, string> => ({
        ALICLOUD_LIVE_ENDPOINT: emulator.url,
        ALICLOUD_LIVE_STS_ENDPOINT: emulator.sts!.url,
        ...(keys.id !== undefined ? { ALIBABA_CLOUD_ACCESS_KEY_ID: keys.id } : {}),
        ...(keys.secret !== undefined ? { ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.secret } : {}),
    });
    const demoKeys = { id: DEMO_ACCOUNT.accessKeyId, secret: DEMO_ACCOUNT.accessKeySecret };

    const run = async (door: FrontDoor, args: string[], env: Record<string, string>): Promise<CommandResult> => {
        const result = await door.workspace.run([...args, "--stack", STACK], { env });
        outputs.push(result);
        return result;
    };

    /** Failed before any change was made, at the preview (of `preview`, or of `up`), with `message` said once, fast, and no stack. */
    const failedAtPreview = (result: CommandResult, message: RegExp): string => {
        const tail = result.output.slice(-6000);
        assert.notEqual(result.code, 0, `expected a failure:\n${tail}`);
        assert.ok(result.output.includes("Previewing update"), tail);
        assert.ok(!result.output.includes("Updating ("), `it went past the preview:\n${tail}`);
        assert.ok(result.ms < FAILS_WITHIN_MS, `took ${result.ms} ms`);
        const diagnostics = result.output.slice(result.output.indexOf("Diagnostics:"));
        const said = diagnostics.match(new RegExp(message.source, "g")) ?? [];
        assert.equal(said.length, 1, `the message once in the diagnostics, not ${said.length} times:\n${tail}`);
        assert.ok(!/\n\s+at \S.*:\d+:\d+\)?\n/.test(result.output), `a stack trace was printed:\n${tail}`);
        assert.ok(!/\bundefined\b/.test(diagnostics), `"undefined" in:\n${diagnostics}`);
        return diagnostics;
    };

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-first-contact-"));
        const home = path.join(tmp, "empty-home");
        fs.mkdirSync(home);
        emulator = await startEmulator({ host: "127.0.0.1", stsPort: 0, accounts: [DEMO_ACCOUNT] });
        admin = new EmulatorAdmin(emulator.url);
        const env = { HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };

        // The program's type check is the basic-example suite's business; here it would only double each preview's time.
        const tsWorkspace = new PulumiWorkspace({
            cli,
            projectDir: copyExample("basic", path.join(tmp, "basic")),
            env: { ...env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
        });
        const yamlDir = path.join(tmp, "yaml");
        fs.cpSync(path.join(REPO_ROOT, "examples", "yaml"), yamlDir, { recursive: true });
        rewrite(path.join(yamlDir, "Pulumi.yaml"), "path: ../../bin\n", `path: ${PLUGIN_DIR}\n`);
        const yamlWorkspace = new PulumiWorkspace({ cli, projectDir: yamlDir, env });
        ts = { accessKey: "alicloud:accessKey", workspace: tsWorkspace };
        yaml = { accessKey: "alicloud-live:accessKey", workspace: yamlWorkspace };
        await Promise.all([tsWorkspace.ok(["stack", "init", STACK]), yamlWorkspace.ok(["stack", "init", STACK])]);
        await yamlWorkspace.setConfig(STACK, "alicloud-live-yaml:notifyAuthKey", YAML_KEY, true);
    });

    after(async () => {
        await ts?.workspace.cleanup();
        await yaml?.workspace.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    for (const door of ["ts", "yaml"] as const) {
        const frontDoor = () => (door === "ts" ? ts : yaml);

        it(`${DOORS[door]}: no credentials anywhere: preview fails naming every place looked in and what to set`, async () => {
            const { accessKey } = frontDoor();
            const result = await run(frontDoor(), ["preview"], cloudEnv());
            const said = failedAtPreview(result, /No Alibaba Cloud credentials were found/);
            const secretKey = accessKey.replace("accessKey", "secretKey");
            assert.ok(said.includes(`stack config ${accessKey} and ${secretKey} (not set)`), said);
            assert.ok(said.includes("the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"), said);
            assert.ok(said.includes("the Alibaba Cloud CLI's ~/.aliyun/config.json (no such file)"), said);
            assert.ok(said.includes("turned off by ALIBABA_CLOUD_ECS_METADATA_DISABLED"), said);
            assert.ok(said.includes(`\`pulumi config set ${accessKey} <id>\` and \`pulumi config set --secret ${secretKey} <secret>\``), said);
            assert.ok(!/https?:\/\/(?!127\.0\.0\.1)/.test(said), `an internal URL in:\n${said}`);
        });

        it(`${DOORS[door]}: refused keys: preview fails with the key id and the service's code and words, never the secret`, async () => {
            // The TypeScript program meets an unknown key id; the YAML one a wrong secret.
            const keys = door === "ts" ? { id: UNKNOWN_KEY_ID, secret: WRONG_SECRET } : { id: DEMO_ACCOUNT.accessKeyId, secret: WRONG_SECRET };
            const result = await run(frontDoor(), ["preview"], cloudEnv(keys));
            const said = failedAtPreview(result, /Checking the Alibaba Cloud credentials failed/);
            const answer =
                door === "ts"
                    ? "answered InvalidAccessKeyId.NotFound (HTTP 404): Specified access key is not found."
                    : "answered SignatureDoesNotMatch (HTTP 400): Specified signature is not matched with our calculation.";
            assert.ok(said.includes(answer), said);
            assert.ok(said.includes(`The AccessKey ID is ${keys.id} (from ALIBABA_CLOUD_ACCESS_KEY_ID)`), said);
            assert.ok(!result.output.includes(WRONG_SECRET), "the secret was printed");
        });
    }

    it(`${DOORS.ts}: an endpoint that does not resolve: up fails at its preview, in seconds, naming the host, the variable that chose it and the default`, async () => {
        const result = await run(ts, ["up", "--yes"], { ...cloudEnv(demoKeys), ALICLOUD_LIVE_ENDPOINT: UNRESOLVABLE });
        const said = failedAtPreview(result, /The ApsaraVideo Live endpoint https:\/\/live\.first-contact\.invalid does not resolve/);
        assert.ok(said.includes("(ENOTFOUND: getaddrinfo ENOTFOUND live.first-contact.invalid)"), said);
        assert.ok(said.includes("It was set by ALICLOUD_LIVE_ENDPOINT (the default is live.aliyuncs.com)"), said);
    });

    it(`${DOORS.yaml}: an endpoint that does not resolve: preview fails naming the host and alicloud-live:endpoint`, async () => {
        await yaml.workspace.setConfig(STACK, "alicloud-live:endpoint", UNRESOLVABLE);
        try {
            const result = await run(yaml, ["preview"], cloudEnv(demoKeys));
            const said = failedAtPreview(result, /The ApsaraVideo Live endpoint https:\/\/live\.first-contact\.invalid does not resolve/);
            assert.ok(said.includes("It was set by alicloud-live:endpoint (the default is live.aliyuncs.com)"), said);
        } finally {
            await yaml.workspace.ok(["config", "rm", "alicloud-live:endpoint", "--stack", STACK]);
        }
    });

    it(`${DOORS.yaml}: an endpoint that refuses connections: preview fails naming it`, async () => {
        const closed = await freePort();
        const result = await run(yaml, ["preview"], { ...cloudEnv(demoKeys), ALICLOUD_LIVE_ENDPOINT: `http://127.0.0.1:${closed}` });
        const said = failedAtPreview(result, new RegExp(`The ApsaraVideo Live endpoint http://127\\.0\\.0\\.1:${closed} refuses connections`));
        assert.ok(said.includes("ECONNREFUSED"), said);
    });

    for (const door of ["ts", "yaml"] as const) {
        it(`${DOORS[door]}: STS unreachable but the endpoint answers: preview goes on, with one warning`, async () => {
            const closed = await freePort();
            const result = await run(door === "ts" ? ts : yaml, ["preview"], {
                ...cloudEnv(demoKeys),
                ALICLOUD_LIVE_STS_ENDPOINT: `http://127.0.0.1:${closed}`,
            });
            assert.equal(result.code, 0, result.output.slice(-4000));
            const diagnostics = result.output.slice(result.output.indexOf("Diagnostics:"));
            const warnings = diagnostics.match(/could not check the credentials and endpoint at configure time/g) ?? [];
            assert.equal(warnings.length, 1, diagnostics);
            assert.ok(!diagnostics.includes("could not learn the Alibaba Cloud account"), `discovery repeated the warning:\n${diagnostics}`);
        });

        it(`${DOORS[door]}: a correct set-up: preview passes and says nothing`, async () => {
            const result = await run(door === "ts" ? ts : yaml, ["preview"], cloudEnv(demoKeys));
            assert.equal(result.code, 0, result.output.slice(-4000));
            assert.ok(!/warning/i.test(result.output), result.output.slice(-4000));
        });
    }

    it(`${DOORS.yaml}: skipCredentialsValidation: an offline preview (no credentials, an unresolvable endpoint) passes`, async () => {
        const result = await run(yaml, ["preview"], {
            ALICLOUD_LIVE_ENDPOINT: UNRESOLVABLE,
            ALICLOUD_LIVE_SKIP_CREDENTIALS_VALIDATION: "true",
        });
        assert.equal(result.code, 0, result.output.slice(-4000));
        assert.match(result.stdout, /\+ 3 to create/);
        assert.ok(!/warning/i.test(result.output), `configuring called something:\n${result.output.slice(-4000)}`);
    });

    it(`${DOORS.yaml}: a RAM denial names the action and the RAM policy, the same for every resource; then a correct up prints no warning`, async () => {
        await admin.reset();
        await admin.addFault({
            action: "AddLiveRecordNotifyConfig",
            count: 2,
            error: {
                code: "Forbidden.RAM",
                status: 400,
                message: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
            },
        });
        const denied = await run(yaml, ["up", "--yes", "--skip-preview"], cloudEnv(demoKeys));
        assert.notEqual(denied.code, 0, denied.output.slice(-4000));
        const errors = [...denied.output.slice(denied.output.indexOf("Diagnostics:")).matchAll(/error: (AddLiveRecordNotifyConfig failed .*)/g)].map(
            (m) => m[1],
        );
        assert.equal(errors.length, 2, denied.output.slice(-4000));
        assert.equal(new Set(errors.map((e) => e.replace(/RequestId: \S+ /, ""))).size, 1, errors.join("\n"));
        assert.match(
            errors[0],
            /^AddLiveRecordNotifyConfig failed \(Forbidden\.RAM, HTTP 400\): User not authorized .* The access key lacks the RAM permission live:AddLiveRecordNotifyConfig; grant it to the RAM user or role \(the policy to attach is in docs\/configuration\.md#ram-permissions\)\./,
        );

        const up = await run(yaml, ["up", "--yes", "--skip-preview"], cloudEnv(demoKeys));
        assert.equal(up.code, 0, up.output.slice(-4000));
        assert.match(up.stdout, /2 created/);
        assert.ok(!/warning/i.test(up.output), up.output.slice(-4000));
    });

    it("no secret in any output", () => {
        assert.ok(outputs.length >= 10, `only ${outputs.length} outputs to scan`);
        for (const secret of [DEMO_ACCOUNT.accessKeySecret, WRONG_SECRET, YAML_KEY]) {
            for (const result of outputs) assert.ok(!result.output.includes(secret), "a pulumi command printed a secret");
        }
    });
});
