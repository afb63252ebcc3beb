import { strict as assert } from "node:assert";
import { callSpanSeconds, cliPhaseNumbers, type CliPhaseInput } from "../../bench/cli-metrics";
import type { RequestLogEntry } from "../../emulator/wire/request-log";

const QUOTAS = { writeQps: 30, readQps: 50 };

function input(overrides: Partial<CliPhaseInput>): CliPhaseInput {
    return {
        phase: "create",
        planned: 300,
        wallMs: 21_000,
        exitCode: 0,
        events: { completed: { create: 300 }, failedUrns: [], errorSamples: [], unreadableLines: 0 },
        calls: { total: 310, throttled: 10, ok: 300 },
        callSpanSeconds: 10.5,
        ...overrides,
    };
}

let seq = 0;
const entry = (ms: number, action: string, outcome = "OK", accessKeyId = "K"): RequestLogEntry => ({
    seq: ++seq,
    time: new Date(ms).toISOString(),
    action,
    accessKeyId,
    status: outcome === "OK" ? 200 : 400,
    outcome,
    requestId: `id-${seq}`,
});

describe("bench/cli-metrics", () => {
    it("subtracts the no-op up from the wall time and divides by the floor of the phase's quota", () => {
        const create = cliPhaseNumbers(input({}), 9_000, QUOTAS);
        assert.equal(create.floorSeconds, 10); // 300 Adds at 30/s
        assert.equal(create.netSeconds, 12);
        assert.equal(create.ratio, 1.2);
        assert.equal(create.rawRatio, 2.1);
        assert.equal(create.callSpanRatio, 1.05);
        assert.equal(create.throttledShare, 10 / 310);
        const refresh = cliPhaseNumbers(
            input({
                phase: "refresh",
                wallMs: 15_000,
                events: { completed: { same: 299, update: 1 }, failedUrns: [], errorSamples: [], unreadableLines: 0 },
            }),
            9_000,
            QUOTAS,
        );
        assert.equal(refresh.floorSeconds, 6); // 300 Describes at 50/s
        assert.equal(refresh.ratio, 1);
        assert.equal(refresh.succeeded, 300);
    });

    it("a phase quicker than the no-op up has no negative net time", () => {
        const n = cliPhaseNumbers(input({ phase: "destroy", wallMs: 5_000 }), 9_000, QUOTAS);
        assert.deepEqual([n.netSeconds, n.ratio], [0, 0]);
    });

    it("resources neither finished nor failed are unfinished (the command stopped before their turn)", () => {
        const n = cliPhaseNumbers(
            input({ exitCode: 255, events: { completed: { create: 200 }, failedUrns: ["u1", "u2"], errorSamples: ["boom"], unreadableLines: 0 } }),
            9_000,
            QUOTAS,
        );
        assert.deepEqual([n.succeeded, n.failed, n.unfinished, n.errorSamples], [200, 2, 98, ["boom"]]);
    });

    it("callSpanSeconds: first to last OK call of the action by the key in the window, plus one quota interval", () => {
        const t0 = Date.parse("2026-12-01T09:00:00.000Z");
        const entries = [
            entry(t0 - 5_000, "AddLiveRecordNotifyConfig"), // before the window
            entry(t0 + 1_000, "AddLiveRecordNotifyConfig"),
            entry(t0 + 2_000, "AddLiveRecordNotifyConfig", "Throttling.User"),
            entry(t0 + 3_000, "DescribeLiveRecordNotifyConfig"),
            entry(t0 + 4_000, "AddLiveRecordNotifyConfig", "OK", "OTHER"),
            entry(t0 + 5_000, "AddLiveRecordNotifyConfig"),
        ];
        const window = { fromMs: t0, toMs: t0 + 10_000 };
        assert.equal(callSpanSeconds(entries, "K", "AddLiveRecordNotifyConfig", 20, window), 4.05);
        assert.equal(callSpanSeconds(entries, "K", "DeleteLiveRecordNotifyConfig", 20, window), 0);
    });
});
