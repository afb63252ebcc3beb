/**
 * The callback signature check. Expected digests are computed outside the code under test: literal
 * values from `md5sum` (the docs' own example input), or node's crypto called here.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { callbackSignature, verifyCallbackSignature, type VerifyResult } from "../../../provider/callbacks/signature";

/** `printf 'learn.aliyundoc.com|1519375990|yourkey' | md5sum` (the documentation's example input). */
const DOCS_VECTOR = { host: "learn.aliyundoc.com", timestamp: 1519375990, key: "yourkey", md5: "9e226fc2c250be266e3657e156f68c12" };
/** `printf 'hooks.example.com|1764547200|abcdefgh12345678' | md5sum` */
const SECOND_VECTOR = { host: "hooks.example.com", timestamp: 1764547200, key: "abcdefgh12345678", md5: "4dabe2efbf39ba993f9d1b7f5c72f029" };

const md5 = (text: string): string => createHash("md5").update(text).digest("hex");
const at = (seconds: number): number => seconds * 1000;

function verify(headers: Record<string, string | undefined>, extra: Partial<Parameters<typeof verifyCallbackSignature>[0]> = {}): VerifyResult {
    return verifyCallbackSignature({ headers, host: SECOND_VECTOR.host, key: SECOND_VECTOR.key, now: at(SECOND_VECTOR.timestamp), ...extra });
}
const signed = (timestamp = SECOND_VECTOR.timestamp, signature = SECOND_VECTOR.md5) => ({
    "ALI-LIVE-TIMESTAMP": String(timestamp),
    "ALI-LIVE-SIGNATURE": signature,
});
const reason = (r: VerifyResult): string => (r.ok ? "accepted" : r.reason);

describe("provider/callbacks/signature", () => {
    it("computes the documented MD5 of host|timestamp|key", () => {
        assert.equal(callbackSignature(DOCS_VECTOR.host, DOCS_VECTOR.timestamp, DOCS_VECTOR.key), DOCS_VECTOR.md5);
        assert.equal(callbackSignature(SECOND_VECTOR.host, SECOND_VECTOR.timestamp, SECOND_VECTOR.key), SECOND_VECTOR.md5);
    });

    it("accepts the documented example at its own time, headers in any case", () => {
        const r = verifyCallbackSignature({
            headers: { "ali-live-timestamp": String(DOCS_VECTOR.timestamp), "Ali-Live-Signature": DOCS_VECTOR.md5 },
            host: DOCS_VECTOR.host,
            key: DOCS_VECTOR.key,
            now: at(DOCS_VECTOR.timestamp),
        });
        assert.deepEqual(r, { ok: true, timestamp: DOCS_VECTOR.timestamp });
    });

    it("reads fetch Headers objects too", () => {
        const headers = new Headers(signed());
        assert.equal(
            reason(verifyCallbackSignature({ headers, host: SECOND_VECTOR.host, key: SECOND_VECTOR.key, now: at(SECOND_VECTOR.timestamp) })),
            "accepted",
        );
    });

    it("refuses a tampered signature, another key, another host and another timestamp", () => {
        const flipped = SECOND_VECTOR.md5.slice(0, -1) + (SECOND_VECTOR.md5.endsWith("9") ? "8" : "9");
        assert.equal(reason(verify(signed(undefined, flipped))), "signature-mismatch");
        assert.equal(reason(verify(signed(), { key: "abcdefgh12345679" })), "signature-mismatch");
        assert.equal(reason(verify(signed(), { host: "hooks.example.org" })), "signature-mismatch");
        assert.equal(reason(verify(signed(SECOND_VECTOR.timestamp + 1))), "signature-mismatch");
    });

    it("accepts any of several keys (a rotation window), and refuses when none matches", () => {
        assert.equal(reason(verify(signed(), { key: ["oldoldoldoldold1", SECOND_VECTOR.key] })), "accepted");
        assert.equal(reason(verify(signed(), { key: ["oldoldoldoldold1", "newnewnewnewnew2"] })), "signature-mismatch");
    });

    it("refuses stale and future timestamps beyond the window, and accepts its edges", () => {
        const t = SECOND_VECTOR.timestamp;
        const sig = (ts: number) => signed(ts, md5(`${SECOND_VECTOR.host}|${ts}|${SECOND_VECTOR.key}`));
        assert.equal(reason(verify(sig(t - 300))), "accepted");
        assert.equal(reason(verify(sig(t - 301))), "stale-timestamp");
        assert.equal(reason(verify(sig(t + 300))), "accepted");
        assert.equal(reason(verify(sig(t + 301))), "future-timestamp");
        assert.equal(reason(verify(sig(t - 30), { maxAgeSeconds: 10 })), "stale-timestamp");
        assert.equal(reason(verify(sig(t - 3600), { maxAgeSeconds: 7200 })), "accepted");
    });

    it("names missing and malformed headers", () => {
        assert.equal(reason(verify({})), "missing-timestamp");
        assert.equal(reason(verify({ "ALI-LIVE-TIMESTAMP": String(SECOND_VECTOR.timestamp) })), "missing-signature");
        assert.equal(reason(verify({ "ALI-LIVE-SIGNATURE": SECOND_VECTOR.md5 })), "missing-timestamp");
        assert.equal(reason(verify(signed(undefined, SECOND_VECTOR.md5.toUpperCase()))), "malformed-signature");
        assert.equal(reason(verify(signed(undefined, SECOND_VECTOR.md5.slice(1)))), "malformed-signature");
        assert.equal(reason(verify({ ...signed(), "ALI-LIVE-TIMESTAMP": "1764547200.5" })), "malformed-timestamp");
        assert.equal(reason(verify({ ...signed(), "ALI-LIVE-TIMESTAMP": "-5" })), "malformed-timestamp");
    });

    it("never puts the key or the expected signature in a refusal", () => {
        const key = "SecretKeyNeverShown123";
        for (const headers of [{}, signed(), signed(SECOND_VECTOR.timestamp - 9999), signed(undefined, "x")]) {
            const r = verifyCallbackSignature({ headers, host: SECOND_VECTOR.host, key, now: at(SECOND_VECTOR.timestamp) });
            assert.equal(r.ok, false);
            const text = JSON.stringify(r);
            assert.ok(!text.includes(key), text);
            assert.ok(!text.includes(md5(`${SECOND_VECTOR.host}|${SECOND_VECTOR.timestamp}|${key}`)), text);
        }
    });

    it("rejects a misuse (empty key, a host with a port or scheme, a bad window) with a TypeError naming it", () => {
        assert.throws(() => verify(signed(), { key: "" }), /key must be a non-empty string/);
        assert.throws(() => verify(signed(), { key: [] }), /key must be/);
        assert.throws(() => verify(signed(), { key: undefined as never }), /key must be a non-empty string/);
        assert.throws(() => verify(signed(), { host: "hooks.example.com:8080" }), /host must be a bare hostname/);
        assert.throws(() => verify(signed(), { host: "https://hooks.example.com" }), /host must be a bare hostname/);
        assert.throws(() => verify(signed(), { maxAgeSeconds: -1 }), /maxAgeSeconds must be/);
    });
});
