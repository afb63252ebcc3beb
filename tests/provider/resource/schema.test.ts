import { strict as assert } from "node:assert";
import { domainProblem, FIELD_SCHEMAS, NOTIFY_AUTH_KEY_PATTERN } from "../../../provider/resource/schema";
import { INPUT_KEYS } from "../../../provider/resource/inputs";

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

    it("the key pattern takes 16-32 ASCII letters and digits only", () => {
        assert.ok(NOTIFY_AUTH_KEY_PATTERN.test("a".repeat(16)));
        assert.ok(NOTIFY_AUTH_KEY_PATTERN.test("A1".repeat(16)));
        assert.ok(!NOTIFY_AUTH_KEY_PATTERN.test("a".repeat(15)));
        assert.ok(!NOTIFY_AUTH_KEY_PATTERN.test("a".repeat(33)));
        assert.ok(!NOTIFY_AUTH_KEY_PATTERN.test(`${"a".repeat(15)}-`));
        assert.ok(!NOTIFY_AUTH_KEY_PATTERN.test(`${"a".repeat(15)}é`));
    });

    it("has one schema for every input property", () => {
        assert.deepEqual(Object.keys(FIELD_SCHEMAS).sort(), [...INPUT_KEYS].sort());
    });
});
