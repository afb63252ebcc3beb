import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, type EmulatorAccount } from "../../../emulator";
import { coreCall, outcomeOf, type CoreResult } from "../support/core-client";
import { ADD, DELETE, DESCRIBE, emulatorFixture, UPDATE } from "../support/fixtures";

const DOMAIN = "live.example.com";
const URL_A = "http://learn.aliyundoc.com/examplecallback.action";
const URL_B = "https://guide.aliyundoc.com/ondemandcallback.action";
const KEY = "testkeyyourkey12";

const statusOf = (r: CoreResult): number => (r.ok ? r.statusCode : (r.statusCode ?? -1));

describe("emulator/api/actions (over HTTP, through the official core)", () => {
    const start = emulatorFixture();
    let call: (action: string, query: Record<string, string | boolean | undefined>, key?: EmulatorAccount) => Promise<CoreResult>;
    let admin: EmulatorAdmin;

    const reader: EmulatorAccount = { accessKeyId: "READER", accessKeySecret: "reader-secret", readOnly: true, accountId: "1000000000000001" };
    const colleague: EmulatorAccount = { accessKeyId: "COLLEAGUE", accessKeySecret: "colleague-secret", accountId: "1000000000000001" };
    const owner: EmulatorAccount = { accessKeyId: "OWNER", accessKeySecret: "owner-secret", accountId: "1000000000000001" };
    const stranger: EmulatorAccount = { accessKeyId: "STRANGER", accessKeySecret: "stranger-secret", accountId: "2000000000000002" };

    beforeEach(async () => {
        const emu = await start({ accounts: [DEMO_ACCOUNT, reader, colleague, owner, stranger] });
        admin = new EmulatorAdmin(emu.url);
        call = (action, query, key = DEMO_ACCOUNT) => coreCall(emu.endpoint, key, action, query);
    });

    describe("AddLiveRecordNotifyConfig", () => {
        it("stores the config and answers a RequestId only", async () => {
            const r = await call(ADD, {
                DomainName: DOMAIN,
                NotifyUrl: URL_A,
                OnDemandUrl: URL_B,
                NeedStatusNotify: true,
                NotifyReqAuth: true,
                NotifyAuthKey: KEY,
            });
            assert.ok(r.ok);
            assert.deepEqual(Object.keys(r.body), ["RequestId"]);
            const [stored] = await admin.configs();
            assert.deepEqual(
                { ...stored, accountId: undefined },
                {
                    accountId: undefined,
                    domainName: DOMAIN,
                    notifyUrl: URL_A,
                    onDemandUrl: URL_B,
                    needStatusNotify: true,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY,
                },
            );
        });

        it("on an existing config -> 400 ConfigAlreadyExists, state unchanged", async () => {
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A })), "OK");
            const r = await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_B });
            assert.equal(outcomeOf(r), "ConfigAlreadyExists");
            assert.equal(statusOf(r), 400);
            assert.equal(r.ok ? "" : r.data?.["Message"], "Config has already exist.");
            assert.equal((await admin.configs())[0].notifyUrl, URL_A);
        });

        it("matches domains case-insensitively", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN.toUpperCase(), NotifyUrl: URL_A })), "ConfigAlreadyExists");
        });

        it("accepts booleans as true/false or yes/no in any case", async () => {
            for (const [i, [status, auth]] of [
                ["yes", "No"],
                ["TRUE", "false"],
                ["no", "YES"],
            ].entries()) {
                const domain = `b${i}.example.com`;
                assert.equal(
                    outcomeOf(
                        await call(ADD, { DomainName: domain, NotifyUrl: URL_A, NeedStatusNotify: status, NotifyReqAuth: auth, NotifyAuthKey: KEY }),
                    ),
                    "OK",
                );
                const d = await call(DESCRIBE, { DomainName: domain });
                assert.ok(d.ok);
                assert.equal(d.body["LiveRecordNotifyConfig"].NeedStatusNotify, /^(yes|true)$/i.test(status));
                assert.equal(d.body["LiveRecordNotifyConfig"].NotifyReqAuth, /^(yes|true)$/i.test(auth));
            }
        });

        it("ignores the SDK-only OwnerId and SecurityToken business parameters", async () => {
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, OwnerId: "123", SecurityToken: "whatever" })), "OK");
        });
    });

    describe("DescribeLiveRecordNotifyConfig", () => {
        it('returns every field: JSON booleans, "" for unset strings, the key in clear text', async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
            const bare = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(bare.ok);
            assert.deepEqual(bare.body, {
                RequestId: bare.body["RequestId"],
                LiveRecordNotifyConfig: {
                    DomainName: DOMAIN,
                    NotifyUrl: URL_A,
                    OnDemandUrl: "",
                    NeedStatusNotify: false,
                    NotifyReqAuth: false,
                    NotifyAuthKey: "",
                },
            });
            await call(UPDATE, {
                DomainName: DOMAIN,
                NotifyUrl: URL_B,
                OnDemandUrl: URL_A,
                NeedStatusNotify: true,
                NotifyReqAuth: true,
                NotifyAuthKey: KEY,
            });
            const full = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(full.ok);
            assert.deepEqual(full.body["LiveRecordNotifyConfig"], {
                DomainName: DOMAIN,
                NotifyUrl: URL_B,
                OnDemandUrl: URL_A,
                NeedStatusNotify: true,
                NotifyReqAuth: true,
                NotifyAuthKey: KEY,
            });
        });

        it("on a missing config -> 404 InvalidConfig.NotFound", async () => {
            const r = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.equal(outcomeOf(r), "InvalidConfig.NotFound");
            assert.equal(statusOf(r), 404);
            assert.equal(r.ok ? "" : r.data?.["Message"], "Config does not exist.");
        });
    });

    describe("UpdateLiveRecordNotifyConfig", () => {
        it("replaces the whole config: omitted optional fields return to their defaults", async () => {
            await call(ADD, {
                DomainName: DOMAIN,
                NotifyUrl: URL_A,
                OnDemandUrl: URL_B,
                NeedStatusNotify: true,
                NotifyReqAuth: true,
                NotifyAuthKey: KEY,
            });
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_B })), "OK");
            const [stored] = await admin.configs();
            assert.deepEqual(
                { ...stored, accountId: undefined },
                { accountId: undefined, domainName: DOMAIN, notifyUrl: URL_B, needStatusNotify: false, notifyReqAuth: false },
            );
        });

        it("on a missing config -> 404 InvalidConfig.NotFound, nothing created", async () => {
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_A })), "InvalidConfig.NotFound");
            assert.deepEqual(await admin.configs(), []);
        });
    });

    describe("DeleteLiveRecordNotifyConfig", () => {
        it("removes the config; a second delete -> 404 InvalidConfig.NotFound", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN })), "OK");
            assert.deepEqual(await admin.configs(), []);
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN })), "InvalidConfig.NotFound");
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN })), "InvalidConfig.NotFound");
        });
    });

    describe("parameter errors", () => {
        for (const action of [ADD, UPDATE, DESCRIBE, DELETE]) {
            it(`${action} without DomainName -> 400 MissingDomainName`, async () => {
                const r = await call(action, { NotifyUrl: URL_A });
                assert.equal(outcomeOf(r), "MissingDomainName");
                assert.equal(statusOf(r), 400);
                assert.equal(r.ok ? "" : r.data?.["Message"], "DomainName is mandatory for this action.");
            });
            it(`${action} with an empty DomainName -> MissingDomainName`, async () => {
                assert.equal(outcomeOf(await call(action, { DomainName: "", NotifyUrl: URL_A })), "MissingDomainName");
            });
            it(`${action} with a malformed domain -> 400 InvalidDomain.NotFound`, async () => {
                const r = await call(action, { DomainName: "not a domain", NotifyUrl: URL_A });
                assert.equal(outcomeOf(r), "InvalidDomain.NotFound");
                assert.equal(r.ok ? "" : r.data?.["Message"], "Specified Domain is invalid.");
            });
        }

        for (const action of [ADD, UPDATE]) {
            it(`${action} without NotifyUrl -> 400 MissingNotifyUrl`, async () => {
                if (action === UPDATE) await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
                const r = await call(action, { DomainName: DOMAIN });
                assert.equal(outcomeOf(r), "MissingNotifyUrl");
                assert.equal(r.ok ? "" : r.data?.["Message"], "NotifyUrl is mandatory for this action.");
            });

            for (const [field, prefix] of [
                ["NotifyUrl", "InvalidNotifyUrl"],
                ["OnDemandUrl", "InvalidOnDemandUrl"],
            ] as const) {
                for (const bad of ["ftp://x.example.com/", "x.example.com/cb", "http:x.example.com", "http://"]) {
                    it(`${action} with ${field}=${bad} -> ${prefix}.Malformed`, async () => {
                        const r = await call(action, { DomainName: DOMAIN, NotifyUrl: URL_A, [field]: bad });
                        assert.equal(outcomeOf(r), `${prefix}.Malformed`);
                        assert.equal(r.ok ? "" : r.data?.["Message"], `Specified ${field} is invalid.`);
                    });
                }
                for (const bad of [
                    "http://127.0.0.1/cb",
                    "http://10.1.2.3/cb",
                    "https://192.168.0.10/",
                    "http://[::1]:8080/",
                    "http://localhost/cb",
                    "http://100.100.100.200/latest",
                    "http://169.254.169.254/",
                    "http://0.0.0.0/",
                    "http://[fd00::1]/",
                    "http://[fe80::1]/",
                ]) {
                    it(`${action} with ${field}=${bad} -> ${prefix}.Unsafe`, async () => {
                        const r = await call(action, { DomainName: DOMAIN, NotifyUrl: URL_A, [field]: bad });
                        assert.equal(outcomeOf(r), `${prefix}.Unsafe`);
                        assert.equal(statusOf(r), 400);
                        assert.equal(r.ok ? "" : r.data?.["Message"], `Specified ${field} is not safe.`);
                    });
                }
            }

            it(`${action} with a boolean that is not one -> 400 InvalidParameter naming it`, async () => {
                for (const field of ["NeedStatusNotify", "NotifyReqAuth"]) {
                    const r = await call(action, { DomainName: DOMAIN, NotifyUrl: URL_A, [field]: "maybe" });
                    assert.equal(outcomeOf(r), "InvalidParameter");
                    assert.equal(r.ok ? "" : r.data?.["Message"], `Specified parameter ${field} is not valid.`);
                }
            });

            it(`${action} with a NotifyAuthKey outside 16-32 letters/digits -> InvalidNotifyAuthKey.Malformed (value never echoed)`, async () => {
                for (const bad of ["a".repeat(15), "a".repeat(33), "abcdefgh-ijklmnop"]) {
                    const r = await call(action, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: bad });
                    assert.equal(outcomeOf(r), "InvalidNotifyAuthKey.Malformed");
                    assert.ok(!r.ok && !JSON.stringify(r.data).includes(bad));
                }
            });

            it(`${action} with NotifyReqAuth=true and no key -> MissingNotifyAuthKey`, async () => {
                assert.equal(outcomeOf(await call(action, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: true })), "MissingNotifyAuthKey");
            });
        }

        it("accepts NotifyAuthKey lengths 16 and 32", async () => {
            assert.equal(
                outcomeOf(await call(ADD, { DomainName: "k16.example.com", NotifyUrl: URL_A, NotifyReqAuth: true, NotifyAuthKey: "a".repeat(16) })),
                "OK",
            );
            assert.equal(
                outcomeOf(await call(ADD, { DomainName: "k32.example.com", NotifyUrl: URL_A, NotifyReqAuth: true, NotifyAuthKey: "Z9".repeat(16) })),
                "OK",
            );
        });

        it("checks parameters before existence: a bad Update on a missing config names the parameter", async () => {
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: "http://127.0.0.1/" })), "InvalidNotifyUrl.Unsafe");
        });
    });

    describe("domain ownership", () => {
        it("a domain the accounts do not own -> 400 InvalidDomain.NotFound; an owned one works", async () => {
            const emu = await start({ domains: ["owned.example.com"] });
            const r = await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "other.example.com", NotifyUrl: URL_A });
            assert.equal(outcomeOf(r), "InvalidDomain.NotFound");
            assert.equal(statusOf(r), 400);
            assert.equal(
                outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, DESCRIBE, { DomainName: "other.example.com" })),
                "InvalidDomain.NotFound",
            );
            assert.equal(outcomeOf(await coreCall(emu.endpoint, DEMO_ACCOUNT, ADD, { DomainName: "Owned.Example.com", NotifyUrl: URL_A })), "OK");
        });
    });

    describe("accounts and permissions", () => {
        it("a read-only key may Describe but every write -> 400 Forbidden", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A }, owner);
            for (const [action, query] of [
                [ADD, { DomainName: "new.example.com", NotifyUrl: URL_A }],
                [UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_B }],
                [DELETE, { DomainName: DOMAIN }],
            ] as const) {
                const r = await call(action, query, reader);
                assert.equal(outcomeOf(r), "Forbidden", action);
                assert.equal(statusOf(r), 400);
                assert.equal(r.ok ? "" : r.data?.["Message"], "Ram Permission is forbidden.");
            }
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN }, reader)), "OK");
            assert.equal((await admin.configs())[0].notifyUrl, URL_A);
        });

        it("keys of one account share configs; another account has its own", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A }, owner);
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN }, colleague)), "OK");
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A }, colleague)), "ConfigAlreadyExists");
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN }, stranger)), "InvalidConfig.NotFound");
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_B }, stranger)), "OK");
            const configs = await admin.configs();
            assert.deepEqual(configs.map((c) => [c.accountId, c.notifyUrl]).sort(), [
                ["1000000000000001", URL_A],
                ["2000000000000002", URL_B],
            ]);
        });
    });
});
