/**
 * The GitOps example's GitHub Actions workflows, read as YAML and checked step by step: the triggers,
 * OIDC credentials (never static keys), the commands, and that the drift job calls the script the
 * CLI suite runs against the emulator (tests/cli/gitops-drift.test.ts) and reacts to its status.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { findRepoRoot } from "../../../tools/repo-root";

const EXAMPLE = path.join(findRepoRoot(__dirname), "examples", "gitops");
const CREDENTIALS_ACTION = "aliyun/configure-aliyun-credentials-action@v1";

interface Step {
    readonly id?: string;
    readonly name?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly if?: string;
    readonly with?: Readonly<Record<string, unknown>>;
    readonly env?: Readonly<Record<string, unknown>>;
}

interface Job {
    readonly permissions?: Readonly<Record<string, string>>;
    readonly env?: Readonly<Record<string, string>>;
    readonly steps: readonly Step[];
}

interface Workflow {
    readonly on: Readonly<Record<string, unknown>>;
    readonly permissions?: Readonly<Record<string, string>>;
    readonly concurrency?: { readonly group: string };
    readonly env: Readonly<Record<string, string>>;
    readonly jobs: Readonly<Record<string, Job>>;
}

/** Parses strictly: any YAML error or warning (duplicate keys included) fails the test. */
function load(file: string): Workflow {
    const doc = parseDocument(fs.readFileSync(path.join(EXAMPLE, "workflows", file), "utf8"), { uniqueKeys: true });
    assert.deepEqual(
        [...doc.errors, ...doc.warnings].map((e) => e.message),
        [],
        `${file} is not clean YAML`,
    );
    return doc.toJS() as Workflow;
}

function onlyJob(workflow: Workflow): Job {
    const jobs = Object.values(workflow.jobs);
    assert.equal(jobs.length, 1);
    return jobs[0];
}

const indexOf = (job: Job, predicate: (s: Step) => boolean, what: string): number => {
    const i = job.steps.findIndex(predicate);
    assert.ok(i >= 0, `no step ${what}`);
    return i;
};
const usesAction = (prefix: string) => (s: Step) => s.uses?.startsWith(prefix) === true;

const FILES = ["preview.yml", "deploy.yml", "drift.yml"];

describe("examples/gitops: the GitHub Actions workflows", () => {
    it("are clean YAML with the expected triggers", () => {
        assert.deepEqual(Object.keys(load("preview.yml").on), ["pull_request"]);
        assert.deepEqual(load("deploy.yml").on, { push: { branches: ["main"] } });
        const drift = load("drift.yml").on as { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
        assert.deepEqual(Object.keys(drift), ["schedule", "workflow_dispatch"]);
        assert.equal(drift.schedule.length, 1);
        assert.equal(drift.schedule[0].cron.trim().split(/\s+/).length, 5, "a cron expression has five fields");
    });

    for (const file of FILES) {
        it(`${file}: OIDC credentials from ${CREDENTIALS_ACTION}, id-token: write, no static keys, before any pulumi step`, () => {
            const workflow = load(file);
            const job = onlyJob(workflow);
            assert.equal(job.permissions?.["id-token"], "write");
            assert.equal(workflow.permissions?.["id-token"], undefined, "the token permission is granted to the job, not the whole workflow");
            const creds = indexOf(job, (s) => s.uses === CREDENTIALS_ACTION, "assuming the RAM role");
            const inputs = job.steps[creds].with ?? {};
            assert.match(String(inputs["role-to-assume"]), /^\$\{\{ vars\.ALIBABA_CLOUD_\w+_ROLE_ARN \}\}$/);
            assert.match(String(inputs["oidc-provider-arn"]), /^\$\{\{ vars\.ALIBABA_CLOUD_OIDC_PROVIDER_ARN \}\}$/);
            const text = fs.readFileSync(path.join(EXAMPLE, "workflows", file), "utf8");
            assert.doesNotMatch(text, /ALIBABA_CLOUD_ACCESS_KEY|ALICLOUD_ACCESS_KEY|alicloud:secretKey/, "no long-lived key anywhere");
            const firstPulumi = job.steps.findIndex(
                (s) => (s.uses?.startsWith("pulumi/actions@") && s.with?.command !== undefined) || /drift-check\.sh/.test(s.run ?? ""),
            );
            assert.ok(firstPulumi > creds, "credentials come before the step that calls the cloud");
        });
    }

    it("pin the CLI to the SDK version this package is built and tested with", () => {
        const sdk = (
            JSON.parse(fs.readFileSync(path.join(findRepoRoot(__dirname), "package.json"), "utf8")) as { devDependencies: Record<string, string> }
        ).devDependencies["@pulumi/pulumi"];
        for (const file of FILES) assert.equal(load(file).env.PULUMI_VERSION, sdk, file);
    });

    it("preview.yml: a refreshed preview of the stack, commented on the pull request, with a read-only role", () => {
        const job = onlyJob(load("preview.yml"));
        assert.equal(job.permissions?.["pull-requests"], "write");
        const step = job.steps[indexOf(job, usesAction("pulumi/actions@"), "running pulumi")];
        assert.deepEqual(
            [step.with?.command, step.with?.refresh, step.with?.["comment-on-pr"], step.with?.["stack-name"]],
            ["preview", true, true, "${{ env.STACK }}"],
        );
        assert.match(String(job.steps.find((s) => s.uses === CREDENTIALS_ACTION)!.with!["role-to-assume"]), /READONLY/);
    });

    it("deploy.yml: `up --refresh` on main with the deploy role, in the concurrency group the drift check shares", () => {
        const workflow = load("deploy.yml");
        const job = onlyJob(workflow);
        const step = job.steps[indexOf(job, usesAction("pulumi/actions@"), "running pulumi")];
        assert.deepEqual([step.with?.command, step.with?.refresh], ["up", true]);
        assert.match(String(job.steps.find((s) => s.uses === CREDENTIALS_ACTION)!.with!["role-to-assume"]), /DEPLOY/);
        assert.ok(workflow.concurrency?.group, "deploy.yml has a concurrency group");
        assert.equal(load("drift.yml").concurrency?.group, workflow.concurrency.group);
    });

    it("drift.yml: runs drift-check.sh with the stack and folder, alerts on its failure and closes the alert when clean", () => {
        const job = onlyJob(load("drift.yml"));
        assert.equal(job.permissions?.issues, "write");
        const install = indexOf(job, (s) => s.uses?.startsWith("pulumi/actions@") === true && s.with?.command === undefined, "installing the CLI");
        const check = indexOf(job, (s) => /\bdrift-check\.sh\b/.test(s.run ?? ""), "calling drift-check.sh");
        assert.ok(install < check);
        const step = job.steps[check];
        assert.equal(step.id, "drift");
        assert.deepEqual(step.env, { DRIFT_STACK: "${{ env.STACK }}", DRIFT_CWD: "${{ env.PROJECT_DIR }}" });
        assert.ok(job.env?.DRIFT_REPORT, "the report goes to a file the alert step reads");

        const alert = job.steps[indexOf(job, (s) => /gh issue create/.test(s.run ?? ""), "opening an issue")];
        assert.ok(job.steps.indexOf(alert) > check);
        assert.match(alert.if ?? "", /!cancelled\(\)/, "runs although the drift step failed");
        assert.match(alert.if ?? "", /steps\.drift\.outcome == 'failure'/);
        assert.match(alert.run ?? "", /gh issue comment/, "an open alert is updated, not duplicated");
        assert.match(alert.run ?? "", /--body-file "\$DRIFT_REPORT"/);

        const close = job.steps[indexOf(job, (s) => /gh issue close/.test(s.run ?? ""), "closing the alert")];
        assert.equal(close.if, "${{ steps.drift.outputs.status == 'clean' }}");
    });

    it("the script the drift job calls is the example's, valid bash, and writes each status the workflow tests for", () => {
        const job = onlyJob(load("drift.yml"));
        const run = job.steps.find((s) => /drift-check\.sh/.test(s.run ?? ""))!.run!;
        const script = path.join(EXAMPLE, path.basename(/(\S*drift-check\.sh)/.exec(run)![1]));
        assert.ok(fs.existsSync(script), `${script} exists`);
        assert.ok((fs.statSync(script).mode & 0o111) !== 0, "the script is executable");
        const syntax = spawnSync("bash", ["-n", script], { encoding: "utf8" });
        assert.equal(syntax.status, 0, syntax.stderr);
        const text = fs.readFileSync(script, "utf8");
        for (const status of ["clean", "drift", "error"])
            assert.match(text, new RegExp(`publish ${status} `), `the script publishes status=${status}`);
        assert.match(text, /status=\$status" >>"\$GITHUB_OUTPUT"/);
    });
});
