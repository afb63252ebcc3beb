/**
 * The engine stand-in's rules, exercised against Pulumi's real dynamic-provider host with the kv
 * fixture provider. Programs here are plain functions calling `declare` (no setMocks); the
 * run-program tests cover real programs.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Engine, type Declare, type OperationResult, type Program, type Registration } from "../../../tools/host-driver/engine";
import { startProviderHost, type ProviderHost } from "../../../tools/host-driver/host";
import { emptyState, serializeState, type ResourceState, type StackState } from "../../../tools/host-driver/state";
import type { PropertyMap } from "../../../tools/host-driver/struct";
import { serializedKvProvider, serializedRefusingProvider } from "./fixtures/kv-provider";

const TYPE = "pulumi-nodejs:dynamic/kv:Record";
const urn = (name: string) => `urn:pulumi:dev::kv-test::${TYPE}::${name}`;

interface Spec {
    readonly name: string;
    readonly inputs: PropertyMap;
    readonly secretInputs?: string[];
    readonly options?: Registration["options"];
    readonly dependsOn?: string[];
}

/** A recording wrapper: every RPC the engine sends, in order, with its request. */
function recording(host: ProviderHost) {
    const calls: { method: string; request: Record<string, unknown> }[] = [];
    const wrap = <K extends "check" | "diff" | "create" | "read" | "update" | "delete">(method: K) =>
        ((request: Record<string, unknown>) => {
            calls.push({ method, request });
            return (host[method] as (r: unknown) => Promise<unknown>)(request);
        }) as unknown as ProviderHost[K];
    const proxy: ProviderHost = Object.create(host, {
        check: { value: wrap("check") },
        diff: { value: wrap("diff") },
        create: { value: wrap("create") },
        read: { value: wrap("read") },
        update: { value: wrap("update") },
        delete: { value: wrap("delete") },
    });
    return { proxy, calls, names: () => calls.map((c) => `${c.method}:${String(c.request.name)}`) };
}

describe("tools/host-driver/engine (engine stand-in against the real host)", function () {
    this.timeout(60_000);
    let dir: string;
    let store: string;
    let host: ProviderHost;
    let kv: string;

    const program =
        (specs: Spec[], provider = () => kv): Program =>
        async (declare: Declare) => {
            await Promise.all(
                specs.map((s) =>
                    declare({
                        type: TYPE,
                        name: s.name,
                        custom: true,
                        inputs: { __provider: provider(), ...s.inputs },
                        secretInputs: s.secretInputs ?? [],
                        dependencies: (s.dependsOn ?? []).map(urn),
                        options: s.options ?? {},
                    }),
                ),
            );
            return { outputs: { count: specs.length }, secretOutputs: [] };
        };
    const cloud = (): Record<string, string> => (fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, "utf8")) : {});
    const resource = (state: StackState, name: string): ResourceState => {
        const r = state.resources.find((x) => x.name === name);
        assert.ok(r, `${name} is in state`);
        return r;
    };
    const engine = (state: StackState, h: ProviderHost = host, parallel?: number) => new Engine({ host: h, state, parallel });
    const ok = (r: OperationResult) => {
        assert.deepEqual(r.errors, []);
        assert.equal(r.ok, true);
        return r;
    };

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-test-"));
        store = path.join(dir, "store.json");
        kv = await serializedKvProvider();
        host = await startProviderHost({ cwd: __dirname, project: "kv-test", env: { ...process.env, KV_STORE: store } });
        await host.configure({});
    });
    beforeEach(() => fs.rmSync(store, { force: true }));
    after(async () => {
        await host?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("up creates, a second up with the same program is all `same`, and stack outputs are stored", async () => {
        const specs = [
            { name: "a", inputs: { key: "ka", value: "1" } },
            { name: "b", inputs: { key: "kb", value: "22" } },
        ];
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program(specs)));
        assert.deepEqual([first.counts.create, first.counts.same], [2, 0]);
        assert.deepEqual(cloud(), { ka: "1", kb: "22" });
        assert.equal(resource(first.state, "b").outputs.length, 2);
        assert.deepEqual(first.state.outputs, { count: 2 });
        const second = ok(await engine(first.state).up(program(specs)));
        assert.deepEqual([second.counts.create, second.counts.same], [0, 2]);
    });

    it("engine imitation: Check gets the old INPUTS, Diff and Update get the old OUTPUTS", async () => {
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program([{ name: "a", inputs: { key: "ka", value: "1" } }])));
        const rec = recording(host);
        ok(await engine(first.state, rec.proxy).up(program([{ name: "a", inputs: { key: "ka", value: "2" } }])));
        const old = resource(first.state, "a");
        const [check, diff, update] = rec.calls;
        assert.deepEqual(
            rec.calls.map((c) => c.method),
            ["check", "diff", "update"],
        );
        assert.deepEqual(check.request.olds, old.inputs);
        assert.deepEqual(diff.request.olds, old.outputs);
        assert.ok("length" in diff.request.olds, "outputs, not inputs");
        assert.deepEqual(update.request.olds, old.outputs);
        assert.equal((update.request.news as PropertyMap).value, "2");
        assert.equal(check.request.urn, urn("a"));
    });

    it("engine imitation: a same step keeps the old outputs and takes the new inputs", async () => {
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program([{ name: "a", inputs: { key: "ka", value: "1" } }])));
        // `note` is not compared by the kv provider's diff: DIFF_NONE.
        const second = ok(await engine(first.state).up(program([{ name: "a", inputs: { key: "ka", value: "1", note: "n" } }])));
        assert.equal(second.counts.same, 1);
        const a = resource(second.state, "a");
        assert.equal(a.inputs.note, "n");
        assert.deepEqual(a.outputs, resource(first.state, "a").outputs);
    });

    it("engine imitation: replace is create-before-delete by default, delete-before-create with deleteBeforeReplace", async () => {
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program([{ name: "a", inputs: { key: "k1", value: "v" } }])));
        let rec = recording(host);
        const second = ok(await engine(first.state, rec.proxy).up(program([{ name: "a", inputs: { key: "k2", value: "v" } }])));
        assert.equal(second.counts.replace, 1);
        assert.deepEqual(
            rec.calls
                .filter((c) => c.method === "create" || c.method === "delete")
                .map((c) => `${c.method}:${c.method === "create" ? (c.request.properties as PropertyMap).key : c.request.id}`),
            ["create:k2", "delete:k1"],
        );
        assert.deepEqual(cloud(), { k2: "v" });
        assert.equal(second.state.resources.length, 1);

        rec = recording(host);
        const third = ok(
            await engine(second.state, rec.proxy).up(
                program([{ name: "a", inputs: { key: "k3", value: "v" }, options: { deleteBeforeReplace: true } }]),
            ),
        );
        assert.equal(third.counts.replace, 1);
        assert.deepEqual(
            rec.calls.filter((c) => c.method === "create" || c.method === "delete").map((c) => c.method),
            ["delete", "create"],
        );
        assert.deepEqual(cloud(), { k3: "v" });
    });

    it("deletes resources the program no longer declares, dependents first", async () => {
        const specs: Spec[] = [
            { name: "base", inputs: { key: "base", value: "v" } },
            { name: "mid", inputs: { key: "mid", value: "v" }, dependsOn: ["base"] },
            { name: "top", inputs: { key: "top", value: "v" }, dependsOn: ["mid"] },
            { name: "keep", inputs: { key: "keep", value: "v" } },
        ];
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program(specs)));
        const rec = recording(host);
        const second = ok(await engine(first.state, rec.proxy, 8).up(program([specs[3]])));
        assert.equal(second.counts.delete, 3);
        assert.deepEqual(
            rec.calls.filter((c) => c.method === "delete").map((c) => c.request.id),
            ["top", "mid", "base"],
        );
        assert.deepEqual(cloud(), { keep: "v" });
    });

    it("engine imitation: Read and Delete run the code in the OUTPUTS' __provider, not the inputs'", async () => {
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program([{ name: "a", inputs: { key: "ka", value: "1" } }])));
        const refusing = await serializedRefusingProvider();
        const a = resource(first.state, "a");
        // As after a same step with new provider code: inputs hold the new code, outputs the old.
        const state = { ...first.state, resources: [{ ...a, inputs: { ...a.inputs, __provider: refusing } }] };
        const refreshed = ok(await engine(state).refresh());
        assert.equal(refreshed.state.resources.length, 1);
        ok(await engine(refreshed.state).destroy());
        assert.deepEqual(cloud(), {});
    });

    it("engine imitation: ignoreChanges keeps the old value of an ignored input", async () => {
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program([{ name: "a", inputs: { key: "ka", value: "1" } }])));
        const second = ok(
            await engine(first.state).up(program([{ name: "a", inputs: { key: "ka", value: "2" }, options: { ignoreChanges: ["value"] } }])),
        );
        assert.equal(second.counts.same, 1);
        assert.equal(resource(second.state, "a").inputs.value, "1");
        assert.deepEqual(cloud(), { ka: "1" });
    });

    it("engine imitation: secret re-marking of same-named outputs and additionalSecretOutputs; none in plain text in the state file", async () => {
        const r = ok(
            await engine(emptyState("kv-test", "dev")).up(
                program([
                    {
                        name: "a",
                        inputs: { key: "ka", value: "1", secretValue: "sekrit-value-123" },
                        secretInputs: ["secretValue"],
                        options: { additionalSecretOutputs: ["length"] },
                    },
                ]),
            ),
        );
        const a = resource(r.state, "a");
        assert.deepEqual(a.secretInputs, ["secretValue"]);
        assert.deepEqual(a.secretOutputs, ["length", "secretValue"]);
        assert.equal(a.outputs.secretValue, "sekrit-value-123"); // plain in memory, for the program
        assert.ok(!serializeState(r.state).includes("sekrit-value-123"));
    });

    it("retainOnDelete skips the Delete call; protect refuses the delete", async () => {
        const first = ok(
            await engine(emptyState("kv-test", "dev")).up(
                program([
                    { name: "kept", inputs: { key: "kept", value: "v" }, options: { retainOnDelete: true } },
                    { name: "guarded", inputs: { key: "guarded", value: "v" }, options: { protect: true } },
                ]),
            ),
        );
        const rec = recording(host);
        const destroyed = await engine(first.state, rec.proxy).destroy();
        assert.equal(destroyed.ok, false);
        assert.match(destroyed.errors.join("\n"), /guarded: the resource is protected/);
        assert.deepEqual(
            rec.calls.filter((c) => c.method === "delete"),
            [],
        );
        assert.deepEqual(
            destroyed.state.resources.map((r) => r.name),
            ["guarded"],
        );
        assert.deepEqual(cloud(), { kept: "v", guarded: "v" });
    });

    it("keeps a partially initialised resource in state with its init errors, and updates it on the next up", async () => {
        const failed = await engine(emptyState("kv-test", "dev")).up(
            program([{ name: "a", inputs: { key: "ka", value: "1", failAfterCreate: true } }]),
        );
        assert.equal(failed.ok, false);
        assert.match(failed.errors.join("\n"), /create a: ka was created but failed to initialise/);
        const a = resource(failed.state, "a");
        assert.equal(a.id, "ka");
        assert.deepEqual(a.initErrors, ["post-create step failed"]);
        const fixed = ok(await engine(failed.state).up(program([{ name: "a", inputs: { key: "ka", value: "1" } }])));
        assert.equal(fixed.counts.update, 1);
        assert.equal(resource(fixed.state, "a").initErrors, undefined);
    });

    it("refresh: takes the live outputs and inputs, reports drift, drops what is gone", async () => {
        const first = ok(
            await engine(emptyState("kv-test", "dev")).up(
                program([
                    { name: "a", inputs: { key: "ka", value: "1" } },
                    { name: "b", inputs: { key: "kb", value: "2" } },
                ]),
            ),
        );
        fs.writeFileSync(store, JSON.stringify({ ka: "changed outside" }));
        const r = ok(await engine(first.state).refresh());
        assert.deepEqual([r.drifted, r.gone], [1, 1]);
        const drift = r.events.find((e) => e.kind === "refresh" && e.name === "a");
        assert.deepEqual(drift && drift.kind === "refresh" ? drift.keys : [], ["length", "value"]);
        assert.deepEqual(
            r.state.resources.map((x) => x.name),
            ["a"],
        );
        assert.equal(resource(r.state, "a").outputs.value, "changed outside");
        assert.equal(resource(r.state, "a").inputs.value, "changed outside");
    });

    it("preview calls no Create, Update or Delete and changes nothing; expectNoChanges fails on a change", async () => {
        const first = ok(await engine(emptyState("kv-test", "dev")).up(program([{ name: "a", inputs: { key: "ka", value: "1" } }])));
        const rec = recording(host);
        const changed = program([
            { name: "a", inputs: { key: "ka", value: "2" } },
            { name: "new", inputs: { key: "kn", value: "n" } },
        ]);
        const e = engine(first.state, rec.proxy);
        const preview = ok(await e.preview(changed));
        assert.deepEqual([preview.counts.update, preview.counts.create], [1, 1]);
        assert.deepEqual([...new Set(rec.calls.map((c) => c.method))].sort(), ["check", "diff"]);
        assert.equal(e.state, first.state);
        assert.deepEqual(cloud(), { ka: "1" });
        const strict = await engine(first.state).preview(changed, { expectNoChanges: true });
        assert.equal(strict.ok, false);
        assert.match(strict.errors.join(), /no changes were expected/);
        assert.equal(
            (await engine(first.state).preview(program([{ name: "a", inputs: { key: "ka", value: "1" } }]), { expectNoChanges: true })).ok,
            true,
        );
    });

    it("runs at most `parallel` steps at once, and does run them in parallel", async () => {
        const specs = [1, 2, 3, 4, 5, 6].map((i) => ({ name: `p${i}`, inputs: { key: `p${i}`, value: "v", sleepMs: 1000 } }));
        const fresh = await startProviderHost({ cwd: __dirname, env: { ...process.env, KV_STORE: store } });
        try {
            await fresh.configure({});
            const r = ok(await engine(emptyState("kv-test", "dev"), fresh, 2).up(program(specs)));
            const seen = Math.max(...r.state.resources.map((x) => Number(x.outputs.maxInFlight)));
            assert.equal(seen, 2);
        } finally {
            await fresh.stop();
        }
    });

    it("after a failed step no new step starts, and the program receives the error", async () => {
        let programError: unknown;
        const failing: Program = async (declare) => {
            const base = { type: TYPE, custom: true, secretInputs: [], dependencies: [], options: {} };
            await declare({ ...base, name: "bad", inputs: { __provider: kv, key: "", value: "v" } }).catch((e) => (programError = e));
            await declare({ ...base, name: "later", inputs: { __provider: kv, key: "later", value: "v" } }).catch(() => undefined);
        };
        const r = await engine(emptyState("kv-test", "dev")).up(failing);
        assert.equal(r.ok, false);
        assert.match(String(programError), /check bad failed: invalid inputs: key: key is required/);
        assert.deepEqual(cloud(), {});
        assert.equal(r.state.resources.length, 0);
    });

    it("refuses two resources with one URN and non-dynamic resource types", async () => {
        const dup = await engine(emptyState("kv-test", "dev")).up(
            program([
                { name: "a", inputs: { key: "x", value: "v" } },
                { name: "a", inputs: { key: "y", value: "v" } },
            ]),
        );
        assert.match(dup.errors.join(), /duplicate resource URN/);
        const foreign: Program = async (declare) => {
            await declare({
                type: "aws:s3/bucket:Bucket",
                name: "b",
                custom: true,
                inputs: {},
                secretInputs: [],
                dependencies: [],
                options: {},
            }).catch(() => undefined);
        };
        assert.match((await engine(emptyState("kv-test", "dev")).up(foreign)).errors.join(), /only dynamic resources/);
    });
});
