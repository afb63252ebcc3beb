import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createCheckpointer, emptyState, loadState, parseState, saveState, serializeState, type StackState } from "../../../tools/host-driver/state";

function sample(): StackState {
    return {
        ...emptyState("proj", "dev"),
        outputs: { url: "https://x", token: "stack-output-secret" },
        secretOutputs: ["token"],
        resources: [
            {
                urn: "urn:pulumi:dev::proj::t::a",
                type: "t",
                name: "a",
                id: "a",
                inputs: { __provider: "code", key: "resource-input-secret", url: "https://x" },
                outputs: { __provider: "code", key: "resource-input-secret", url: "https://x", extra: "out-secret" },
                secretInputs: ["key"],
                secretOutputs: ["extra", "key"],
                dependencies: [],
                options: { additionalSecretOutputs: ["extra"] },
            },
        ],
    };
}

describe("tools/host-driver/state", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-state-test-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("round-trips through the file form, secrets included", () => {
        const state = sample();
        assert.deepEqual(parseState(serializeState(state)), state);
    });

    it("never writes a secret value in plain text", () => {
        const text = serializeState(sample());
        for (const s of ["stack-output-secret", "resource-input-secret", "out-secret"]) assert.ok(!text.includes(s), s);
        assert.ok(text.includes("https://x"));
    });

    it("saves atomically with owner-only permissions and loads what it saved", () => {
        const file = path.join(dir, "nested", "state.json");
        saveState(file, sample());
        assert.deepEqual(loadState(file, "proj", "dev"), sample());
        assert.equal(fs.statSync(file).mode & 0o777, 0o600);
        assert.deepEqual(fs.readdirSync(path.dirname(file)), ["state.json"]); // no temp file left
    });

    it("treats a missing file as an empty stack and rejects an unknown version", () => {
        assert.deepEqual(loadState(path.join(dir, "none.json"), "p", "s"), emptyState("p", "s"));
        assert.throws(() => parseState(JSON.stringify({ version: 99, resources: [] })), /unsupported state version 99/);
    });
});

describe("tools/host-driver/state checkpointer", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-checkpoint-test-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const withStack = (stack: string): StackState => emptyState("proj", stack);

    it("coalesces checkpoints within the interval into one write of the newest state", async () => {
        const file = path.join(dir, "s.json");
        const cp = createCheckpointer(file, 10_000);
        cp.checkpoint(withStack("one")); // first write is due at once
        await new Promise((r) => setTimeout(r, 250));
        assert.equal(loadState(file, "proj", "x").stack, "one");
        cp.checkpoint(withStack("two"));
        cp.checkpoint(withStack("three"));
        await new Promise((r) => setTimeout(r, 250));
        assert.equal(loadState(file, "proj", "x").stack, "one", "the next write waits for the interval");
        cp.flush();
        assert.equal(loadState(file, "proj", "x").stack, "three");
        cp.flush(); // nothing pending: no error, no change
        assert.equal(loadState(file, "proj", "x").stack, "three");
    });
});
