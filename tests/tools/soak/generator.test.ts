import { strict as assert } from "node:assert";
import { sameConfig } from "../../../provider/client/normalize";
import { checkInputs } from "../../../provider/resource/check";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../../../provider/resources/live-record-notify-config/definition";
import { generateSequence, type Step } from "../../../tools/soak/generator";
import { intendedConfig, type ResourceSpec } from "../../../tools/soak/model";
import { seededRandom } from "../../../tools/soak/random";

const OPTIONS = { steps: 40, resources: 4, prefix: "s9" };

function sequence(seed: number): Step[] {
    return generateSequence(seededRandom(seed), OPTIONS);
}

describe("tools/soak/generator", () => {
    it("is reproducible from the seed and varies with it", () => {
        assert.deepEqual(sequence(11), sequence(11));
        assert.notDeepEqual(JSON.stringify(sequence(11), replacer), JSON.stringify(sequence(12), replacer));
    });

    it("starts by creating, mixes every kind of step and change over many sequences", () => {
        const kinds = new Set<string>();
        for (let seed = 0; seed < 30; seed++) {
            const steps = sequence(seed);
            assert.equal(steps[0].kind, "up");
            assert.ok(steps[0].kind === "up" && steps[0].changes.every((c) => c.kind === "create"));
            for (const s of steps) {
                kinds.add(s.kind);
                if (s.kind === "up") for (const c of s.changes) kinds.add(c.kind);
                if (s.kind === "up" && s.refresh) kinds.add("up --refresh");
                if (s.kind === "out-of-band") kinds.add(`out-of-band ${s.change.action}`);
            }
        }
        for (const k of ["up", "refresh", "create", "update", "replace", "delete", "up --refresh", "out-of-band modify", "out-of-band delete"]) {
            assert.ok(kinds.has(k), `no ${k} in 30 sequences`);
        }
    });

    it("declares what its changes say, within the resource limit, with valid inputs and unique domains", () => {
        for (let seed = 0; seed < 30; seed++) {
            const declared = new Map<string, ResourceSpec>();
            const domains = new Map<string, string>();
            for (const step of sequence(seed)) {
                if (step.kind === "out-of-band") {
                    assert.ok(declared.has(step.name), `out-of-band change of undeclared ${step.name}`);
                    continue;
                }
                if (step.kind !== "up") continue;
                assert.ok(step.changes.length >= 1 && step.changes.length <= 3);
                assert.equal(new Set(step.changes.map((c) => c.name)).size, step.changes.length, "one change per resource per step");
                for (const c of step.changes) {
                    const old = declared.get(c.name);
                    if (c.kind === "create") assert.equal(old, undefined);
                    else assert.ok(old, `${c.kind} of undeclared ${c.name}`);
                    if (c.kind === "delete") {
                        declared.delete(c.name);
                        continue;
                    }
                    if (c.kind === "update") assert.ok(!sameConfig(intendedConfig(c.spec), intendedConfig(old!)), "an update that changes nothing");
                    if (c.kind === "update") assert.equal(c.spec.domainName, old!.domainName);
                    if (c.kind === "replace") assert.notEqual(c.spec.domainName.toLowerCase(), old!.domainName.toLowerCase());
                    const owner = domains.get(c.spec.domainName.toLowerCase());
                    assert.ok(owner === undefined || owner === c.name, `domain ${c.spec.domainName} reused`);
                    domains.set(c.spec.domainName.toLowerCase(), c.name);
                    const checked = checkInputs(LIVE_RECORD_NOTIFY_CONFIG, { ...c.spec });
                    assert.deepEqual(checked.failures ?? [], [], `generated inputs fail check: ${JSON.stringify(c.spec)}`);
                    declared.set(c.name, c.spec);
                }
                assert.ok(declared.size <= OPTIONS.resources);
                assert.deepEqual([...step.declared.entries()], [...declared.entries()]);
            }
        }
    });

    it("with keepsOnDemandUrl, updates change on-demand URLs but never remove one", () => {
        let removable = 0;
        for (let seq = 0; seq < 200; seq++) {
            for (const keeps of [false, true]) {
                const steps = generateSequence(seededRandom(3).fork(seq), { steps: 8, resources: 4, prefix: "k", keepsOnDemandUrl: keeps });
                const seen = new Map<string, string | undefined>();
                for (const step of steps) {
                    if (step.kind !== "up") continue;
                    for (const c of step.changes) {
                        if (c.kind === "update" && seen.get(c.name) !== undefined && c.spec.onDemandUrl === undefined) {
                            assert.ok(!keeps, `sequence ${seq}: ${c.name} lost its on-demand URL in an update`);
                            removable++;
                        }
                        if (c.kind !== "delete") seen.set(c.name, c.spec.onDemandUrl);
                    }
                }
            }
        }
        assert.ok(removable > 20, `without the option, updates remove on-demand URLs (${removable} times)`);
    });

    it("validates its options", () => {
        assert.throws(() => generateSequence(seededRandom(1), { ...OPTIONS, steps: 0 }), /steps must be a positive integer/);
        assert.throws(() => generateSequence(seededRandom(1), { ...OPTIONS, resources: 0 }), /resources must be a positive integer/);
    });
});

function replacer(_key: string, value: unknown): unknown {
    return value instanceof Map ? [...value.entries()] : value;
}
