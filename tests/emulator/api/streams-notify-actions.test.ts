import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, deriveAccountId, EmulatorAdmin, type EmulatorAccount, type EmulatorOptions } from "../../../emulator";
import { coreCall, outcomeOf, type CoreResult } from "../support/core-client";
import { emulatorFixture } from "../support/fixtures";

const SET = "SetLiveStreamsNotifyUrlConfig";
const DESCRIBE = "DescribeLiveStreamsNotifyUrlConfig";
const DELETE = "DeleteLiveStreamsNotifyUrlConfig";
const KIND = "LiveStreamsNotifyUrlConfig";

const DOMAIN = "push.example.com";
const URL_A = "https://hooks.example.com/streams";
const URL_B = "https://hooks.example.com/streams-2";
const EXCEPTION_URL = "https://hooks.example.com/streams-exception";
/** 40 letters and digits: inside the stream callbacks' 16-64, outside the other callbacks' 16-32. */
const KEY = "streamsKey2026streamsKey2026streamsKey20";

const statusOf = (r: CoreResult): number => (r.ok ? r.statusCode : (r.statusCode ?? -1));

describe("emulator/api/streams-notify-actions (over HTTP, through the official core)", () => {
    const start = emulatorFixture();
    const reader: EmulatorAccount = {
        accessKeyId: "READER",
        accessKeySecret: "reader-secret",
        readOnly: true,
        accountId: deriveAccountId(DEMO_ACCOUNT.accessKeyId),
    };
    let call: (action: string, query: Record<string, string | boolean | undefined>, key?: EmulatorAccount) => Promise<CoreResult>;
    let admin: EmulatorAdmin;

    async function emulator(options: EmulatorOptions = {}): Promise<void> {
        const emu = await start({ accounts: [DEMO_ACCOUNT, reader], ...options });
        admin = new EmulatorAdmin(emu.url);
        call = (action, query, key = DEMO_ACCOUNT) => coreCall(emu.endpoint, key, action, query);
    }

    describe("under the default profile", () => {
        beforeEach(() => emulator());

        it("Set stores the config (NotifyReqAuth as yes/no, a 40-character key), Describe answers it under LiveStreamsNotifyConfig", async () => {
            const set = await call(SET, {
                DomainName: DOMAIN,
                NotifyUrl: URL_A,
                ExceptionNotifyUrl: EXCEPTION_URL,
                NotifyReqAuth: "yes",
                NotifyAuthKey: KEY,
            });
            assert.ok(set.ok);
            assert.deepEqual(Object.keys(set.body), ["RequestId"]);
            const [stored] = await admin.configsOf(KIND);
            assert.deepEqual(
                { ...stored, accountId: undefined },
                {
                    accountId: undefined,
                    id: DOMAIN,
                    domainName: DOMAIN,
                    notifyUrl: URL_A,
                    exceptionNotifyUrl: EXCEPTION_URL,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY,
                },
            );
            const described = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(described.ok);
            assert.deepEqual(described.body, {
                RequestId: described.body.RequestId,
                LiveStreamsNotifyConfig: {
                    DomainName: DOMAIN,
                    NotifyUrl: URL_A,
                    ExceptionNotifyUrl: EXCEPTION_URL,
                    NotifyReqAuth: "yes",
                    NotifyAuthKey: KEY,
                },
            });
            assert.deepEqual(await admin.configs(), [], "the recording-callback configs are another kind");
            assert.deepEqual(await admin.configsOf("LiveSnapshotNotifyConfig"), [], "and the snapshot-callback ones");
        });

        it("Set is an upsert: on a configured domain it writes over the config; fields left out reset, a NotifyUrl left out stays", async () => {
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: EXCEPTION_URL, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_B })), "OK");
            assert.deepEqual(
                (await admin.configsOf(KIND)).map((c) => [c.notifyUrl, c.exceptionNotifyUrl, c.notifyReqAuth, c.notifyAuthKey]),
                [[URL_B, undefined, false, undefined]],
            );
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN })), "OK");
            assert.equal((await admin.configsOf(KIND))[0].notifyUrl, URL_B);
            const described = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(described.ok);
            assert.deepEqual(described.body.LiveStreamsNotifyConfig, {
                DomainName: DOMAIN,
                NotifyUrl: URL_B,
                ExceptionNotifyUrl: "",
                NotifyReqAuth: "no",
                NotifyAuthKey: "",
            });
        });

        it("an explicitly empty ExceptionNotifyUrl or NotifyAuthKey clears it", async () => {
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: EXCEPTION_URL, NotifyAuthKey: KEY });
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: "", NotifyAuthKey: "" })), "OK");
            const [stored] = await admin.configsOf(KIND);
            assert.deepEqual([stored.exceptionNotifyUrl, stored.notifyAuthKey], [undefined, undefined]);
        });

        it("refuses what the API refuses, each with its code, and stores nothing", async () => {
            const cases: ReadonlyArray<readonly [Record<string, string | undefined>, string]> = [
                [{ NotifyUrl: URL_A }, "MissingDomainName"],
                [{ DomainName: DOMAIN }, "MissingNotifyUrl"],
                [{ DomainName: DOMAIN, NotifyUrl: "ftp://hooks.example.com/x" }, "InvalidNotifyUrl.Malformed"],
                [{ DomainName: DOMAIN, NotifyUrl: "http://10.0.0.1/cb" }, "InvalidNotifyUrl.Unsafe"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: "hooks.example.com/x" }, "InvalidExceptionNotifyUrl.Malformed"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: "http://169.254.169.254/x" }, "InvalidExceptionNotifyUrl.Unsafe"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "maybe" }, "InvalidParameter"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes" }, "MissingNotifyAuthKey"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "short" }, "InvalidNotifyAuthKey.Malformed"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "k".repeat(65) }, "InvalidNotifyAuthKey.Malformed"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "with-hyphen-key-2026" }, "InvalidNotifyAuthKey.Malformed"],
                [{ DomainName: "not-a-domain", NotifyUrl: URL_A }, "InvalidDomain.NotFound"],
            ];
            for (const [query, code] of cases) assert.equal(outcomeOf(await call(SET, query)), code, JSON.stringify(query));
            assert.deepEqual(await admin.configsOf(KIND), []);
        });

        it("the key's rule is 16-64 letters and digits, the message says so and never echoes the key", async () => {
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "k".repeat(64) })), "OK");
            const refused = await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "q".repeat(65) });
            assert.ok(!refused.ok);
            assert.match(refused.message ?? "", /16 to 64 characters/);
            assert.ok(!JSON.stringify(refused).includes("q".repeat(65)));
        });

        it("Describe and Delete of a domain without a config -> 404 InvalidConfig.NotFound", async () => {
            for (const action of [DESCRIBE, DELETE]) {
                const r = await call(action, { DomainName: DOMAIN });
                assert.equal(outcomeOf(r), "InvalidConfig.NotFound", action);
                assert.equal(statusOf(r), 404, action);
            }
        });

        it("Delete removes it; a read-only key may Describe but not Set or Delete", async () => {
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A });
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN }, reader)), "OK");
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_B }, reader)), "Forbidden");
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN }, reader)), "Forbidden");
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN })), "OK");
            assert.deepEqual(await admin.configsOf(KIND), []);
        });
    });

    describe("under the other readings", () => {
        it("--missing-config empty: Describe of no config answers 200 with an empty LiveStreamsNotifyConfig; Delete still 404", async () => {
            await emulator({ missingConfig: "empty" });
            const r = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(r.ok);
            assert.deepEqual(r.body, { RequestId: r.body.RequestId, LiveStreamsNotifyConfig: {} });
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN })), "InvalidConfig.NotFound");
        });

        it("--update-omitted keep: fields left out of Set keep their values", async () => {
            await emulator({ updateOmitted: "keep" });
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: EXCEPTION_URL, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_B })), "OK");
            const [stored] = await admin.configsOf(KIND);
            assert.deepEqual(
                [stored.notifyUrl, stored.exceptionNotifyUrl, stored.notifyReqAuth, stored.notifyAuthKey],
                [URL_B, EXCEPTION_URL, true, KEY],
            );
        });

        it("--empty-url malformed: an empty ExceptionNotifyUrl is refused, the config unchanged", async () => {
            await emulator({ emptyUrl: "malformed" });
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: EXCEPTION_URL });
            assert.equal(
                outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, ExceptionNotifyUrl: "" })),
                "InvalidExceptionNotifyUrl.Malformed",
            );
            assert.equal((await admin.configsOf(KIND))[0].exceptionNotifyUrl, EXCEPTION_URL);
        });

        it("--describe-auth-key masked and absent show the key as the recording key is shown", async () => {
            await emulator({ describeAuthKey: "masked" });
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            const masked = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(masked.ok);
            assert.equal((masked.body.LiveStreamsNotifyConfig as Record<string, unknown>).NotifyAuthKey, `${KEY.slice(0, 2)}****${KEY.slice(-2)}`);
            await emulator({ describeAuthKey: "absent" });
            await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            const absent = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(absent.ok);
            assert.equal("NotifyAuthKey" in (absent.body.LiveStreamsNotifyConfig as Record<string, unknown>), false);
        });

        it("--auth-key-rule none takes any non-empty key", async () => {
            await emulator({ authKeyRule: "none" });
            assert.equal(outcomeOf(await call(SET, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: "short" })), "OK");
        });
    });

    describe("quota", () => {
        it("Set and Delete at 15/s: 15 Sets pass in a burst, the rest of 25 are throttled", async () => {
            await emulator({ now: () => 0, maxClockSkewSeconds: 0 });
            const outcomes = await Promise.all(
                Array.from({ length: 25 }, (_, i) => call(SET, { DomainName: `d${i}.example.com`, NotifyUrl: URL_A }).then(outcomeOf)),
            );
            assert.equal(outcomes.filter((o) => o === "OK").length, 15);
            assert.equal(outcomes.filter((o) => o === "Throttling.User").length, 10);
        });

        it("Describe at the lower of its pages' quotas, 1000/min: 16 pass in a burst, the rest of 26 are throttled", async () => {
            await emulator({ now: () => 0, maxClockSkewSeconds: 0 });
            const outcomes = await Promise.all(Array.from({ length: 26 }, () => call(DESCRIBE, { DomainName: DOMAIN }).then(outcomeOf)));
            assert.equal(outcomes.filter((o) => o === "InvalidConfig.NotFound").length, 16);
            assert.equal(outcomes.filter((o) => o === "Throttling.User").length, 10);
        });
    });
});
