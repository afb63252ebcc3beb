import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, type EmulatorAccount } from "../../../emulator";
import { coreCall, outcomeOf } from "../support/core-client";
import { ADD, DESCRIBE, emulatorFixture } from "../support/fixtures";
import { isoSeconds, signedV2, signedV3 } from "../support/official-signer";
import { captureRequest, sendRaw, tamper, type RawRequest } from "../support/raw-http";

const STS: EmulatorAccount = { accessKeyId: "STS.KEY", accessKeySecret: "sts-secret", securityToken: "token-123" };
const ADD_QUERY = { DomainName: "live.example.com", NotifyUrl: "http://cb.example.com/a(b)*c!'~%20d?x=1&y=2" };

const withQuery = (req: RawRequest, edit: (q: URLSearchParams) => void): RawRequest => {
    const [path, qs = ""] = req.url.split("?");
    const q = new URLSearchParams(qs);
    edit(q);
    return { ...req, url: `${path}?${q.toString()}` };
};

describe("emulator/wire/authenticate (over HTTP)", () => {
    const start = emulatorFixture();

    describe("the official core is accepted", () => {
        for (const signatureAlgorithm of [undefined, "v2"] as const) {
            const label = signatureAlgorithm ?? "v3 (ACS3-HMAC-SHA256)";
            it(`${label}, permanent key`, async () => {
                const emu = await start();
                const added = await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, ADD_QUERY, { signatureAlgorithm });
                assert.equal(outcomeOf(added), "OK");
                const described = await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "live.example.com" }, { signatureAlgorithm });
                assert.ok(described.ok);
                assert.equal(described.body["LiveRecordNotifyConfig"].NotifyUrl, ADD_QUERY.NotifyUrl, "special characters survive signing");
                const log = await new EmulatorAdmin(emu.url).requests();
                assert.deepEqual(
                    log.map((e) => e.signatureVersion),
                    [signatureAlgorithm ?? "v3", signatureAlgorithm ?? "v3"],
                );
            });
            it(`${label}, STS key with its token`, async () => {
                const emu = await start({ accounts: [STS] });
                assert.equal(outcomeOf(await coreCall(emu.endpoint, STS, ADD, ADD_QUERY, { signatureAlgorithm })), "OK");
            });
            it(`${label}, STS key without its token -> InvalidSecurityToken.MismatchWithAccessKey`, async () => {
                const emu = await start({ accounts: [STS] });
                const result = await coreCall(emu.endpoint, { ...STS, securityToken: undefined }, ADD, ADD_QUERY, { signatureAlgorithm });
                assert.equal(outcomeOf(result), "InvalidSecurityToken.MismatchWithAccessKey");
                assert.equal(result.ok ? 0 : result.statusCode, 400);
            });
            it(`${label}, STS key with a wrong token -> InvalidSecurityToken.MismatchWithAccessKey`, async () => {
                const emu = await start({ accounts: [STS] });
                assert.equal(
                    outcomeOf(await coreCall(emu.endpoint, { ...STS, securityToken: "token-124" }, ADD, ADD_QUERY, { signatureAlgorithm })),
                    "InvalidSecurityToken.MismatchWithAccessKey",
                );
            });
            it(`${label}, expired STS token -> InvalidSecurityToken.Expired`, async () => {
                const emu = await start({ accounts: [{ ...STS, expiresAt: Date.now() - 1 }] });
                const result = await coreCall(emu.endpoint, STS, ADD, ADD_QUERY, { signatureAlgorithm });
                assert.equal(outcomeOf(result), "InvalidSecurityToken.Expired");
                assert.equal(result.ok ? 0 : result.statusCode, 400);
            });
            it(`${label}, a token sent with a permanent key -> MismatchWithAccessKey`, async () => {
                const emu = await start();
                assert.equal(
                    outcomeOf(await coreCall(emu.endpoint, { ...DEMO_ACCOUNT, securityToken: "stray" }, ADD, ADD_QUERY, { signatureAlgorithm })),
                    "InvalidSecurityToken.MismatchWithAccessKey",
                );
            });
            it(`${label}, unknown key -> 404 InvalidAccessKeyId.NotFound`, async () => {
                const emu = await start();
                const result = await coreCall(emu.endpoint, { accessKeyId: "NOPE", accessKeySecret: "x" }, ADD, ADD_QUERY, { signatureAlgorithm });
                assert.equal(outcomeOf(result), "InvalidAccessKeyId.NotFound");
                assert.equal(result.ok ? 0 : result.statusCode, 404);
            });
            it(`${label}, wrong secret -> 400 SignatureDoesNotMatch`, async () => {
                const emu = await start();
                const result = await coreCall(
                    emu.endpoint,
                    { ...DEMO_ACCOUNT, accessKeySecret: tamper(DEMO_ACCOUNT.accessKeySecret) },
                    ADD,
                    ADD_QUERY,
                    { signatureAlgorithm },
                );
                assert.equal(outcomeOf(result), "SignatureDoesNotMatch");
                assert.equal(result.ok ? 0 : result.statusCode, 400);
            });
            it(`${label}, unknown action -> 404 InvalidAction.NotFound; wrong version -> 400 InvalidVersion`, async () => {
                const emu = await start();
                const unknown = await coreCall(emu.endpoint, DEMO_ACCOUNT, "AddLiveRecordNotifyConfigs", ADD_QUERY, { signatureAlgorithm });
                assert.equal(outcomeOf(unknown), "InvalidAction.NotFound");
                assert.equal(unknown.ok ? 0 : unknown.statusCode, 404);
                const version = await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, ADD_QUERY, { signatureAlgorithm, version: "2014-05-26" });
                assert.equal(outcomeOf(version), "InvalidVersion");
            });
        }
    });

    describe("tampering (requests captured from the official core, replayed with one change)", () => {
        it("V3: the untouched capture is accepted (baseline)", async () => {
            const emu = await start();
            const captured = await captureRequest((endpoint) => coreCall(endpoint, DEMO_ACCOUNT, ADD, ADD_QUERY));
            const res = await sendRaw(emu.port, captured);
            assert.equal(res.status, 200, res.text);
        });

        it("V3: a one-character change to each signed header -> SignatureDoesNotMatch", async () => {
            const emu = await start({ accounts: [STS] });
            const captured = await captureRequest((endpoint) => coreCall(endpoint, STS, ADD, ADD_QUERY));
            const signed = /SignedHeaders=([^,]+)/.exec(captured.headers["authorization"])![1].split(";");
            assert.ok(signed.length >= 9, `signed: ${signed.join(";")}`);
            for (const name of signed) {
                const res = await sendRaw(emu.port, { ...captured, headers: { ...captured.headers, [name]: tamper(captured.headers[name]) } });
                assert.equal(res.json?.Code, "SignatureDoesNotMatch", `header ${name}: ${res.text}`);
                assert.equal(res.status, 400);
            }
            assert.equal((await sendRaw(emu.port, captured)).status, 200, "the original still works: tampered requests used no nonce");
        });

        it("V3: a changed, added or removed parameter -> SignatureDoesNotMatch", async () => {
            const emu = await start();
            const captured = await captureRequest((endpoint) => coreCall(endpoint, DEMO_ACCOUNT, ADD, ADD_QUERY));
            const variants = [
                withQuery(captured, (q) => q.set("DomainName", tamper(q.get("DomainName")!))),
                withQuery(captured, (q) => q.set("NotifyUrl", tamper(q.get("NotifyUrl")!))),
                withQuery(captured, (q) => q.set("NeedStatusNotify", "true")),
                withQuery(captured, (q) => q.delete("NotifyUrl")),
            ];
            for (const variant of variants) {
                const res = await sendRaw(emu.port, variant);
                assert.equal(res.json?.Code, "SignatureDoesNotMatch", variant.url);
            }
        });

        it("V3: a one-character change to the signature, or a body the signature did not cover -> SignatureDoesNotMatch", async () => {
            const emu = await start();
            const captured = await captureRequest((endpoint) => coreCall(endpoint, DEMO_ACCOUNT, ADD, ADD_QUERY));
            const auth = captured.headers["authorization"];
            const badSig = await sendRaw(emu.port, { ...captured, headers: { ...captured.headers, authorization: tamper(auth) } });
            assert.equal(badSig.json?.Code, "SignatureDoesNotMatch");
            const withBody = await sendRaw(emu.port, { ...captured, body: "x" });
            assert.equal(withBody.json?.Code, "SignatureDoesNotMatch");
        });

        it("V2: a one-character change to each signed parameter -> SignatureDoesNotMatch", async () => {
            const emu = await start({ accounts: [STS] });
            const captured = await captureRequest((endpoint) => coreCall(endpoint, STS, ADD, ADD_QUERY, { signatureAlgorithm: "v2" }));
            const names = [...new URLSearchParams(captured.url.split("?")[1]).keys()];
            assert.ok(names.includes("SecurityToken") && names.includes("Timestamp"), names.join(","));
            for (const name of names) {
                if (name === "AccessKeyId") continue; // selects the secret: a changed id is an unknown key (below)
                const res = await sendRaw(
                    emu.port,
                    withQuery(captured, (q) => q.set(name, tamper(q.get(name)!))),
                );
                assert.equal(res.json?.Code, "SignatureDoesNotMatch", `param ${name}: ${res.text}`);
            }
            const otherKey = await sendRaw(
                emu.port,
                withQuery(captured, (q) => q.set("AccessKeyId", tamper(q.get("AccessKeyId")!))),
            );
            assert.equal(otherKey.json?.Code, "InvalidAccessKeyId.NotFound");
            assert.equal((await sendRaw(emu.port, captured)).status, 200, "baseline");
        });
    });

    describe("replay, clock skew and malformed authentication", () => {
        const setup = async (options = {}) => {
            const emu = await start(options);
            assert.equal(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, ADD_QUERY)), "OK");
            return emu;
        };

        for (const signatureAlgorithm of [undefined, "v2"] as const) {
            it(`${signatureAlgorithm ?? "v3"}: replaying an identical request -> SignatureNonceUsed`, async () => {
                const emu = await setup();
                const captured = await captureRequest((endpoint) =>
                    coreCall(endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "live.example.com" }, { signatureAlgorithm }),
                );
                assert.equal((await sendRaw(emu.port, captured)).status, 200);
                const replay = await sendRaw(emu.port, captured);
                assert.equal(replay.status, 400);
                assert.equal(replay.json.Code, "SignatureNonceUsed");
            });

            it(`${signatureAlgorithm ?? "v3"}: with maxClockSkewSeconds 0 a replay is accepted`, async () => {
                const emu = await setup({ maxClockSkewSeconds: 0 });
                const captured = await captureRequest((endpoint) =>
                    coreCall(endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "live.example.com" }, { signatureAlgorithm }),
                );
                assert.equal((await sendRaw(emu.port, captured)).status, 200);
                assert.equal((await sendRaw(emu.port, captured)).status, 200);
            });
        }

        it("nonces are per access key: the same nonce from another key is fine", async () => {
            const other = { accessKeyId: "OTHER", accessKeySecret: "other-secret" };
            const emu = await start({ accounts: [DEMO_ACCOUNT, other] });
            const nonce = "fixed-nonce-0001";
            for (const key of [DEMO_ACCOUNT, other]) {
                const req = signedV3({ endpoint: emu.endpoint, ...key, action: DESCRIBE, query: { DomainName: "x.example.com" }, nonce });
                assert.equal((await sendRaw(emu.port, req)).json.Code, "InvalidConfig.NotFound", "authenticated");
            }
        });

        it("a timestamp more than 15 minutes off, either way -> InvalidTimeStamp.Expired; 14 minutes is fine", async () => {
            for (const [offsetMinutes, expected] of [
                [16, "InvalidTimeStamp.Expired"],
                [-16, "InvalidTimeStamp.Expired"],
                [14, "InvalidConfig.NotFound"],
                [-14, "InvalidConfig.NotFound"],
            ] as const) {
                const emu = await start({ now: () => Date.now() + offsetMinutes * 60_000 });
                for (const signatureAlgorithm of [undefined, "v2"] as const) {
                    const result = await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" }, { signatureAlgorithm });
                    assert.equal(outcomeOf(result), expected, `${offsetMinutes} min, ${signatureAlgorithm ?? "v3"}`);
                }
                await emu.stop();
            }
        });

        it("the skew window follows maxClockSkewSeconds, and 0 turns it off", async () => {
            const tight = await start({ maxClockSkewSeconds: 60, now: () => Date.now() + 120_000 });
            assert.equal(
                outcomeOf(await coreCall(tight.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" })),
                "InvalidTimeStamp.Expired",
            );
            const off = await start({ maxClockSkewSeconds: 0, now: () => Date.now() + 86_400_000 });
            assert.equal(outcomeOf(await coreCall(off.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "x.example.com" })), "InvalidConfig.NotFound");
        });

        it("a correctly signed but unparseable timestamp -> InvalidTimeStamp.Format", async () => {
            const emu = await start();
            const v3 = signedV3({
                endpoint: emu.endpoint,
                ...DEMO_ACCOUNT,
                action: DESCRIBE,
                query: { DomainName: "x.example.com" },
                date: "yesterday",
            });
            assert.equal((await sendRaw(emu.port, v3)).json.Code, "InvalidTimeStamp.Format");
            const v2 = signedV2({ ...DEMO_ACCOUNT, action: DESCRIBE, params: { DomainName: "x.example.com" }, timestamp: "2026-13-45 10:00" });
            assert.equal((await sendRaw(emu.port, v2)).json.Code, "InvalidTimeStamp.Format");
        });

        it("missing or garbled authentication -> 400 IncompleteSignature", async () => {
            const emu = await start();
            const good = signedV3({ endpoint: emu.endpoint, ...DEMO_ACCOUNT, action: DESCRIBE, query: { DomainName: "x.example.com" } });
            const unsigned = {
                method: "POST",
                url: "/?DomainName=x.example.com",
                headers: { "x-acs-action": DESCRIBE, "x-acs-version": "2016-11-01" },
            };
            const { ["x-acs-signature-nonce"]: _n, ...noNonce } = good.headers;
            const cases: RawRequest[] = [
                unsigned,
                { ...good, headers: { ...good.headers, authorization: "ACS3-HMAC-SHA256 nonsense" } },
                { ...good, headers: { ...good.headers, authorization: "Basic dXNlcjpwYXNz" } },
                { ...good, headers: noNonce },
                signedV2({ ...DEMO_ACCOUNT, action: DESCRIBE, params: { DomainName: "x.example.com" }, overrides: { SignatureNonce: "" } }),
            ];
            for (const req of cases) {
                const res = await sendRaw(emu.port, req);
                assert.equal(res.status, 400, res.text);
                assert.equal(res.json.Code, "IncompleteSignature", JSON.stringify(req.headers));
            }
        });

        it("an STS token header that is not signed -> IncompleteSignature", async () => {
            const emu = await start({ accounts: [STS] });
            const req = signedV3({ endpoint: emu.endpoint, ...STS, action: DESCRIBE, query: { DomainName: "x.example.com" } });
            const res = await sendRaw(emu.port, { ...req, headers: { ...req.headers, "x-acs-security-token": STS.securityToken! } });
            assert.equal(res.json.Code, "IncompleteSignature");
            assert.match(res.json.Message, /x-acs-security-token/);
        });

        it("V2 signed with an unsupported SignatureVersion -> IncompleteSignature", async () => {
            const emu = await start();
            const req = signedV2({
                ...DEMO_ACCOUNT,
                action: DESCRIBE,
                params: { DomainName: "x.example.com" },
                overrides: { SignatureVersion: "2.0" },
            });
            assert.equal((await sendRaw(emu.port, req)).json.Code, "IncompleteSignature");
        });

        it("a signature is checked before the timestamp it covers", async () => {
            const emu = await start();
            const req = signedV3({
                endpoint: emu.endpoint,
                ...DEMO_ACCOUNT,
                action: DESCRIBE,
                query: { DomainName: "x.example.com" },
                date: isoSeconds(Date.now() - 3_600_000),
            });
            assert.equal((await sendRaw(emu.port, req)).json.Code, "InvalidTimeStamp.Expired");
            const forged = { ...req, headers: { ...req.headers, "x-acs-date": isoSeconds(Date.now()) } };
            assert.equal((await sendRaw(emu.port, forged)).json.Code, "SignatureDoesNotMatch", "refreshing the date of a stale request is forgery");
        });
    });
});
