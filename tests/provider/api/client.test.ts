import { strict as assert } from "node:assert";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { LiveClient } from "../../../provider/client/live-client";
import { liveApiRejection } from "../../support/rejection";

/** A loopback server that records requests and answers what each test scripts. */
interface Seen {
    method: string;
    url: URL;
    headers: http.IncomingHttpHeaders;
    body: string;
}
type Answer = (req: Seen, res: http.ServerResponse) => void;

describe("provider/api/client (wire format against a scripted loopback server)", () => {
    let server: http.Server;
    let port: number;
    let seen: Seen[];
    let answer: Answer;

    before(async () => {
        server = http.createServer((req, res) => {
            let body = "";
            req.on("data", (c) => (body += c));
            req.on("end", () => {
                const s = { method: req.method ?? "", url: new URL(req.url ?? "/", "http://x"), headers: req.headers, body };
                seen.push(s);
                answer(s, res);
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as AddressInfo).port;
    });
    after(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    });
    beforeEach(() => {
        seen = [];
        answer = (_req, res) => json(res, 200, { RequestId: "OK-1" });
    });

    const client = (extra: Partial<ConstructorParameters<typeof LiveClient>[0]> = {}) =>
        new LiveClient({ endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: "AKID", accessKeySecret: "secret-value-1" }, ...extra });

    it("sends an ACS3-signed POST with business parameters in the query and an empty body", async () => {
        const r = await client().add({
            domainName: "a.example.com",
            notifyUrl: "https://cb.example.com/n?x=1",
            needStatusNotify: true,
            notifyReqAuth: false,
        });
        assert.deepEqual(r, { requestId: "OK-1" });
        const [req] = seen;
        assert.equal(req.method, "POST");
        assert.equal(req.url.pathname, "/");
        assert.deepEqual(Object.fromEntries(req.url.searchParams), {
            DomainName: "a.example.com",
            NotifyUrl: "https://cb.example.com/n?x=1",
            NeedStatusNotify: "true",
            NotifyReqAuth: "false",
        });
        assert.equal(req.body, "");
        assert.equal(req.headers["x-acs-action"], "AddLiveRecordNotifyConfig");
        assert.equal(req.headers["x-acs-version"], "2016-11-01");
        assert.match(String(req.headers.authorization), /^ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$/);
        assert.match(String(req.headers["user-agent"]), /pulumi-alicloud-live/);
        assert.ok(!JSON.stringify(req).includes("secret-value-1"), "the secret never travels");
    });

    it("sends the legacy RPC HMAC-SHA1 form with signatureVersion v2, and the STS token", async () => {
        answer = (_req, res) =>
            json(res, 200, { RequestId: "D-2", LiveRecordNotifyConfig: { DomainName: "a.example.com", NotifyUrl: "https://x/y" } });
        await client({ signatureVersion: "v2", credentials: { accessKeyId: "STS.ID", accessKeySecret: "s", securityToken: "tok" } }).describe({
            domainName: "a.example.com",
        });
        const q = Object.fromEntries(seen[0].url.searchParams);
        assert.equal(q.Action, "DescribeLiveRecordNotifyConfig");
        assert.equal(q.Version, "2016-11-01");
        assert.equal(q.SignatureMethod, "HMAC-SHA1");
        assert.equal(q.AccessKeyId, "STS.ID");
        assert.equal(q.SecurityToken, "tok");
        assert.equal(q.DomainName, "a.example.com");
        assert.ok(q.Signature);
    });

    it("signs every call afresh (new nonce each time)", async () => {
        const c = client();
        await c.delete({ domainName: "a.example.com" });
        await c.delete({ domainName: "a.example.com" });
        assert.notEqual(seen[0].headers["x-acs-signature-nonce"], seen[1].headers["x-acs-signature-nonce"]);
    });

    it("reads a Describe answer", async () => {
        answer = (_req, res) =>
            json(res, 200, {
                RequestId: "D-1",
                LiveRecordNotifyConfig: {
                    DomainName: "a.example.com",
                    NotifyUrl: "https://x/y",
                    NeedStatusNotify: true,
                    NotifyReqAuth: false,
                    OnDemandUrl: "",
                    NotifyAuthKey: "",
                },
            });
        const r = await client().describe({ domainName: "a.example.com" });
        assert.deepEqual(r, {
            requestId: "D-1",
            config: { domainName: "a.example.com", notifyUrl: "https://x/y", needStatusNotify: true, notifyReqAuth: false },
            authKeyView: { kind: "clear" },
        });
    });

    it("sends booleans as the official SDK does (true/false), one request per call; a refusal is the caller's error, never a second request", async () => {
        answer = (_req, res) =>
            json(res, 400, { RequestId: "B-1", Code: "InvalidParameter", Message: "Specified parameter NeedStatusNotify is not valid." });
        const c = client();
        const config = { domainName: "a.example.com", notifyUrl: "https://x", needStatusNotify: true, notifyReqAuth: false };
        assert.equal((await liveApiRejection(c.add(config))).code, "InvalidParameter");
        assert.equal((await liveApiRejection(c.update(config))).code, "InvalidParameter");
        const flags = seen.map((s) => s.url.searchParams.get("NeedStatusNotify") ?? new URLSearchParams(s.body).get("NeedStatusNotify"));
        assert.deepEqual(flags, ["true", "true"], "one request per call, in the SDK's form");
    });

    it("reads a Describe that answers yes/no as booleans", async () => {
        answer = (_req, res) =>
            json(res, 200, {
                RequestId: "D-2",
                LiveRecordNotifyConfig: { DomainName: "a.example.com", NotifyUrl: "https://x/y", NeedStatusNotify: "yes", NotifyReqAuth: "no" },
            });
        const r = await client().describe({ domainName: "a.example.com" });
        assert.deepEqual([r.config.needStatusNotify, r.config.notifyReqAuth], [true, false]);
    });

    it("reads a 200 Describe with an empty LiveRecordNotifyConfig as not found", async () => {
        answer = (_req, res) => json(res, 200, { RequestId: "E-1", LiveRecordNotifyConfig: {} });
        const e = await liveApiRejection(client().describe({ domainName: "a.example.com" }));
        assert.equal(e.kind, "not-found");
        assert.equal(e.requestId, "E-1");
        assert.equal(e.mayHaveApplied, false);
    });

    it("throws LiveApiError for a throttle, with the service's code, request id and retry-after", async () => {
        answer = (_req, res) =>
            json(
                res,
                400,
                { RequestId: "T-1", HostId: "live.aliyuncs.com", Code: "Throttling.User", Message: "Request was denied due to user flow control." },
                { "x-acs-retry-after": "250" },
            );
        const e = await liveApiRejection(client().update({ domainName: "a.example.com", notifyUrl: "https://x" }));
        assert.equal(e.kind, "throttled");
        assert.equal(e.code, "Throttling.User");
        assert.equal(e.statusCode, 400);
        assert.equal(e.requestId, "T-1");
        assert.equal(e.retryAfterMs, 250);
        assert.equal(e.action, "UpdateLiveRecordNotifyConfig");
    });

    it("throws not-found for a 404 InvalidConfig.NotFound", async () => {
        answer = (_req, res) => json(res, 404, { RequestId: "N-1", Code: "InvalidConfig.NotFound", Message: "Config does not exist." });
        const e = await liveApiRejection(client().describe({ domainName: "a.example.com" }));
        assert.equal(e.kind, "not-found");
        assert.match(e.message, /Config does not exist\..*RequestId: N-1/);
    });

    it("classifies an HTML 502 from a gateway as transient", async () => {
        answer = (_req, res) => {
            res.writeHead(502, { "content-type": "text/html" });
            res.end("<html>bad gateway</html>");
        };
        const e = await liveApiRejection(client().describe({ domainName: "a.example.com" }));
        assert.equal(e.kind, "transient");
    });

    it("classifies a dropped connection as transient and possibly applied", async () => {
        answer = (_req, res) => res.socket?.destroy();
        const e = await liveApiRejection(client().add({ domainName: "a.example.com", notifyUrl: "https://x" }));
        assert.equal(e.kind, "transient");
        assert.equal(e.mayHaveApplied, true);
    });

    it("classifies a refused connection as an unreachable endpoint, not applied, named by its host", async () => {
        const probe = http.createServer();
        await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
        const freePort = (probe.address() as AddressInfo).port;
        await new Promise((resolve) => probe.close(resolve));
        const c = new LiveClient({ endpoint: `http://127.0.0.1:${freePort}`, credentials: { accessKeyId: "a", accessKeySecret: "b" } });
        const e = await liveApiRejection(c.add({ domainName: "a.example.com", notifyUrl: "https://x" }));
        assert.equal(e.kind, "unreachable");
        assert.equal(e.mayHaveApplied, false);
        assert.equal(e.host, `127.0.0.1:${freePort}`);
        assert.ok(e.message.startsWith(`AddLiveRecordNotifyConfig failed (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:${freePort}. `), e.message);
        assert.ok(e.message.includes(`127.0.0.1:${freePort} refuses connections`), e.message);
        assert.ok(!e.message.includes("POST "), `no fragment of the HTTP layer: ${e.message}`);
    });

    it("a host that does not resolve: unreachable, named, in one sentence without the HTTP layer's fragments", async () => {
        const c = new LiveClient({ endpoint: "https://live.first-contact.invalid", credentials: { accessKeyId: "a", accessKeySecret: "b" } });
        const e = await liveApiRejection(c.describe({ domainName: "a.example.com" }));
        assert.equal(e.kind, "unreachable");
        assert.equal(e.code, "ENOTFOUND");
        assert.equal(e.mayHaveApplied, false);
        assert.equal(
            e.message,
            "DescribeLiveRecordNotifyConfig failed (ENOTFOUND): getaddrinfo ENOTFOUND live.first-contact.invalid. " +
                "The host name live.first-contact.invalid does not resolve: check the endpoint setting for a typo or another region's host, " +
                "and that this machine can resolve it.",
        );
    });

    it("times out a silent server as a transient failure", async () => {
        answer = () => undefined; // never answers
        const e = await liveApiRejection(client({ readTimeoutMs: 300 }).describe({ domainName: "a.example.com" }));
        assert.equal(e.kind, "transient");
        assert.equal(e.mayHaveApplied, true);
    });

    it("validates options eagerly with the option's name", () => {
        assert.throws(() => new LiveClient({}), /needs `credentials`/);
        assert.throws(() => new LiveClient({ credentials: { accessKeyId: "", accessKeySecret: "x" } }), /credentials.accessKeyId/);
        assert.throws(() => new LiveClient({ credentials: { accessKeyId: "a", accessKeySecret: "b" }, readTimeoutMs: 0 }), /readTimeoutMs/);
        assert.throws(
            () => new LiveClient({ credentials: { accessKeyId: "a", accessKeySecret: "b" }, signatureVersion: "v4" as never }),
            /signatureVersion/,
        );
        assert.throws(() => new LiveClient({ credentials: { accessKeyId: "a", accessKeySecret: "b" }, endpoint: "http://10.1.2.3" }), /non-loopback/);
    });
});

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
}
