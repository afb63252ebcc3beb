import { strict as assert } from "node:assert";
import { lastLines, runCommand } from "../../tools/child-process";

const NODE = process.execPath;

describe("tools/child-process", function () {
    this.timeout(60_000);

    it("keeps all of stdout, stderr apart, both interleaved, and hands on each non-empty line with its stream", async () => {
        const lines: string[] = [];
        const outcome = await runCommand(
            NODE,
            ["-e", "process.stdout.write('a\\n\\n'); process.stderr.write('b\\n'); process.stdout.write('c'); process.exitCode = 3"],
            { env: process.env, timeoutMs: 30_000, onLine: (line, stream) => lines.push(`${stream}:${line}`) },
        );
        assert.equal(outcome.code, 3);
        assert.equal(outcome.stdout, "a\n\nc");
        assert.equal(outcome.stderr, "b\n");
        // Both streams, in the order they arrived (which of two pipes is read first is not fixed).
        assert.equal(outcome.output.length, outcome.stdout.length + outcome.stderr.length);
        for (const part of ["a\n\n", "b\n", "c"]) assert.ok(outcome.output.includes(part), JSON.stringify(outcome.output));
        // "c" has no newline: a line is handed on once it is whole.
        assert.deepEqual(lines.sort(), ["stderr:b", "stdout:a"]);
        assert.equal(outcome.missing, false);
        assert.equal(outcome.timedOut, false);
    });

    it("a command that is not installed is missing, not a rejection", async () => {
        const outcome = await runCommand("no-such-command-pulumi-alicloud-live", [], { env: process.env, timeoutMs: 30_000 });
        assert.equal(outcome.missing, true);
        assert.equal(outcome.code, null);
    });

    it("a command that outlives its time is killed and marked", async () => {
        const outcome = await runCommand(NODE, ["-e", "setTimeout(() => {}, 60000)"], { env: process.env, timeoutMs: 300 });
        assert.equal(outcome.timedOut, true);
        assert.notEqual(outcome.code, 0);
    });

    it("lastLines keeps the last n lines, trimmed", () => {
        assert.equal(lastLines("1\n2\n3\n4\n", 2), "3\n4");
        assert.equal(lastLines("  only  "), "only");
    });
});
