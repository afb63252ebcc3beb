import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, deriveAccountId, EmulatorAdmin, type EmulatorAccount, type EmulatorOptions } from "../../../emulator";
import { coreCall, outcomeOf, type CoreResult } from "../support/core-client";
import { emulatorFixture } from "../support/fixtures";

const ADD = "AddLiveSnapshotNotifyConfig";
const UPDATE = "UpdateLiveSnapshotNotifyConfig";
const DESCRIBE = "DescribeLiveSnapshotNotifyConfig";
const DELETE = "DeleteLiveSnapshotNotifyConfig";
const KIND = "LiveSnapshotNotifyConfig";

const DOMAIN = "live.example.com";
const URL_A = "https://hooks.example.com/snapshot";
const URL_B = "https://hooks.example.com/snapshot-2";
const KEY = "snapshotKey20261202";

const statusOf = (r: CoreResult): number => (r.ok ? r.statusCode : (r.statusCode ?? -1));

describe("emulator/api/snapshot-notify-actions (over HTTP, through the official core)", () => {
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

        it("Add stores the config (NotifyReqAuth as yes/no), Describe answers a flat body", async () => {
            const added = await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            assert.ok(added.ok);
            assert.deepEqual(Object.keys(added.body), ["RequestId"]);
            const [stored] = await admin.configsOf(KIND);
            assert.deepEqual(
                { ...stored, accountId: undefined },
                { accountId: undefined, id: DOMAIN, domainName: DOMAIN, notifyUrl: URL_A, notifyReqAuth: true, notifyAuthKey: KEY },
            );
            const described = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(described.ok);
            assert.deepEqual(described.body, {
                RequestId: described.body.RequestId,
                DomainName: DOMAIN,
                NotifyUrl: URL_A,
                NotifyReqAuth: "yes",
                NotifyAuthKey: KEY,
            });
            assert.deepEqual(await admin.configs(), [], "the recording-callback configs are another kind");
        });

        it("Add on a configured domain -> 400 ConfigAlreadyExists, state unchanged", async () => {
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A })), "OK");
            const again = await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_B });
            assert.equal(outcomeOf(again), "ConfigAlreadyExists");
            assert.equal(statusOf(again), 400);
            assert.equal((await admin.configsOf(KIND))[0].notifyUrl, URL_A);
        });

        it("Update replaces the config; a NotifyUrl left out keeps the stored one; fields left out reset", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN })), "OK");
            const [stored] = await admin.configsOf(KIND);
            assert.equal(stored.notifyUrl, URL_A);
            assert.equal(stored.notifyReqAuth, false);
            assert.equal(stored.notifyAuthKey, undefined);
        });

        it("an explicitly empty NotifyAuthKey clears it", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "no", NotifyAuthKey: KEY });
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "" })), "OK");
            assert.equal((await admin.configsOf(KIND))[0].notifyAuthKey, undefined);
        });

        it("refuses what the API refuses, each with its code", async () => {
            const cases: ReadonlyArray<readonly [Record<string, string | undefined>, string]> = [
                [{ NotifyUrl: URL_A }, "MissingDomainName"],
                [{ DomainName: DOMAIN }, "MissingNotifyUrl"],
                [{ DomainName: DOMAIN, NotifyUrl: "ftp://hooks.example.com/x" }, "InvalidNotifyUrl.Malformed"],
                [{ DomainName: DOMAIN, NotifyUrl: `https://hooks.example.com/${"x".repeat(480)}` }, "InvalidNotifyUrl.Malformed"],
                [{ DomainName: DOMAIN, NotifyUrl: "http://10.0.0.1/cb" }, "InvalidNotifyUrl.Unsafe"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "maybe" }, "InvalidParameter"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes" }, "MissingNotifyAuthKey"],
                [{ DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "short" }, "InvalidNotifyAuthKey.Malformed"],
                [{ DomainName: "not-a-domain", NotifyUrl: URL_A }, "InvalidDomain.NotFound"],
            ];
            for (const [query, code] of cases) assert.equal(outcomeOf(await call(ADD, query)), code, JSON.stringify(query));
            assert.deepEqual(await admin.configsOf(KIND), []);
        });

        it("a 500-character NotifyUrl is taken, one more is not", async () => {
            const url = (length: number) => `https://hooks.example.com/${"x".repeat(length - "https://hooks.example.com/".length)}`;
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: url(500) })), "OK");
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: url(501) })), "InvalidNotifyUrl.Malformed");
        });

        it("Update, Describe and Delete of a domain without a config -> 404 InvalidConfig.NotFound", async () => {
            for (const [action, query] of [
                [UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_A }],
                [DESCRIBE, { DomainName: DOMAIN }],
                [DELETE, { DomainName: DOMAIN }],
            ] as const) {
                const r = await call(action, query);
                assert.equal(outcomeOf(r), "InvalidConfig.NotFound", action);
                assert.equal(statusOf(r), 404, action);
            }
        });

        it("Delete removes it; a read-only key may Describe but not write", async () => {
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN }, reader)), "OK");
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN }, reader)), "Forbidden");
            assert.equal(outcomeOf(await call(DELETE, { DomainName: DOMAIN })), "OK");
            assert.deepEqual(await admin.configsOf(KIND), []);
        });
    });

    describe("under the other readings", () => {
        it("--add-existing overwrite: Add on a configured domain replaces it", async () => {
            await emulator({ addExisting: "overwrite" });
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_B })), "OK");
            assert.equal((await admin.configsOf(KIND))[0].notifyUrl, URL_B);
        });

        it("--missing-config empty: Describe of no config answers 200 with nothing but the RequestId", async () => {
            await emulator({ missingConfig: "empty" });
            const r = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(r.ok);
            assert.deepEqual(Object.keys(r.body), ["RequestId"]);
        });

        it("--describe-auth-key masked and absent show the key as the recording key is shown", async () => {
            await emulator({ describeAuthKey: "masked" });
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            const masked = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(masked.ok);
            assert.equal(masked.body.NotifyAuthKey, `${KEY.slice(0, 2)}****${KEY.slice(-2)}`);
            await emulator({ describeAuthKey: "absent" });
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            const absent = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(absent.ok);
            assert.equal("NotifyAuthKey" in absent.body, false);
        });

        it("--update-omitted keep: fields left out of Update keep their values", async () => {
            await emulator({ updateOmitted: "keep" });
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: KEY });
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_B })), "OK");
            const [stored] = await admin.configsOf(KIND);
            assert.deepEqual([stored.notifyUrl, stored.notifyReqAuth, stored.notifyAuthKey], [URL_B, true, KEY]);
        });

        it("--auth-key-rule none takes any non-empty key", async () => {
            await emulator({ authKeyRule: "none" });
            assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyReqAuth: "yes", NotifyAuthKey: "short" })), "OK");
        });
    });

    describe("quota", () => {
        it("each action has its own bucket at its documented quota; actionQps changes one", async () => {
            await emulator({ writeQps: 1_000, readQps: 1_000, actionQps: { [DESCRIBE]: 2 } });
            await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A });
            const outcomes: string[] = [];
            for (let i = 0; i < 4; i++) outcomes.push(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN })));
            assert.deepEqual(outcomes.slice(0, 2), ["OK", "OK"]);
            assert.ok(outcomes.slice(2).includes("Throttling.User"), outcomes.join(", "));
            // The recording-callback Describe is another bucket, set by readQps.
            assert.equal(outcomeOf(await call("DescribeLiveRecordNotifyConfig", { DomainName: DOMAIN })), "InvalidConfig.NotFound");
            assert.deepEqual(await admin.quota(), { writeQps: 1_000, readQps: 1_000, actionQps: { [DESCRIBE]: 2 } });
        });

        it("the documented quota applies without actionQps: 30 Adds pass in a burst, the rest of 45 are throttled", async () => {
            await emulator({ now: () => 0, maxClockSkewSeconds: 0 });
            const outcomes = await Promise.all(
                Array.from({ length: 45 }, (_, i) => call(ADD, { DomainName: `d${i}.example.com`, NotifyUrl: URL_A }).then(outcomeOf)),
            );
            assert.equal(outcomes.filter((o) => o === "OK").length, 30);
            assert.equal(outcomes.filter((o) => o === "Throttling.User").length, 15);
        });
    });
});
