import { strict as assert } from "node:assert";
import { domainProblem, MAX_NOTIFY_AUTH_KEY_LENGTH, notifyAuthKeyProblem } from "../../../provider/resource/rules";
import { fieldSchemas } from "../../../provider/resource/schema";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const INPUT_KEYS = RN.properties.map((p) => p.name);
const FIELD_SCHEMAS = fieldSchemas(RN);

describe("resource/schema", () => {
    describe("domainProblem", () => {
        for (const ok of ["example.com", "live.example.com", "a-b.c-d.example.cn", "xn--fiqs8s.example", "1.2.example.com"]) {
            it(`accepts ${ok}`, () => assert.equal(domainProblem(ok), undefined));
        }
        const bad: ReadonlyArray<readonly [string, RegExp]> = [
            ["localhost", /fully qualified/],
            ["example..com", /empty labels/],
            [".example.com", /empty labels/],
            ["example.com.", /empty labels/],
            ["-a.example.com", /hyphen/],
            ["a-.example.com", /hyphen/],
            ["a_b.example.com", /letters, digits and hyphens/],
            ["*.example.com", /letters, digits and hyphens/],
            [`${"a".repeat(64)}.com`, /at most 63/],
            [`${"a.".repeat(127)}com`, /at most 253/],
            ["live.example.123", /not all digits/],
        ];
        for (const [domain, rule] of bad) {
            it(`refuses ${domain.length > 40 ? `${domain.slice(0, 20)}… (${domain.length} chars)` : domain}`, () => {
                assert.match(domainProblem(domain) ?? "", rule);
            });
        }
        it("accepts exactly 63-character labels and 253-character names", () => {
            assert.equal(domainProblem(`${"a".repeat(63)}.com`), undefined);
            const name = `${"a".repeat(61)}.${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.ex`;
            assert.equal(name.length, 250);
            assert.equal(domainProblem(name), undefined);
        });
    });

    describe("notifyAuthKey: refused only when it can never work (the 16-32 rule is the service's)", () => {
        const accepted = [
            "a".repeat(16),
            "A1".repeat(16),
            "short",
            "a".repeat(33),
            "with-hyphen_and.dots",
            "clé-ünicode",
            "x".repeat(MAX_NOTIFY_AUTH_KEY_LENGTH),
        ];
        for (const key of accepted)
            it(`takes ${JSON.stringify(key.length > 40 ? `${key.slice(0, 8)}... (${key.length})` : key)}`, () =>
                assert.equal(notifyAuthKeyProblem(key), undefined));
        const refused: Array<[string, string, RegExp]> = [
            ["a space", "abcd efgh", /whitespace or control characters/],
            ["a trailing newline", "abcdefgh12345678\n", /whitespace or control characters/],
            ["a tab", "abcd\tefgh", /whitespace or control characters/],
            ["a NUL", "abcd\u0000efgh", /whitespace or control characters/],
            ["DEL", "abcd\u007fefgh", /whitespace or control characters/],
            ["a no-break space", "abcd\u00a0efgh", /whitespace or control characters/],
            ["257 characters", "k".repeat(MAX_NOTIFY_AUTH_KEY_LENGTH + 1), /at most 256 characters/],
        ];
        for (const [name, key, rule] of refused) it(`refuses a key with ${name}`, () => assert.match(notifyAuthKeyProblem(key) ?? "", rule));
    });

    it("has one schema for every input property", () => {
        assert.deepEqual(Object.keys(FIELD_SCHEMAS).sort(), [...INPUT_KEYS].sort());
    });
});
