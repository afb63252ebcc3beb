/**
 * Delivering one callback: signed as documented (checked with node's MD5 here, not the emulator's),
 * the Host header kept, retries counted on timeouts and refusals, an unreachable receiver recorded
 * without a crash, the key never in a record. Timings are shortened through the options.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { createServer } from "node:net";
import { HttpCallbackSender } from "../../../emulator/callbacks/callback-delivery";
import { resolveCallbackOptions, type CallbackDeliveryOptions } from "../../../emulator/callbacks/callback-options";
import { receiverFixture, type TestReceiver } from "../support/callback-receiver";

const KEY = "DeliveryTestKey0123456";
const URL_ = "https://hooks.example.com/live/record";
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");
const FAST: CallbackDeliveryOptions = { timeoutMs: 150, retries: 5, retryIntervalMs: 10 };

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

describe("emulator/callbacks/callback-delivery", function () {
    this.timeout(30_000);
    const startReceiver = receiverFixture();
    let receiver: TestReceiver;
    const senders: HttpCallbackSender[] = [];
    const sender = (timings: CallbackDeliveryOptions = FAST, origin = receiver.origin, now = Date.now) => {
        const s = new HttpCallbackSender(resolveCallbackOptions({ "hooks.example.com": origin }, timings), now);
        senders.push(s);
        return s;
    };

    beforeEach(async () => {
        receiver = await startReceiver();
    });
    afterEach(() => senders.splice(0).forEach((s) => s.stop()));

    it("POSTs JSON with the documented signature over the URL's own host, to the override's address", async () => {
        const body = { domain: "live.example.com", app: "a", stream: "s", event: "record_started" };
        const { record } = await sender(FAST, receiver.origin, () => 1764547200_500).send({
            kind: "record_started",
            method: "POST",
            url: URL_,
            body,
            notifyAuthKey: KEY,
        });
        assert.equal(receiver.received.length, 1);
        const got = receiver.received[0];
        assert.equal(got.method, "POST");
        assert.equal(got.url, "/live/record");
        assert.equal(got.headers.host, "hooks.example.com");
        assert.equal(got.headers["content-type"], "application/json");
        assert.deepEqual(JSON.parse(got.body), body);
        assert.equal(got.headers["ali-live-timestamp"], "1764547200");
        assert.equal(got.headers["ali-live-signature"], md5(`hooks.example.com|1764547200|${KEY}`));
        assert.equal(record.outcome, "delivered");
        assert.equal(record.deliveredTo, receiver.origin);
        assert.equal(record.signed, true);
        assert.deepEqual(
            record.attempts.map((a) => [a.n, a.status, a.timestamp]),
            [[1, 200, "1764547200"]],
        );
        assert.ok(!JSON.stringify(record).includes(KEY));
    });

    it("sends no signature headers without a key", async () => {
        const { record } = await sender().send({ kind: "file_generated", method: "POST", url: URL_, body: {} });
        assert.equal(record.signed, false);
        assert.equal(receiver.received[0].headers["ali-live-signature"], undefined);
        assert.equal(receiver.received[0].headers["ali-live-timestamp"], undefined);
    });

    it("a receiver that never answers: 1 try + 5 retries, each a timeout, then failed", async () => {
        receiver.behave(() => "hang");
        const { record } = await sender().send({ kind: "record_started", method: "POST", url: URL_, body: {}, notifyAuthKey: KEY });
        assert.equal(record.outcome, "failed");
        assert.equal(record.attempts.length, 6);
        assert.equal(receiver.received.length, 6);
        assert.ok(
            record.attempts.every((a) => a.error === "timeout after 150 ms" && a.status === undefined),
            JSON.stringify(record.attempts),
        );
        assert.ok(
            record.attempts.every((a) => a.elapsedMs >= 140),
            "each attempt waited for the timeout",
        );
    });

    it("retries a non-2xx answer until one succeeds, and re-signs each attempt", async () => {
        receiver.behave((_r, n) => (n < 3 ? { status: 503 } : { status: 200 }));
        let clock = 1764547200_000;
        const { record } = await sender(FAST, receiver.origin, () => (clock += 1000)).send({
            kind: "record_started",
            method: "POST",
            url: URL_,
            body: {},
            notifyAuthKey: KEY,
        });
        assert.equal(record.outcome, "delivered");
        assert.deepEqual(
            record.attempts.map((a) => a.status),
            [503, 503, 200],
        );
        const stamps = receiver.received.map((r) => r.headers["ali-live-timestamp"]);
        assert.deepEqual(stamps, ["1764547201", "1764547202", "1764547203"]);
        receiver.received.forEach((r, i) => assert.equal(r.headers["ali-live-signature"], md5(`hooks.example.com|${stamps[i]}|${KEY}`)));
    });

    it("an unreachable receiver: no crash, every attempt recorded with the error", async () => {
        const port = await closedPort();
        const { record } = await sender({ ...FAST, retries: 2 }, `http://127.0.0.1:${port}`).send({
            kind: "file_generated",
            method: "POST",
            url: URL_,
            body: {},
        });
        assert.equal(record.outcome, "failed");
        assert.deepEqual(
            record.attempts.map((a) => a.error),
            ["ECONNREFUSED", "ECONNREFUSED", "ECONNREFUSED"],
        );
        assert.match(record.reason ?? "", /no 2xx answer in 3 attempt/);
    });

    it("waits retryIntervalMs between attempts", async () => {
        receiver.behave(() => ({ status: 500 }));
        const started = Date.now();
        const { record } = await sender({ timeoutMs: 1000, retries: 2, retryIntervalMs: 200 }).send({
            kind: "file_generated",
            method: "POST",
            url: URL_,
            body: {},
        });
        assert.equal(record.attempts.length, 3);
        assert.ok(Date.now() - started >= 380, `two pauses of 200 ms (took ${Date.now() - started} ms)`);
    });

    it("refuses a loopback URL without an override, and makes no attempt", async () => {
        const { record } = await sender().send({ kind: "file_generated", method: "POST", url: `${receiver.origin}/x`, body: {} });
        assert.equal(record.outcome, "refused");
        assert.equal(record.attempts.length, 0);
        assert.equal(receiver.received.length, 0);
    });

    it("GET carries the query and hands back the answer's body", async () => {
        receiver.behave(() => ({ status: 200, body: { NeedRecord: true } }));
        const result = await sender().send({ kind: "on_demand", method: "GET", url: "http://hooks.example.com/od?domain=d&app=a" });
        assert.equal(receiver.received[0].method, "GET");
        assert.equal(receiver.received[0].url, "/od?domain=d&app=a");
        assert.deepEqual(JSON.parse(result.responseBody!), { NeedRecord: true });
    });

    it("stop() cancels a delivery in flight at once, even with the documented 5 s timeout", async () => {
        receiver.behave(() => "hang");
        const s = sender({});
        const pending = s.send({ kind: "record_started", method: "POST", url: URL_, body: {} });
        while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 10));
        const stoppedAt = Date.now();
        s.stop();
        const { record } = await pending;
        assert.equal(record.outcome, "cancelled");
        assert.ok(Date.now() - stoppedAt < 2000, "did not wait for the timeout");
        assert.equal(record.attempts.length, 1);
    });
});
