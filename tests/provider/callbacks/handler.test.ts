import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, type CallbackHandlerOptions } from "../../../provider/callbacks/handler";
import type { RecordingCallback } from "../../../provider/callbacks/payloads";

const HOST = "hooks.example.com";
const KEY = "HandlerTestKey0123456789";
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const signedHeaders = (key = KEY, ts = nowSeconds()) => ({ "ALI-LIVE-TIMESTAMP": String(ts), "ALI-LIVE-SIGNATURE": md5(`${HOST}|${ts}|${key}`) });
const STATUS = { domain: "live.example.com", app: "app", stream: "s1", event: "record_started" };

describe("provider/callbacks/handler (node:http)", () => {
    let server: Server | undefined;
    let url = "";
    let received: RecordingCallback[] = [];
    let logged: string[] = [];

    async function serve(
        options: Partial<CallbackHandlerOptions>,
        wrap?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
    ): Promise<void> {
        const handler = createCallbackHandler({
            host: HOST,
            key: KEY,
            onRecording: (c) => void received.push(c),
            log: (l) => logged.push(l),
            ...options,
        });
        server = createServer((req, res) => (wrap ? wrap(req, res, () => handler(req, res)) : handler(req, res)));
        await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    const post = (body: string, headers: Record<string, string> = signedHeaders()) =>
        fetch(`${url}/record`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

    beforeEach(() => {
        received = [];
        logged = [];
    });
    afterEach(async () => {
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
        server = undefined;
    });

    it("accepts a signed recording callback and hands over the parsed payload", async () => {
        await serve({});
        const res = await post(JSON.stringify(STATUS));
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { ok: true });
        assert.deepEqual(received, [{ kind: "status", ...STATUS }]);
    });

    it("refuses unsigned, wrongly signed and stale callbacks with 401 and the reason; the callback is not handed over", async () => {
        await serve({});
        const cases: Array<[Record<string, string>, string]> = [
            [{}, "missing-timestamp"],
            [signedHeaders("AnotherKey0123456789"), "signature-mismatch"],
            [signedHeaders(KEY, nowSeconds() - 3600), "stale-timestamp"],
        ];
        for (const [headers, reason] of cases) {
            const res = await post(JSON.stringify(STATUS), headers);
            assert.equal(res.status, 401);
            assert.equal(((await res.json()) as { error: string }).error, reason);
        }
        assert.equal(received.length, 0);
        assert.equal(logged.length, 3);
        assert.ok(
            logged.every((l) => !l.includes(KEY)),
            logged.join("\n"),
        );
    });

    it("answers 400 naming the problem for a body that is not JSON or misses fields", async () => {
        await serve({});
        let res = await post("{oops");
        assert.equal(res.status, 400);
        assert.match(((await res.json()) as { message: string }).message, /not valid JSON/);
        res = await post(JSON.stringify({ domain: "d", app: "a", uri: "x" }));
        assert.equal(res.status, 400);
        assert.match(((await res.json()) as { message: string }).message, /"stream" must be a non-empty string.*"duration"/);
    });

    it("asks the key function on every request, so a rotated key takes effect at once", async () => {
        let current = KEY;
        await serve({ key: () => current });
        assert.equal((await post(JSON.stringify(STATUS))).status, 200);
        current = "RotatedKey0123456789";
        assert.equal((await post(JSON.stringify(STATUS))).status, 401);
        assert.equal((await post(JSON.stringify(STATUS), signedHeaders(current))).status, 200);
    });

    it("accepts unsigned callbacks when no key is configured", async () => {
        await serve({ key: undefined });
        assert.equal((await post(JSON.stringify(STATUS), {})).status, 200);
    });

    it("answers the on-demand GET with the builder's JSON (default NeedRecord false)", async () => {
        await serve({});
        let res = await fetch(`${url}/on-demand?domain=d.example.com&app=a&stream=s&codec=h265&vbitrate=800`);
        assert.deepEqual(await res.json(), { ApiVersion: "1.0", NeedRecord: false });
        await new Promise<void>((resolve) => server!.close(() => resolve()));
        const asked: unknown[] = [];
        await serve({ onDemand: (q) => (asked.push(q), { needRecord: true, format: ["mp4"] }) });
        res = await fetch(`${url}/on-demand?domain=d.example.com&app=a&stream=s&codec=h265&vbitrate=800`);
        assert.deepEqual(await res.json(), { ApiVersion: "1.0", NeedRecord: true, Format: ["mp4"] });
        assert.deepEqual(asked, [{ domain: "d.example.com", app: "a", stream: "s", codec: "h265", vbitrate: 800 }]);
        res = await fetch(`${url}/on-demand?domain=d.example.com`);
        assert.equal(res.status, 400);
    });

    it("requires a signature on the on-demand GET only when asked to", async () => {
        await serve({ verifyOnDemand: true });
        const q = `${url}/?domain=d.example.com&app=a&stream=s&codec=h264&vbitrate=1`;
        assert.equal((await fetch(q)).status, 401);
        assert.equal((await fetch(q, { headers: signedHeaders() })).status, 200);
    });

    it("answers 405 to other methods, 500 without details when the receiver's code fails", async () => {
        await serve({ onRecording: () => Promise.reject(new Error(`database password ${KEY}`)) });
        assert.equal((await fetch(`${url}/`, { method: "PUT" })).status, 405);
        const res = await post(JSON.stringify(STATUS));
        assert.equal(res.status, 500);
        const text = await res.text();
        assert.ok(!text.includes(KEY) && !logged.join("\n").includes(KEY), text);
    });

    it("refuses a host with a port or scheme when it is created, not at the first callback", () => {
        assert.throws(() => createCallbackHandler({ host: "https://hooks.example.com" }), /createCallbackHandler: host must be a bare hostname/);
    });

    it("uses a body a framework already parsed (Express's express.json())", async () => {
        await serve({}, (req, _res, next) => {
            let raw = "";
            req.on("data", (c: Buffer) => (raw += c.toString()));
            req.on("end", () => {
                (req as { body?: unknown }).body = JSON.parse(raw);
                next();
            });
        });
        assert.equal((await post(JSON.stringify(STATUS))).status, 200);
        assert.equal(received.length, 1);
    });
});
