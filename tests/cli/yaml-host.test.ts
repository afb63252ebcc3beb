/**
 * The YAML language host through the real `pulumi` CLI: a Pulumi YAML program with no provider at all
 * (config, a secret config value, an expression and outputs) goes through up, an empty preview, stack
 * output (the secret only with --show-secrets), stack export (the secret as ciphertext) and destroy.
 * It proves the `pulumi-language-yaml` the repository obtains works, apart from any provider.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/properties";
import { YAML_HOST_VERSION } from "../../tools/pulumi-cli/recipe";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { labelTests, pinnedSet } from "./support/cli";
import { filesContaining, REPO_ROOT } from "./support/programs";

const STACK = "yaml";
const PROJECT = "alicloud-live-yaml-host";
const DOMAIN = "live1.example.com";
const NOTIFY_AUTH_KEY = "YamlHostSuiteKey0042";

interface AboutPlugin {
    readonly name: string;
    readonly kind: string;
    readonly version: string | null;
}

describe("cli: a Pulumi YAML program (no provider) through the real pulumi and pulumi-language-yaml", function () {
    this.timeout(600_000);
    let tmp: string;
    let workspace: PulumiWorkspace;
    const outputs: CommandResult[] = [];

    const pulumi = async (args: string[]) => {
        const result = await workspace.run([...args, "--stack", STACK]);
        outputs.push(result);
        assert.equal(result.code, 0, `pulumi ${args.join(" ")}:\n${result.output.slice(-4000)}`);
        return result;
    };
    const stackOutputs = async (showSecrets: boolean) =>
        JSON.parse((await pulumi(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])])).stdout) as Record<string, unknown>;

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-yaml-"));
        const projectDir = path.join(tmp, "yaml-program");
        fs.cpSync(path.join(REPO_ROOT, "tests", "cli", "fixtures", "yaml-program"), projectDir, { recursive: true });
        workspace = new PulumiWorkspace({ cli, projectDir });
        await workspace.ok(["stack", "init", STACK]);
        await workspace.setConfig(STACK, `${PROJECT}:domainName`, DOMAIN);
        await workspace.setConfig(STACK, `${PROJECT}:notifyAuthKey`, NOTIFY_AUTH_KEY, true);

        // The engine asks the language host for its version (GetPluginInfo); `pulumi about` shows it.
        const about = await workspace.run(["about", "--json", "--stack", STACK]);
        const plugins = (JSON.parse(about.stdout) as { plugins?: AboutPlugin[] }).plugins ?? [];
        const host = plugins.find((p) => p.kind === "language" && p.name === "yaml");
        assert.ok(host, `pulumi about lists no yaml language plugin:\n${about.output.slice(-2000)}`);
        console.log(`      YAML language host: pulumi-language-yaml ${host.version ?? "(no version reported)"} (from pulumi about)`);
        // A CLI this repository built carries the host of its recipe, with the version stamped in.
        if (cli.source !== "path") assert.equal(host.version, YAML_HOST_VERSION);
    });

    after(async () => {
        await workspace?.cleanup();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("up evaluates the program: config, a default, an fn::join expression and a secret become stack outputs", async () => {
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(up.stdout, /1 created/);
        assert.deepEqual(await stackOutputs(false), {
            domainName: DOMAIN,
            notifyUrl: `https://callbacks.example.com/live/${DOMAIN}/record`,
            notifyAuthKey: "[secret]",
        });
    });

    it("preview --expect-no-changes right after exits 0 with nothing to do", async () => {
        const preview = await pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /1 unchanged/);
    });

    it("the secret output is shown only with --show-secrets, and is ciphertext in stack export", async () => {
        assert.equal((await stackOutputs(true)).notifyAuthKey, NOTIFY_AUTH_KEY);

        const plain = await workspace.exportState(STACK);
        assert.ok(!plain.text.includes(NOTIFY_AUTH_KEY), "no plaintext key in the exported state");
        const stack = plain.deployment.resources!.find((r) => r.type === "pulumi:pulumi:Stack")!;
        const secret = stack.outputs!.notifyAuthKey as Record<string, unknown>;
        assert.equal(secret[SIG_KEY], SECRET_SIG, "a Pulumi secret");
        assert.equal(typeof secret.ciphertext, "string");
        assert.equal(stack.outputs!.notifyUrl, `https://callbacks.example.com/live/${DOMAIN}/record`, "plain outputs stay plain");
    });

    it("destroy leaves an empty stack; the secret is in no output (but --show-secrets), state, log or stack file", async () => {
        const destroy = await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.match(destroy.stdout, /1 deleted/);
        assert.deepEqual((await workspace.exportState(STACK)).deployment.resources ?? [], []);
        const printed = outputs.filter((r) => r.output.includes(NOTIFY_AUTH_KEY));
        assert.equal(printed.length, 1, "only `stack output --show-secrets` printed the key");
        assert.deepEqual(filesContaining(workspace.root, NOTIFY_AUTH_KEY), [], "backend, PULUMI_HOME and logs");
        assert.deepEqual(filesContaining(workspace.projectDir, NOTIFY_AUTH_KEY), [], "the project's stack file");
    });
});
