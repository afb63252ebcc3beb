import { strict as assert } from "node:assert";
import type { EngineEvent } from "../../../tools/host-driver/format";
import { Run, StepError } from "../../../tools/host-driver/run";
import { emptyState, type ResourceState, type StackState } from "../../../tools/host-driver/state";

function resource(name: string, extra: Partial<ResourceState> = {}): ResourceState {
    return {
        urn: `urn:pulumi:dev::p::pulumi-nodejs:dynamic:Resource::${name}`,
        type: "pulumi-nodejs:dynamic:Resource",
        name,
        id: `${name}-id`,
        inputs: {},
        outputs: {},
        secretInputs: [],
        secretOutputs: [],
        dependencies: [],
        options: {},
        ...extra,
    };
}

/** A run over `base`, with every commit and log line recorded. */
function runOver(base: StackState, preview = false) {
    const commits: StackState[] = [];
    const lines: Array<{ line: string; event: EngineEvent }> = [];
    const run = new Run(
        base,
        preview,
        2,
        (line, event) => lines.push({ line, event }),
        (state) => commits.push(state),
    );
    return { run, commits, lines };
}

describe("tools/host-driver/run (one operation's working state)", () => {
    const live = resource("a");
    const old = resource("b", { pendingDelete: true });
    const base: StackState = { ...emptyState("p", "dev"), resources: [live, old], outputs: { x: 1 }, secretOutputs: ["x"] };

    it("starts from the base state: live resources by URN, pending deletes apart (without the mark)", () => {
        const { run, commits } = runOver(base);
        assert.deepEqual([...run.live.keys()], [live.urn]);
        assert.deepEqual(run.pending, [resource("b")]);
        assert.deepEqual(run.outputs, { outputs: { x: 1 }, secretOutputs: ["x"] });
        assert.equal(commits.length, 0);
    });

    it("commits after each change: live first, then the pending deletes marked, project, stack and outputs kept", () => {
        const { run, commits } = runOver(base);
        const c = resource("c");
        run.put(c);
        assert.deepEqual(commits.at(-1)!.resources, [live, c, old]);
        run.remove(live.urn);
        assert.deepEqual(commits.at(-1)!.resources, [c, old]);
        run.dropPending(run.pending[0]);
        assert.deepEqual(commits.at(-1), { ...base, resources: [c] });
        assert.equal(commits.length, 3);
    });

    it("a preview never commits", () => {
        const { run, commits } = runOver(base, true);
        run.put(resource("c"));
        run.remove(live.urn);
        run.save();
        assert.equal(commits.length, 0);
        assert.equal(run.live.size, 1);
    });

    it("counts steps (not the original of a replacement) and logs each event with its line", () => {
        const { run, lines } = runOver(base);
        const step = (op: "create" | "delete", replaced?: boolean): EngineEvent => ({
            kind: "step",
            op,
            type: live.type,
            name: "a",
            keys: [],
            replaced,
        });
        run.emit(step("create"));
        run.emit(step("delete", true));
        run.emit(step("delete"));
        assert.equal(run.counts.create, 1);
        assert.equal(run.counts.delete, 1);
        assert.equal(run.events.length, 3);
        assert.equal(lines.length, 3);
        assert.ok(lines.every(({ line }) => line.length > 0));
    });

    it("a failed step is an error, a failure event and a StepError for the program", () => {
        const { run } = runOver(base);
        assert.equal(run.failed, false);
        const error = run.fail("create", { type: live.type, name: "a" }, "boom");
        assert.ok(error instanceof StepError);
        assert.equal(error.message, "create a failed: boom");
        assert.equal(run.failed, true);
        assert.deepEqual(run.errors, ["create a: boom"]);
        assert.deepEqual(run.events, [{ kind: "failure", op: "create", type: live.type, name: "a", message: "boom" }]);
    });

    it("settled() waits for every tracked step, failed ones and one tracked while waiting", async () => {
        const { run } = runOver(base);
        const done: string[] = [];
        const later = (label: string, then?: () => void) =>
            new Promise<void>((resolve) =>
                setImmediate(() => {
                    done.push(label);
                    then?.();
                    resolve();
                }),
            );
        void run.track(later("first", () => void run.track(later("second"))));
        const failing = run.track(Promise.reject(new Error("a failed step")));
        await run.settled();
        assert.deepEqual(done, ["first", "second"]);
        await assert.rejects(failing, /a failed step/);
    });
});
