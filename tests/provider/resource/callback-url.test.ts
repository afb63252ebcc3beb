import { strict as assert } from "node:assert";
import { callbackUrlProblems, MAX_URL_LENGTH, type UrlRule } from "../../../provider/resource/callback-url";
import { checkInputs } from "../../../provider/resource/check";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const rules = (url: string) => callbackUrlProblems(url).map((p) => p.rule);

describe("resource/callback-url", () => {
    for (const ok of [
        "http://callbacks.example.com/live",
        "https://8.8.8.8:8443/cb?x=1",
        "https://[2001:db8::1]/cb",
        "HTTPS://Callbacks.Example.COM/a%20b",
        "https://callbacks.example.com./live",
        "https://legacy_bucket.s3.amazonaws.com/cb",
        "https://xn--bcher-kva.de/cb",
        "https://cb.example.com:/x",
        "https://cb.example.com/path@with-at?q=a\\b#frag",
        `https://${"a".repeat(63)}.example.com/`,
        `https://${"a".repeat(61)}.${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.ex/`,
    ]) {
        it(`accepts ${ok.length > 60 ? `${ok.slice(0, 40)}… (${ok.length} chars)` : ok}`, () => assert.deepEqual(callbackUrlProblems(ok), []));
    }

    const bad: ReadonlyArray<readonly [string, UrlRule, RegExp]> = [
        ["callbacks.example.com/live", "scheme", /absolute http/],
        ["ftp://callbacks.example.com/", "scheme", /http:\/\/ or https:\/\/, not ftp:/],
        ["mailto:ops@example.com", "scheme", /http:\/\/ or https:\/\//],
        ["http:callbacks.example.com/cb", "scheme", /absolute http/],
        ["https://callbacks.example.com/a b", "characters", /spaces or control characters/],
        ["https://callbacks.example.com/\tcb", "characters", /spaces or control characters/],
        [`https://callbacks.example.com/${"a".repeat(MAX_URL_LENGTH)}`, "length", /at most 2048 characters/],
        ["http://127.0.0.1/cb", "unsafe", /loopback address/],
        ["http://localhost:8080/cb", "unsafe", /localhost name/],
        ["http://10.0.0.8/cb", "unsafe", /private address/],
        ["http://100.100.100.200/latest/meta-data", "unsafe", /metadata address/],
        ["http://[fe80::1]/cb", "unsafe", /link-local/],
        ["https://user:pass@hooks.example.com/x", "user-info", /user name or password .*notifyAuthKey/],
        ["https://token@hooks.example.com/x", "user-info", /user-info/],
        ["https://@hooks.example.com/x", "user-info", /user-info/],
        ["http://a..b.com/", "label-empty", /empty label/],
        ["http://.a.com/", "label-empty", /empty label/],
        ["http://a.com../", "label-empty", /empty label/],
        ["http://-x.com/", "label-hyphen", /neither start nor end with a hyphen \(not -x\)/],
        ["http://x-.example.com/", "label-hyphen", /hyphen/],
        [`http://${"a".repeat(70)}.com/`, "label-length", /at most 63 characters \(one has 70\)/],
        [`http://${"a.".repeat(127)}com/`, "host-length", /at most 253 characters \(it has 257\)/],
        ["http://a+b.example.com/", "label-characters", /letters, digits, hyphens and underscores only \(not "a\+b"\)/],
        ["http://xn--a.example.com/", "label-punycode", /valid punycode .*xn--a/],
        ["http://hooks/cb", "host-single-label", /fully qualified host such as hooks\.example\.com, not hooks: .*single-label/],
        ["https://Receiver.:8443/cb", "host-single-label", /not receiver:/],
        ["http://bücher.de/cb", "host-ascii", /punycode form xn--bcher-kva\.de for bücher\.de/],
        ["http://ＥＸＡＭＰＬＥ.com/cb", "host-ascii", /example\.com/],
        ["http://\u0301a.com/cb", "host-ascii", /valid internationalized domain name/],
        ["http://ex%41mple.com/", "host-percent", /percent-encode its host: write example\.com/],
        ["http://0x7f.1/", "ipv4-form", /dotted-decimal form \(127\.0\.0\.1, not 0x7f\.1\)/],
        ["http://010.8.8.8/", "ipv4-form", /8\.8\.8\.8/],
        ["http://134744072/", "ipv4-form", /8\.8\.8\.8/],
        ["http://1.2.3.4.5/", "ipv4-invalid", /valid IPv4 address/],
        ["http://a.b.999/", "ipv4-invalid", /last label is not a number/],
        ["http://evil.example.com\\@good.example.com/", "backslash", /backslash/],
        ["http://cb.example.com\\x", "backslash", /write "\/"/],
        ["http:///cb.example.com/x", "host-required", /must name a host/],
        ["http://cb.example.com:0/x", "port", /port from 1 to 65535/],
        ["http://cb.example.com:65536/x", "port", /port from 1 to 65535/],
        ["http://cb.example.com:8o/x", "port", /digits only/],
        ["http://[fe80::1%25eth0]/", "parse", /valid absolute/],
        ["http://[2001:db8::1/", "parse", /valid absolute/],
    ];
    for (const [url, rule, message] of bad) {
        it(`refuses ${url.length > 60 ? `${url.slice(0, 40)}… (${url.length} chars)` : url}: ${rule}`, () => {
            const problems = callbackUrlProblems(url);
            assert.ok(
                problems.some((p) => p.rule === rule && message.test(p.message)),
                JSON.stringify(problems),
            );
        });
    }

    it("reports every rule a URL breaks at once", () => {
        assert.deepEqual(rules("https://user:pw@-x..example.com:0/x"), ["user-info", "port", "label-empty", "label-hyphen"]);
        assert.deepEqual(rules("http://admin:pw@10.0.0.8\\cb"), ["user-info", "backslash", "unsafe"]);
    });

    it("never quotes a password, nor a host or port that may be a piece of one", () => {
        const secret = "Sup3r-S3cret";
        for (const url of [
            `https://user:${secret}@hooks.example.com/x`,
            `https://${secret}@hooks.example.com/x`,
            `https://user:${secret}@10.0.0.8/x`,
            `https://user:${secret}@bücher.de/x`,
            `https://user:pa/${secret}@hooks.example.com/x`, // a "/" ends the authority: the host reads "user", the port "pa"
            `https://${secret}:x/y@hooks.example.com/x`,
            `https://user:${secret}@-bad..host/x`,
            `https://u:${secret}/x@127.0.0.1:0/`,
        ]) {
            const problems = callbackUrlProblems(url);
            assert.ok(problems.length > 0, url);
            for (const { message } of problems) {
                assert.ok(!message.includes(secret), `${url}: ${message}`);
            }
        }
    });

    it("check names the property and the rule, for both URLs, and refuses https://user:pass@host/", () => {
        const result = checkInputs(RN, {
            domainName: "live.example.com",
            notifyUrl: "https://user:pass@hooks.example.com/x",
            onDemandUrl: "http://a..b.com/",
        });
        const failures = result.failures ?? [];
        assert.deepEqual(
            failures.map((f) => f.property),
            ["notifyUrl", "onDemandUrl"],
        );
        assert.match(failures[0].reason, /^notifyUrl must not carry a user name or password .*notifyAuthKey/);
        assert.ok(!failures[0].reason.includes("pass@"));
        assert.match(failures[1].reason, /^onDemandUrl must not have an empty label/);
    });
});
