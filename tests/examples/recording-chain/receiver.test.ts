/**
 * examples/recording-chain's receiver alone, over loopback HTTP: signed recording callbacks at /record
 * are accepted and kept, unsigned ones refused; the on-demand query at /on-demand is answered "record,
 * as MP4"; other paths (the snapshot and stream callbacks' URLs) answer 404 and are not kept.
 * (tests/cli/recording-chain.test.ts runs it against the emulator after a real deploy.)
 */
import { strict as assert } from "node:assert";
import { callbackSignature } from "../../../provider/callbacks";
import { startChainReceiver, type RunningChainReceiver } from "../../../examples/recording-chain/receiver";

const HOST = "hooks.example.com";
/** A fixed test key (16-32 letters and digits), not a secret of anything. */
const KEY = "ChainReceiverKey0123";
const STATUS = { domain: "live.example.com", app: "live", stream: "cam1", event: "record_started" };

describe("examples/recording-chain/receiver", () => {
    let receiver: RunningChainReceiver;
    const refusals: string[] = [];
    before(async () => {
        receiver = await startChainReceiver({ callbackHost: HOST, key: KEY, log: (line) => refusals.push(line) });
    });
    after(() => receiver?.close());

    const post = (path: string, headers: Record<string, string> = {}) =>
        fetch(`${receiver.origin}${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify(STATUS),
        });

    it("accepts a recording callback signed with its key for its host, and refuses an unsigned one", async () => {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signed = await post("/live/record", { "ALI-LIVE-TIMESTAMP": timestamp, "ALI-LIVE-SIGNATURE": callbackSignature(HOST, timestamp, KEY) });
        assert.equal(signed.status, 200);
        const unsigned = await post("/live/record");
        assert.equal(unsigned.status, 401);
        assert.deepEqual(
            receiver.accepted.map((c) => c.kind === "status" && c.event),
            ["record_started"],
        );
        assert.equal(refusals.length, 1);
    });

    it("answers the on-demand query: record, as MP4", async () => {
        const answer = await fetch(`${receiver.origin}/live/on-demand?domain=live.example.com&app=live&stream=cam1&codec=h264&vbitrate=2000`);
        assert.equal(answer.status, 200);
        assert.deepEqual(await answer.json(), { ApiVersion: "1.0", NeedRecord: true, Format: ["mp4"] });
        assert.deepEqual(
            receiver.asked.map((q) => q.stream),
            ["cam1"],
        );
    });

    it("answers 404 on the other callbacks' paths and keeps nothing from them", async () => {
        for (const path of ["/live/snapshot", "/live/stream"]) assert.equal((await post(path)).status, 404, path);
        assert.equal((await fetch(`${receiver.origin}/live/record`)).status, 404, "GET /record");
        assert.equal(receiver.accepted.length, 1);
    });
});
