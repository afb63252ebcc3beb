import { strict as assert } from "node:assert";
import { AccountDiscoveryError } from "../../../provider/api/sts";
import { verdictOf, type CheckFacts } from "../../../provider/resource/configure-verdict";

describe("resource/configure-verdict: what the check's findings mean", () => {
    const base: CheckFacts = {
        settings: { endpoint: "live.example.com", endpointSource: "alicloud-live:endpoint" },
        keyId: "AKID-1",
        keySource: "alicloud:accessKey",
        probe: { reachable: true, host: "live.example.com" },
    };
    const stsFailed = (kind: AccountDiscoveryError["kind"], code: string, statusCode?: number): CheckFacts["sts"] => ({
        error: new AccountDiscoveryError({ kind, code, ...(statusCode ? { statusCode } : {}), serviceMessage: "words.", host: "sts.aliyuncs.com" }),
    });

    it("everything answered: fine, nothing to say", () => {
        assert.deepEqual(verdictOf({ ...base, sts: { identity: { accountId: "1" } } }), { ok: true });
        assert.deepEqual(verdictOf(base), { ok: true }, "STS not asked (a local emulator)");
    });

    for (const code of ["ENOTFOUND", "ECONNREFUSED"]) {
        it(`the endpoint ${code}: definite, whatever STS said`, () => {
            const verdict = verdictOf({
                ...base,
                probe: { reachable: false, host: "live.example.com", code, words: `x ${code}` },
                sts: { identity: { accountId: "1" } },
            });
            assert.equal(verdict.ok, false);
        });
    }

    for (const code of ["EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"]) {
        it(`the endpoint ${code}: not definite, one warning naming it`, () => {
            const verdict = verdictOf({ ...base, probe: { reachable: false, host: "live.example.com", code, words: "w" } });
            assert.ok(verdict.ok && verdict.warning?.includes(`live.example.com did not accept a connection: ${code}`), JSON.stringify(verdict));
        });
    }

    for (const [code, status] of [
        ["InvalidAccessKeyId.NotFound", 404],
        ["SignatureDoesNotMatch", 400],
        ["InvalidSecurityToken.Expired", 400],
        ["InvalidTimeStamp.Expired", 400],
    ] as const) {
        it(`STS answered ${code}: definite, with the key id and the service's code`, () => {
            const verdict = verdictOf({ ...base, sts: stsFailed("authentication", code, status) });
            assert.ok(!verdict.ok);
            assert.match(
                verdict.message,
                new RegExp(
                    `answered ${code.replace(/\./g, "\\.")} \\(HTTP ${status}\\): words\\. The AccessKey ID is AKID-1 \\(from alicloud:accessKey\\)`,
                ),
            );
        });
    }

    for (const [kind, code] of [
        ["unreachable", "ENOTFOUND"],
        ["transient", "ECONNRESET"],
        ["throttled", "Throttling.User"],
        ["unknown", "Odd"],
    ] as const) {
        it(`STS failed as ${kind} (${code}): not definite, one warning with pacing's consequence`, () => {
            const verdict = verdictOf({ ...base, sts: stsFailed(kind, code) });
            assert.ok(verdict.ok && verdict.warning !== undefined, JSON.stringify(verdict));
            assert.match(verdict.warning, new RegExp(`GetCallerIdentity at sts\\.aliyuncs\\.com failed \\(${code.replace(/\./g, "\\.")}\\)`));
            assert.match(verdict.warning, /set alicloud-live:accountId/);
        });
    }

    it("with the account id set, the warning does not speak of pacing by key", () => {
        const verdict = verdictOf({ ...base, settings: { ...base.settings, accountId: "1234" }, sts: stsFailed("transient", "ECONNRESET") });
        assert.ok(verdict.ok && verdict.warning !== undefined);
        assert.ok(!verdict.warning.includes("paced as an account of their own"), verdict.warning);
    });

    it("two doubts make one warning", () => {
        const verdict = verdictOf({
            ...base,
            probe: { reachable: false, host: "h", code: "ETIMEDOUT", words: "w" },
            sts: stsFailed("transient", "ECONNRESET"),
        });
        assert.ok(verdict.ok && verdict.warning !== undefined);
        assert.match(verdict.warning, /ETIMEDOUT.*; GetCallerIdentity/);
    });
});
