import { strict as assert } from "node:assert";
import { domainProblem, FIELD_SCHEMAS, NOTIFY_AUTH_KEY_PATTERN, urlProblem } from "../../../provider/resource/schema";
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

    describe("urlProblem", () => {
        for (const ok of [
            "http://callbacks.example.com/live",
            "https://8.8.8.8:8443/cb?x=1",
            "https://[2001:db8::1]/cb",
            "HTTPS://callbacks.example.com/a%20b",
        ]) {
            it(`accepts ${ok}`, () => assert.equal(urlProblem(ok), undefined));
        }
        const bad: ReadonlyArray<readonly [string, RegExp]> = [
            ["callbacks.example.com/live", /absolute http/],
            ["ftp://callbacks.example.com/", /http:\/\/ or https:\/\/, not ftp:/],
            ["mailto:ops@example.com", /http:\/\/ or https:\/\//],
            ["http://127.0.0.1/cb", /loopback address/],
            ["http://localhost:8080/cb", /localhost name/],
            ["http://10.0.0.8/cb", /private address/],
            ["http://100.100.100.200/latest/meta-data", /metadata address/],
            ["http://[fe80::1]/cb", /link-local/],
            ["http:callbacks.example.com/cb", /absolute http/],
            ["https://callbacks.example.com/a b", /spaces or control characters/],
            [`https://callbacks.example.com/${"a".repeat(2048)}`, /at most 2048 characters/],
            ["https://callbacks.example.com/\tcb", /spaces or control characters/],
        ];
        for (const [url, rule] of bad) {
            it(`refuses ${url}`, () => assert.match(urlProblem(url) ?? "", rule));
        }
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
