/**
 * The client against the emulator over real HTTP: every action and error path, in both signature versions.
 */
import { strict as assert } from "node:assert";
import { LiveClient, type LiveClientOptions } from "../../../provider/client/live-client";
import type { ErrorKind } from "../../../provider/api/error-kind";
import type { LiveApiError } from "../../../provider/api/errors";
import { liveApiRejection } from "../../support/rejection";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";

const OWNER = { accessKeyId: "LTAI-test-owner", accessKeySecret: "owner-secret-0123456789", accountId: "1000000000000001" };
const READER = { accessKeyId: "LTAI-test-reader", accessKeySecret: "reader-secret-0123456789", accountId: "1000000000000001", readOnly: true };
const STS = {
    accessKeyId: "STS.test-session",
    accessKeySecret: "sts-secret-0123456789",
    accountId: "1000000000000001",
    securityToken: "sts-token-abc",
};
const KEY = "abcdEFGH12345678";

describe("provider/api/client against the emulator", () => {
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;

    before(async () => {
        emulator = await startEmulator({ accounts: [OWNER, READER, STS], domains: ["a.example.com", "b.example.com"] });
        admin = new EmulatorAdmin(emulator.url);
    });
    after(() => emulator.stop());
    beforeEach(() => admin.reset());

    const client = (key: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = OWNER, extra: Partial<LiveClientOptions> = {}) =>
        new LiveClient({
            endpoint: emulator.url,
            credentials: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, securityToken: key.securityToken },
            ...extra,
        });

    for (const signatureVersion of ["v3", "v2"] as const) {
        it(`runs add, describe, update, delete with ${signatureVersion} signatures`, async () => {
            const c = client(OWNER, { signatureVersion });
            const added = await c.add({
                domainName: "a.example.com",
                notifyUrl: "https://cb.example.com/rec?x=(1)*",
                needStatusNotify: true,
                notifyReqAuth: true,
                notifyAuthKey: KEY,
            });
            assert.match(added.requestId, /^[0-9A-F-]{36}$/);
            assert.deepEqual((await c.describe({ domainName: "a.example.com" })).config, {
                domainName: "a.example.com",
                notifyUrl: "https://cb.example.com/rec?x=(1)*",
                needStatusNotify: true,
                notifyReqAuth: true,
                notifyAuthKey: KEY,
            });
            await c.update({
                domainName: "a.example.com",
                notifyUrl: "https://cb.example.com/v2",
                onDemandUrl: "https://cb.example.com/od",
                needStatusNotify: false,
                notifyReqAuth: false,
            });
            assert.deepEqual((await c.describe({ domainName: "a.example.com" })).config, {
                domainName: "a.example.com",
                notifyUrl: "https://cb.example.com/v2",
                onDemandUrl: "https://cb.example.com/od",
                needStatusNotify: false,
                notifyReqAuth: false,
            });
            await c.delete({ domainName: "a.example.com" });
            assert.deepEqual(await admin.configs(), []);
        });
    }

    it("works with an STS token", async () => {
        await client(STS).add({ domainName: "a.example.com", notifyUrl: "https://cb.example.com/x" });
        assert.equal((await client(STS).describe({ domainName: "a.example.com" })).config.notifyUrl, "https://cb.example.com/x");
    });

    const errorCases: Array<{ name: string; kind: ErrorKind; code: string; status: number; run: () => Promise<unknown> }> = [
        {
            name: "Add twice",
            kind: "already-exists",
            code: "ConfigAlreadyExists",
            status: 400,
            run: async () => {
                await client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com" });
                return client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com" });
            },
        },
        {
            name: "Describe missing",
            kind: "not-found",
            code: "InvalidConfig.NotFound",
            status: 404,
            run: () => client().describe({ domainName: "a.example.com" }),
        },
        {
            name: "Update missing",
            kind: "not-found",
            code: "InvalidConfig.NotFound",
            status: 404,
            run: () => client().update({ domainName: "a.example.com", notifyUrl: "https://x.example.com" }),
        },
        {
            name: "Delete missing",
            kind: "not-found",
            code: "InvalidConfig.NotFound",
            status: 404,
            run: () => client().delete({ domainName: "a.example.com" }),
        },
        {
            name: "domain not owned",
            kind: "invalid-input",
            code: "InvalidDomain.NotFound",
            status: 400,
            run: () => client().add({ domainName: "other.example.com", notifyUrl: "https://x.example.com" }),
        },
        {
            name: "malformed NotifyUrl",
            kind: "invalid-input",
            code: "InvalidNotifyUrl.Malformed",
            status: 400,
            run: () => client().add({ domainName: "a.example.com", notifyUrl: "ftp://x.example.com" }),
        },
        {
            name: "unsafe NotifyUrl",
            kind: "invalid-input",
            code: "InvalidNotifyUrl.Unsafe",
            status: 400,
            run: () => client().add({ domainName: "a.example.com", notifyUrl: "http://169.254.169.254/latest" }),
        },
        {
            name: "malformed OnDemandUrl",
            kind: "invalid-input",
            code: "InvalidOnDemandUrl.Malformed",
            status: 400,
            run: () => client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com", onDemandUrl: "not a url" }),
        },
        {
            name: "unsafe OnDemandUrl",
            kind: "invalid-input",
            code: "InvalidOnDemandUrl.Unsafe",
            status: 400,
            run: () => client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com", onDemandUrl: "http://10.0.0.8/cb" }),
        },
        {
            name: "auth on without key",
            kind: "invalid-input",
            code: "MissingNotifyAuthKey",
            status: 400,
            run: () => client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com", notifyReqAuth: true }),
        },
        {
            name: "short key",
            kind: "invalid-input",
            code: "InvalidNotifyAuthKey.Malformed",
            status: 400,
            run: () => client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com", notifyReqAuth: true, notifyAuthKey: "short" }),
        },
        {
            name: "missing NotifyUrl",
            kind: "invalid-input",
            code: "MissingNotifyUrl",
            status: 400,
            run: () => client().add({ domainName: "a.example.com" } as never),
        },
        {
            name: "read-only key writing",
            kind: "forbidden",
            code: "Forbidden",
            status: 400,
            run: () => client(READER).add({ domainName: "a.example.com", notifyUrl: "https://x.example.com" }),
        },
        {
            name: "wrong secret",
            kind: "authentication",
            code: "SignatureDoesNotMatch",
            status: 400,
            run: () => client({ accessKeyId: OWNER.accessKeyId, accessKeySecret: "wrong" }).describe({ domainName: "a.example.com" }),
        },
        {
            name: "unknown key",
            kind: "authentication",
            code: "InvalidAccessKeyId.NotFound",
            status: 404,
            run: () => client({ accessKeyId: "LTAI-nobody", accessKeySecret: "x" }).describe({ domainName: "a.example.com" }),
        },
        {
            name: "STS key without its token",
            kind: "authentication",
            code: "InvalidSecurityToken.MismatchWithAccessKey",
            status: 400,
            run: () => client({ accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret }).describe({ domainName: "a.example.com" }),
        },
    ];
    for (const c of errorCases) {
        it(`maps ${c.name} to ${c.kind} (${c.code}, HTTP ${c.status})`, async () => {
            const e = await liveApiRejection(c.run());
            assert.equal(e.kind, c.kind);
            assert.equal(e.code, c.code);
            assert.equal(e.statusCode, c.status);
            assert.match(e.requestId ?? "", /^[0-9A-F-]{36}$/, "keeps the RequestId");
            assert.ok(!e.message.includes(OWNER.accessKeySecret) && !e.message.includes(KEY), "no secret in the message");
        });
    }

    it("maps the permission error to the RAM action the key lacks", async () => {
        const e = await liveApiRejection(client(READER).delete({ domainName: "a.example.com" }));
        assert.match(e.message, /live:DeleteLiveRecordNotifyConfig/);
        const read = await liveApiRejection(client(READER).describe({ domainName: "b.example.com" }));
        assert.equal(read.kind, "not-found", "reads are allowed to a read-only key");
    });

    it("maps an injected 503 to transient, and an ambiguous write to possibly applied", async () => {
        await admin.addFault({ action: "DescribeLiveRecordNotifyConfig", count: 1, error: { code: "ServiceUnavailable", status: 503 } });
        assert.equal((await liveApiRejection(client().describe({ domainName: "a.example.com" }))).kind, "transient");

        await admin.addFault({ action: "AddLiveRecordNotifyConfig", count: 1, ambiguous: true });
        const e = await liveApiRejection(client().add({ domainName: "a.example.com", notifyUrl: "https://x.example.com" }));
        assert.equal(e.kind, "transient");
        assert.equal(e.mayHaveApplied, true);
        assert.equal((await admin.configs()).length, 1, "the ambiguous write was applied");
    });

    it("maps over-quota answers to throttled with the real code", async () => {
        await admin.setQuota({ writeQps: 2 });
        const results = await Promise.allSettled(
            Array.from({ length: 8 }, (_, i) =>
                client().add({ domainName: i % 2 ? "a.example.com" : "b.example.com", notifyUrl: "https://x.example.com" }),
            ),
        );
        const throttled = results.filter((r) => r.status === "rejected" && (r.reason as LiveApiError).kind === "throttled");
        assert.ok(throttled.length >= 4, `expected most of the burst throttled, got ${throttled.length}`);
        assert.equal(((throttled[0] as PromiseRejectedResult).reason as LiveApiError).code, "Throttling.User");
    });
});
