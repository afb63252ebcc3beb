import { strict as assert } from "node:assert";
import type { ProviderHost } from "../../tools/host-driver/host";
import { HostRpcError } from "../../tools/host-driver/rpc-error";
import type { PropertyMap } from "../../tools/host-driver/struct";
import { PhaseDriver } from "../../bench/driver";

interface FakeOptions {
    /** Milliseconds each create/update/delete takes. */
    readonly opMs?: number;
    /** Names whose create fails (with an init failure when the value is "partial"). */
    readonly failCreate?: ReadonlyMap<string, "plain" | "partial">;
    /** Names whose create never answers. */
    readonly hang?: ReadonlySet<string>;
    readonly diffChanges?: "some" | "none";
}

/** A stand-in for the provider host: records calls and concurrency, answers per `options`. */
function fakeHost(options: FakeOptions = {}) {
    const log: string[] = [];
    let running = 0;
    let checking = 0;
    const seen = { maxRunning: 0, maxChecking: 0 };
    const op = async <T>(what: string, value: T, name?: string): Promise<T> => {
        log.push(what);
        running++;
        seen.maxRunning = Math.max(seen.maxRunning, running);
        try {
            if (name !== undefined && options.hang?.has(name)) await new Promise(() => undefined);
            await new Promise((resolve) => setTimeout(resolve, options.opMs ?? 1));
            return value;
        } finally {
            running--;
        }
    };
    const check = async (news: PropertyMap) => {
        checking++;
        seen.maxChecking = Math.max(seen.maxChecking, checking);
        await new Promise((resolve) => setImmediate(resolve));
        checking--;
        return { inputs: { ...news, checked: true }, failures: [] };
    };
    const host = {
        async check(req: { news: PropertyMap }) {
            return check(req.news);
        },
        async diff() {
            return { changes: options.diffChanges ?? "some", replaces: [], deleteBeforeReplace: false };
        },
        async create(req: { name?: string; properties: PropertyMap }) {
            const name = req.name!;
            const failure = options.failCreate?.get(name);
            if (failure === "plain") {
                await op(`create ${name}`, undefined);
                throw new HostRpcError("create", 2, `no ${name}`);
            }
            if (failure === "partial") {
                await op(`create ${name}`, undefined);
                throw new HostRpcError("create", 2, `half ${name}`, { id: name, properties: { half: true }, reasons: ["r"] });
            }
            return op(`create ${name}`, { id: name, properties: { ...req.properties, out: true } }, name);
        },
        async update(req: { name?: string; news: PropertyMap }) {
            return op(`update ${req.name}`, { properties: { ...req.news, out: true } });
        },
        async delete(req: { name?: string }) {
            await op(`delete ${req.name}`, undefined);
        },
    };
    return { host: host as unknown as ProviderHost, log, seen };
}

const resources = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `r${i}`, inputs: { domainName: `r${i}.example.com` } }));

describe("bench/driver: PhaseDriver", () => {
    it("creates, updates and deletes every resource: Checks one at a time, steps at most `parallel` at once", async () => {
        const { host, log, seen } = fakeHost({ opMs: 5 });
        const driver = new PhaseDriver({ host, parallel: 4, cutOffAt: Date.now() + 60_000 });
        try {
            const created = await driver.create(resources(20));
            assert.deepEqual([created.succeeded, created.failed, created.cutOff, created.planned], [20, 0, 0, 20]);
            assert.equal(driver.liveCount, 20);
            const updated = await driver.update((_name, inputs) => ({ ...inputs, notifyUrl: "https://new.example.com" }));
            assert.deepEqual([updated.succeeded, updated.failed], [20, 0]);
            const deleted = await driver.delete();
            assert.deepEqual([deleted.succeeded, deleted.failed], [20, 0]);
            assert.equal(driver.liveCount, 0);
            assert.equal(seen.maxChecking, 1, "Checks ran concurrently");
            assert.ok(seen.maxRunning <= 4 && seen.maxRunning >= 2, `max ${seen.maxRunning} steps at once`);
            assert.equal(log.filter((l) => l.startsWith("create ")).length, 20);
            assert.equal(log.filter((l) => l.startsWith("update ")).length, 20);
            assert.equal(log.filter((l) => l.startsWith("delete ")).length, 20);
            assert.ok(created.wallMs >= 0 && updated.wallMs >= 0);
        } finally {
            driver.close();
        }
    });

    it("goes on after failures (continue-on-error), counts them, keeps a few samples, and deletes partial creations", async () => {
        const failCreate = new Map<string, "plain" | "partial">([
            ["r1", "plain"],
            ["r2", "plain"],
            ["r3", "plain"],
            ["r4", "plain"],
            ["r5", "partial"],
        ]);
        const { host, log } = fakeHost({ failCreate });
        const driver = new PhaseDriver({ host, parallel: 3, cutOffAt: Date.now() + 60_000 });
        try {
            const created = await driver.create(resources(10));
            assert.deepEqual([created.succeeded, created.failed], [5, 5]);
            assert.equal(created.errorSamples.length, 3);
            assert.ok(
                created.errorSamples.every((s) => /^(no|half) r\d$/.test(s)),
                created.errorSamples.join(" | "),
            );
            // The partially created r5 is in state, as the engine keeps it.
            assert.equal(driver.liveCount, 6);
            const deleted = await driver.delete();
            assert.equal(deleted.succeeded, 6);
            assert.ok(log.includes("delete r5"));
            assert.ok(!log.includes("delete r1"));
        } finally {
            driver.close();
        }
    });

    it("an update whose diff is not an in-place change is a failed operation", async () => {
        const { host, log } = fakeHost({ diffChanges: "none" });
        const driver = new PhaseDriver({ host, parallel: 2, cutOffAt: Date.now() + 60_000 });
        try {
            await driver.create(resources(2));
            const updated = await driver.update((_n, inputs) => inputs);
            assert.deepEqual([updated.succeeded, updated.failed], [0, 2]);
            assert.match(updated.errorSamples[0], /expected an in-place update, got changes=none/);
            assert.equal(log.filter((l) => l.startsWith("update ")).length, 0);
        } finally {
            driver.close();
        }
    });

    it("at the cut-off stops waiting: steps in flight and not started are cut off, later phases do nothing", async () => {
        const { host, log } = fakeHost({ hang: new Set(["r0", "r1"]), opMs: 1 });
        const started = Date.now();
        const driver = new PhaseDriver({ host, parallel: 2, cutOffAt: started + 300 });
        try {
            const created = await driver.create(resources(6));
            const took = Date.now() - started;
            assert.ok(took >= 250 && took < 10_000, `returned after ${took} ms`);
            assert.equal(driver.cut, true);
            // r0 and r1 hang on both workers, so nothing else ever starts.
            assert.deepEqual([created.succeeded, created.failed, created.cutOff], [0, 0, 6]);
            assert.deepEqual(log.filter((l) => l.startsWith("create ")).sort(), ["create r0", "create r1"]);
            const deleted = await driver.delete();
            assert.deepEqual([deleted.planned, deleted.succeeded], [0, 0]);
        } finally {
            driver.close();
        }
    });

    it("checks parallel", () => {
        assert.throws(() => new PhaseDriver({ host: fakeHost().host, parallel: 0, cutOffAt: 0 }), /parallel must be an integer >= 1/);
    });
});
