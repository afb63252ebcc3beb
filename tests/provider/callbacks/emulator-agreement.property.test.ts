/**
 * The emulator's signer and the provider's verifier were each written from the documents and share
 * no code; here they meet. Over random keys, hosts, paths, ports and send times, what the emulator
 * signs the verifier accepts, and a different key is refused.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { callbackAuthHeaders } from "../../../emulator/callbacks/callback-signature";
import { verifyCallbackSignature } from "../../../provider/callbacks/signature";

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const keyArb = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 16, maxLength: 32 });
const labelArb = fc
    .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), minLength: 1, maxLength: 15 })
    .filter((l) => !l.startsWith("-") && !l.endsWith("-"));
/** The last label is letters only: an all-digit one would make the URL parser read an IPv4 address. */
const tldArb = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 2, maxLength: 6 });
const hostArb = fc.tuple(fc.array(labelArb, { minLength: 1, maxLength: 3 }), tldArb).map(([l, tld]) => [...l, tld].join("."));

describe("emulator signer x provider verifier (property-based)", function () {
    this.timeout(60_000);

    it("the verifier accepts what the emulator signs, for the URL's hostname, and refuses it under another key", () => {
        fc.assert(
            fc.property(
                keyArb,
                keyArb,
                hostArb,
                fc.webPath(),
                fc.option(fc.integer({ min: 1, max: 65535 })),
                fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }),
                (key, otherKey, host, pathPart, port, sentAtMs) => {
                    fc.pre(key !== otherKey);
                    const url = new URL(`https://${host}${port === null ? "" : `:${port}`}${pathPart}`);
                    const headers = callbackAuthHeaders(url, sentAtMs, key);
                    const verdict = verifyCallbackSignature({ headers, host: url.hostname, key, now: sentAtMs + 1500 });
                    assert.deepEqual(verdict, { ok: true, timestamp: Math.floor(sentAtMs / 1000) });
                    assert.equal(verifyCallbackSignature({ headers, host: url.hostname, key: otherKey, now: sentAtMs }).ok, false);
                },
            ),
            { seed: SEED, numRuns: 300 },
        );
    });
});
