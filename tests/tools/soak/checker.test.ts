import { strict as assert } from "node:assert";
import type { StoredConfig } from "../../../emulator";
import { emptyState, type ResourceState, type StackState } from "../../../tools/host-driver/state";
import { canonicalConfig, type CanonicalConfig } from "../../../provider/client/normalize";
import { findDivergences, readFailure, type CheckInput } from "../../../tools/soak/checker";
import type { ResourceSpec } from "../../../tools/soak/model";

const A: CanonicalConfig = { domainName: "a.soak.example.com", notifyUrl: "https://cb.example.com/a", needStatusNotify: false, notifyReqAuth: false };
const B: CanonicalConfig = {
    domainName: "b.soak.example.com",
    notifyUrl: "https://cb.example.com/b",
    needStatusNotify: true,
    notifyReqAuth: true,
    notifyAuthKey: "CheckerTestKey0123",
};

function resource(name: string, config: CanonicalConfig, extra: Partial<ResourceState> = {}): ResourceState {
    return {
        urn: `urn:pulumi:soak::soak::t::${name}`,
        type: "t",
        name,
        id: config.domainName,
        inputs: { __provider: "p", ...config },
        outputs: { __provider: "p", ...config },
        secretInputs: [],
        secretOutputs: [],
        dependencies: [],
        options: {},
        ...extra,
    };
}

const stored = (c: CanonicalConfig): StoredConfig => ({ accountId: "1", ...c });
const state = (...resources: ResourceState[]): StackState => ({ ...emptyState("soak", "soak"), resources });

function check(overrides: Partial<CheckInput>): string[] {
    const input: CheckInput = { state: state(), cloud: [], drift: new Map(), stepOk: true, touched: new Set(), ...overrides };
    return findDivergences(input).map((d) => `${d.kind} ${d.domain}`);
}

describe("tools/soak/checker", () => {
    it("finds nothing when state and cloud agree", () => {
        assert.deepEqual(check({ state: state(resource("a", A), resource("b", B)), cloud: [stored(B), stored(A)] }), []);
    });

    it("an orphan (in the cloud, in no resource) is a divergence even after a failed step", () => {
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A), stored(B)] }), ["orphan b.soak.example.com"]);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A), stored(B)], stepOk: false, touched: new Set(["a", "b"]) }), [
            "orphan b.soak.example.com",
        ]);
    });

    it("a lost config is a divergence unless a failed step was working on it or the state marks it doubtful", () => {
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [] }), ["lost a.soak.example.com"]);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [], stepOk: false, touched: new Set(["a"]) }), []);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [], stepOk: false, touched: new Set(["other"]) }), [
            "lost a.soak.example.com",
        ]);
        assert.deepEqual(check({ state: state(resource("a", A, { initErrors: ["may have been created"] })), cloud: [] }), []);
    });

    it("a field that differs is silently wrong when the step succeeded, tolerated on a resource a failed step touched", () => {
        const cloud = [stored({ ...B, notifyAuthKey: "AnotherKeyValue0123" })];
        const found = findDivergences({ state: state(resource("b", B)), cloud, drift: new Map(), stepOk: true, touched: new Set() });
        assert.equal(found.length, 1);
        assert.equal(found[0].kind, "wrong-field");
        assert.match(found[0].detail, /notifyAuthKey/);
        assert.ok(!found[0].detail.includes("CheckerTestKey0123") && !found[0].detail.includes("AnotherKeyValue0123"), "no key in the report");
        assert.deepEqual(check({ state: state(resource("b", B)), cloud, stepOk: false, touched: new Set(["b"]) }), []);
    });

    it("compares canonical forms: an omitted false or an empty string is no difference", () => {
        const r = resource("a", A, { outputs: { __provider: "p", domainName: A.domainName, notifyUrl: A.notifyUrl, onDemandUrl: "" } });
        assert.deepEqual(check({ state: state(r), cloud: [stored(A)] }), []);
    });

    it("an out-of-band change is expected exactly as made, until refreshed or rewritten", () => {
        const drifted = { ...A, notifyUrl: "https://elsewhere.example.net/a" };
        const drift = new Map([[A.domainName, drifted]]);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(drifted)], drift }), []);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A)], drift }), ["wrong-field a.soak.example.com"]);
        const deleted = new Map([[A.domainName, null]]);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [], drift: deleted }), []);
        assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A)], drift: deleted }), ["resurrected a.soak.example.com"]);
    });

    it("two resources with one id are a divergence", () => {
        assert.deepEqual(check({ state: state(resource("a", A), resource("a2", A)), cloud: [stored(A)] }), ["duplicate a.soak.example.com"]);
    });

    describe("after a successful up: the state holds exactly what the program declares", () => {
        const declared = (entries: Array<[string, ResourceSpec]>) => new Map(entries);

        it("passes when it does, domain case and omitted defaults aside", () => {
            const spec: ResourceSpec = { domainName: "A.Soak.Example.com", notifyUrl: A.notifyUrl, needStatusNotify: false };
            assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A)], declared: declared([["a", spec]]) }), []);
        });

        it("flags a declared resource that is missing or holds other values, and one that is not declared", () => {
            const other: ResourceSpec = { domainName: A.domainName, notifyUrl: "https://cb.example.com/new" };
            assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A)], declared: declared([["a", other]]) }), [
                "intent a.soak.example.com",
            ]);
            assert.deepEqual(check({ state: state(), cloud: [], declared: declared([["a", other]]) }), ["intent a.soak.example.com"]);
            assert.deepEqual(check({ state: state(resource("a", A)), cloud: [stored(A)], declared: declared([]) }), [
                "not-declared a.soak.example.com",
            ]);
        });

        it("flags a replaced resource left pending deletion and init errors left behind", () => {
            const pending = resource("a", B, { pendingDelete: true });
            const spec: ResourceSpec = { domainName: A.domainName, notifyUrl: A.notifyUrl };
            assert.deepEqual(check({ state: state(resource("a", A), pending), cloud: [stored(A), stored(B)], declared: declared([["a", spec]]) }), [
                "left-pending b.soak.example.com",
            ]);
            const doubtful = resource("a", A, { initErrors: ["x"] });
            assert.deepEqual(check({ state: state(doubtful), cloud: [stored(A)], declared: declared([["a", spec]]) }), ["intent a.soak.example.com"]);
        });

        it("is not applied after a failed step", () => {
            assert.deepEqual(
                check({
                    state: state(),
                    cloud: [],
                    stepOk: false,
                    declared: declared([["a", { domainName: A.domainName, notifyUrl: A.notifyUrl }]]),
                }),
                [],
            );
        });
    });

    describe("readFailure", () => {
        it("reads the action and the code of a LiveApiError message", () => {
            const r = readFailure(
                "UpdateLiveRecordNotifyConfig failed (ServiceUnavailable, HTTP 503): The request has failed. The service or the network failed temporarily; retry later. (after 7 attempts, 2.9 s waited)",
            );
            assert.deepEqual(r, {
                clear: true,
                action: "UpdateLiveRecordNotifyConfig",
                cause: "ServiceUnavailable, HTTP 503",
                outOfBandDeletion: false,
            });
        });

        it("takes the service's message as the cause when there is no code, and a cause-less message is unclear", () => {
            assert.equal(
                readFailure("AddLiveRecordNotifyConfig failed: socket hang up The service or the network failed temporarily.").cause,
                "socket hang up The service or the network failed temporarily.",
            );
            assert.equal(readFailure("AddLiveRecordNotifyConfig failed: no message Unexpected error.").clear, false);
            assert.equal(readFailure("Error: something broke").clear, false);
            assert.equal(readFailure("14 UNAVAILABLE: No connection established").clear, false);
        });

        it("accepts the provider's out-of-band-deletion advice, which names the cause and the remedy", () => {
            const r = readFailure(
                "The recording callback configuration of x.example.com no longer exists: it was deleted outside Pulumi. Run `pulumi refresh`.",
            );
            assert.equal(r.clear, true);
            assert.equal(r.outOfBandDeletion, true);
        });
    });

    it("canonicalConfig is what both sides are compared in (sanity: a stored config maps onto the state's form)", () => {
        assert.deepEqual(canonicalConfig(stored(B)), B);
    });
});
