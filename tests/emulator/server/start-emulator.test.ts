import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, MAX_BODY_BYTES, startEmulator, type EmulatorAccount } from "../../../emulator";
import { coreCall, outcomeOf } from "../support/core-client";
import { ADD, DESCRIBE, emulatorFixture } from "../support/fixtures";
import { signedV2, signedV3 } from "../support/official-signer";
import { sendRaw } from "../support/raw-http";

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
const URL_A = "http://cb.example.com/x";
/** Generous: stopping takes milliseconds, but the machine may be loaded. */
const STOP_BOUND_MS = 10_000;

/** `promise`, or a failure naming `what` if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
    });
    try {
        return await Promise.race([promise, late]);
    } finally {
        clearTimeout(timer);
    }
}

describe("emulator/server/start-emulator", () => {
    const start = emulatorFixture();

    it("binds 127.0.0.1 on a free port by default and reports url, endpoint and port", async () => {
        const emu = await start();
        assert.ok(emu.port > 0);
        assert.equal(emu.endpoint, `127.0.0.1:${emu.port}`);
        assert.equal(emu.url, `http://127.0.0.1:${emu.port}`);
    });

    it("every answer carries an upper-case UUID RequestId in the body and in x-acs-request-id", async () => {
        const emu = await start();
        const ok = await sendRaw(
            emu.port,
            signedV3({ endpoint: emu.endpoint, ...DEMO_ACCOUNT, action: ADD, query: { DomainName: "a.example.com", NotifyUrl: URL_A } }),
        );
        const err = await sendRaw(
            emu.port,
            signedV3({ endpoint: emu.endpoint, ...DEMO_ACCOUNT, action: DESCRIBE, query: { DomainName: "b.example.com" } }),
        );
        const unauth = await sendRaw(emu.port, { method: "POST", url: "/", headers: {} });
        for (const res of [ok, err, unauth]) {
            assert.match(res.json.RequestId, REQUEST_ID);
            assert.equal(res.headers["x-acs-request-id"], res.json.RequestId);
            assert.equal(res.headers["content-type"], "application/json;charset=utf-8");
        }
        assert.notEqual(ok.json.RequestId, err.json.RequestId);
    });

    it("error bodies have exactly the service's fields", async () => {
        const emu = await start();
        const res = await sendRaw(
            emu.port,
            signedV3({ endpoint: emu.endpoint, ...DEMO_ACCOUNT, action: DESCRIBE, query: { DomainName: "b.example.com" } }),
        );
        assert.equal(res.status, 404);
        assert.deepEqual(Object.keys(res.json).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
        assert.equal(res.json.HostId, "live.aliyuncs.com");
        assert.equal(res.json.Code, "InvalidConfig.NotFound");
        assert.equal(typeof res.json.Recommend, "string");
        assert.match(res.json.Recommend, /^https:\/\/.*InvalidConfig\.NotFound/);
    });

    it("takes V2 parameters from a GET query and from a POST form body", async () => {
        const emu = await start();
        const viaGet = await sendRaw(
            emu.port,
            signedV2({ ...DEMO_ACCOUNT, action: ADD, method: "GET", params: { DomainName: "get.example.com", NotifyUrl: URL_A } }),
        );
        assert.equal(viaGet.status, 200, viaGet.text);
        const viaForm = await sendRaw(
            emu.port,
            signedV2({ ...DEMO_ACCOUNT, action: ADD, inBody: true, params: { DomainName: "form.example.com", NotifyUrl: URL_A } }),
        );
        assert.equal(viaForm.status, 200, viaForm.text);
        assert.deepEqual((await new EmulatorAdmin(emu.url).configs()).map((c) => c.domainName).sort(), ["form.example.com", "get.example.com"]);
    });

    it("takes V3 business parameters from a signed form body", async () => {
        const emu = await start();
        const res = await sendRaw(
            emu.port,
            signedV3({
                endpoint: emu.endpoint,
                ...DEMO_ACCOUNT,
                action: ADD,
                formBody: { DomainName: "form.example.com", NotifyUrl: URL_A, NeedStatusNotify: "yes" },
            }),
        );
        assert.equal(res.status, 200, res.text);
        assert.equal((await new EmulatorAdmin(emu.url).configs())[0].needStatusNotify, true);
    });

    it("refuses other methods with 405 UnsupportedHTTPMethod and huge bodies with 413", async () => {
        const emu = await start();
        const put = await sendRaw(emu.port, { method: "PUT", url: "/", headers: {} });
        assert.equal(put.status, 405);
        assert.equal(put.json.Code, "UnsupportedHTTPMethod");
        const big = await sendRaw(emu.port, {
            method: "POST",
            url: "/",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: Buffer.alloc(MAX_BODY_BYTES + 1, 97),
        });
        assert.equal(big.status, 413);
        assert.equal(big.json.Code, "RequestEntityTooLarge");
    });

    it("rejects invalid options at start with a precise message", async () => {
        await assert.rejects(startEmulator({ writeQps: -1 }), /startEmulator: options.writeQps must be a positive finite number \(got -1\)/);
    });

    it("fails to start on a port already in use", async () => {
        const emu = await start();
        await assert.rejects(startEmulator({ port: emu.port }), /EADDRINUSE/);
    });

    it("stop() closes idle keep-alive connections and is idempotent", async () => {
        const emu = await start();
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
            const { socket, connection } = await new Promise<{ socket: Socket; connection: string | undefined }>((resolve, reject) => {
                const req = httpRequest({ host: "127.0.0.1", port: emu.port, path: "/_emulator/stats", agent }, (res) => {
                    res.resume();
                    res.on("end", () => resolve({ socket: req.socket!, connection: res.headers.connection }));
                });
                req.on("error", reject);
                req.end();
            });
            assert.equal(connection, "keep-alive", "the emulator keeps the connection open after answering");
            assert.equal(socket.destroyed, false, "the idle connection is open before stop()");
            const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
            await within(emu.stop(), STOP_BOUND_MS, "stop() resolves with a keep-alive connection open");
            await within(closed, STOP_BOUND_MS, "the idle keep-alive connection is closed by stop()");
            assert.equal(socket.destroyed, true);
            await within(emu.stop(), STOP_BOUND_MS, "a second stop() resolves");
        } finally {
            agent.destroy();
        }
    });

    it("stop() during an injected delay ends the request without applying it", async () => {
        const dir = mkdtempSync(join(tmpdir(), "emulator-stop-"));
        try {
            const stateFile = join(dir, "state.json");
            const emu = await start({ stateFile });
            const admin = new EmulatorAdmin(emu.url);
            const id = await admin.addFault({ action: ADD, latencyMs: 60_000 });
            const pending = coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "slow.example.com", NotifyUrl: URL_A });
            // Inside its delay once the rule has matched it: the emulator sleeps right after matching.
            const deadline = Date.now() + 10_000;
            while ((await admin.faults()).find((f) => f.id === id)?.matched !== 1) {
                assert.ok(Date.now() < deadline, "the request never reached its injected delay");
                await new Promise((r) => setTimeout(r, 20));
            }
            const began = Date.now();
            await emu.stop();
            const result = await pending;
            assert.ok(Date.now() - began < 10_000);
            assert.ok(!result.ok && result.statusCode === undefined, "no answer");
            const again = await start({ stateFile });
            assert.deepEqual(await new EmulatorAdmin(again.url).configs(), [], "the delayed write never happened");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("keeps configs across a restart with stateFile", async () => {
        const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
        try {
            const stateFile = join(dir, "state.json");
            const first = await start({ stateFile });
            assert.equal(
                outcomeOf(
                    await coreCall(first.endpoint, DEMO_ACCOUNT, ADD, {
                        DomainName: "keep.example.com",
                        NotifyUrl: URL_A,
                        NotifyReqAuth: true,
                        NotifyAuthKey: "abcdefghijklmnop",
                    }),
                ),
                "OK",
            );
            await first.stop();
            const second = await start({ stateFile });
            const d = await coreCall(second.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "keep.example.com" });
            assert.ok(d.ok);
            assert.equal(d.body["LiveRecordNotifyConfig"].NotifyAuthKey, "abcdefghijklmnop");
            assert.deepEqual(readdirSync(dir), ["state.json"]);
            await new EmulatorAdmin(second.url).reset();
            const third = await start({ stateFile, port: 0 });
            assert.deepEqual(await new EmulatorAdmin(third.url).configs(), [], "reset also clears the file");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses to start on a state file that is not one", async () => {
        const dir = mkdtempSync(join(tmpdir(), "emulator-badstate-"));
        try {
            const stateFile = join(dir, "state.json");
            writeFileSync(stateFile, "[]");
            await assert.rejects(startEmulator({ stateFile }), /not an emulator state file/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the request log never holds a secret: no key secret, STS token, signature, NotifyAuthKey or URL", async () => {
        const sts: EmulatorAccount = { accessKeyId: "STS.KEY", accessKeySecret: "sts-secret-VALUE", securityToken: "sts-token-VALUE" };
        const emu = await start({ accounts: [DEMO_ACCOUNT, sts] });
        const authKey = "AuthKeyValue1234XYZ";
        await coreCall(emu.endpoint, sts, ADD, {
            DomainName: "s.example.com",
            NotifyUrl: "http://secret-url.example.com/cb",
            NotifyReqAuth: true,
            NotifyAuthKey: authKey,
        });
        await coreCall(
            emu.endpoint,
            sts,
            ADD,
            { DomainName: "t.example.com", NotifyUrl: URL_A, NotifyReqAuth: true, NotifyAuthKey: authKey },
            { signatureAlgorithm: "v2" },
        );
        await coreCall(emu.endpoint, { ...sts, accessKeySecret: "wrong" }, ADD, {
            DomainName: "u.example.com",
            NotifyUrl: URL_A,
            NotifyAuthKey: authKey,
        });
        await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "v.example.com", NotifyUrl: URL_A, NotifyAuthKey: "short" });
        const admin = new EmulatorAdmin(emu.url);
        const dump = JSON.stringify([await admin.requests(), await admin.stats()]);
        assert.equal((await admin.requests()).length, 4);
        for (const secret of [
            authKey,
            "short",
            sts.accessKeySecret,
            sts.securityToken!,
            DEMO_ACCOUNT.accessKeySecret,
            "secret-url",
            "ACS3-HMAC",
            "Credential=",
        ]) {
            assert.ok(!dump.includes(secret), `log contains ${secret}`);
        }
        assert.doesNotMatch(dump, /[0-9a-f]{64}/, "no V3 signature or nonce");
        assert.doesNotMatch(dump, /[A-Za-z0-9+/]{27}=/, "no V2 signature");
    });
});
