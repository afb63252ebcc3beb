import { strict as assert } from "node:assert";
import * as plan from "../../../examples/demo/cli-plan";

const STACK = "demo";

describe("examples/demo/cli-plan (the Pulumi CLI commands, built without the CLI)", () => {
    it("uses a local file backend and a passphrase: no login, no update check", () => {
        const env = plan.cliEnv({ backendDir: "/tmp/backend-x", passphrase: "pp" });
        assert.deepEqual(env, {
            PULUMI_BACKEND_URL: "file:///tmp/backend-x",
            PULUMI_CONFIG_PASSPHRASE: "pp",
            PULUMI_SKIP_UPDATE_CHECK: "true",
        });
    });

    it("passes a secret config value on stdin, never on the command line", () => {
        const cmd = plan.configSet(STACK, { key: "alicloud:secretKey", value: "s3cr3t-value", secret: true });
        assert.deepEqual(cmd.args, ["config", "set", "alicloud:secretKey", "--stack", STACK, "--non-interactive", "--secret"]);
        assert.equal(cmd.stdin, "s3cr3t-value");
        assert.ok(!cmd.title.includes("s3cr3t-value"));
        assert.ok(!cmd.args.join(" ").includes("s3cr3t-value"));
    });

    it("passes a plain value after `--`, so a value starting with a dash is not a flag", () => {
        const cmd = plan.configSet(STACK, { key: "p:domains", value: '["a"]', secret: false });
        assert.deepEqual(cmd.args, ["config", "set", "p:domains", "--stack", STACK, "--non-interactive", "--", '["a"]']);
        assert.equal(cmd.stdin, undefined);
    });

    it("runs every operation non-interactively against the demo stack, without prompts", () => {
        for (const cmd of [plan.up(STACK), plan.refresh(STACK), plan.destroy(STACK)]) {
            for (const flag of ["--yes", "--skip-preview", "--non-interactive"]) assert.ok(cmd.args.includes(flag), `${cmd.args[0]} ${flag}`);
            assert.deepEqual(cmd.args.slice(cmd.args.indexOf("--stack"), cmd.args.indexOf("--stack") + 2), ["--stack", STACK]);
            assert.equal(cmd.expect, "success");
        }
        assert.deepEqual(plan.stackInit(STACK).args, ["stack", "init", STACK, "--non-interactive"]);
        assert.deepEqual(plan.stackRm(STACK).args, ["stack", "rm", STACK, "--yes", "--force", "--non-interactive"]);
    });

    it("expects `preview --refresh --expect-no-changes` to fail after drift", () => {
        const cmd = plan.previewExpectNoChanges(STACK);
        assert.deepEqual(cmd.args, ["preview", "--refresh", "--expect-no-changes", "--stack", STACK, "--non-interactive"]);
        assert.equal(cmd.expect, "failure");
    });
});
