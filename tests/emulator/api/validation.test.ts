import { strict as assert } from "node:assert";
import { checkCallbackUrl, domainOwnership, isValidAuthKey, isValidDomainName, parseBoolean } from "../../../emulator/api/validation";

describe("emulator/api/validation", () => {
    it("reads booleans as true/false or yes/no in any case; absent or empty means unset", () => {
        for (const raw of ["true", "TRUE", "yes", "Yes"]) assert.equal(parseBoolean(raw), true, raw);
        for (const raw of ["false", "False", "no", "NO"]) assert.equal(parseBoolean(raw), false, raw);
        assert.equal(parseBoolean(undefined), undefined);
        assert.equal(parseBoolean(""), undefined);
        for (const raw of ["1", "0", "on", "maybe", " true"]) assert.equal(parseBoolean(raw), null, raw);
    });

    it("accepts auth keys of 16 to 32 letters and digits only", () => {
        assert.equal(isValidAuthKey("a".repeat(16)), true);
        assert.equal(isValidAuthKey("Ab3".repeat(10) + "xy"), true); // 32
        assert.equal(isValidAuthKey("testkeyyourkey12"), true); // the API page's example
        assert.equal(isValidAuthKey("a".repeat(15)), false);
        assert.equal(isValidAuthKey("a".repeat(33)), false);
        assert.equal(isValidAuthKey("abcdefgh-abcdefgh"), false);
        assert.equal(isValidAuthKey("abcdefgh abcdefgh"), false);
        assert.equal(isValidAuthKey("abcdefghabcdefgé"), false);
    });

    it("classifies callback URLs as ok, malformed or unsafe", () => {
        assert.equal(checkCallbackUrl("http://learn.aliyundoc.com/examplecallback.action"), "ok");
        assert.equal(checkCallbackUrl("HTTPS://cb.example.com:8443/x?y=(1)"), "ok");
        for (const bad of [
            "ftp://x.com/",
            "x.com/cb",
            "http:x.com",
            "http:/x.com",
            "http://",
            "https://?q",
            " http://x.com/",
            "http://x .com/",
            "http://x.com/\n",
            "javascript:alert(1)",
            "",
        ]) {
            assert.equal(checkCallbackUrl(bad), "malformed", JSON.stringify(bad));
        }
        for (const bad of ["http://127.0.0.1/", "https://localhost:8443/", "http://[::1]/", "http://user@192.168.0.1/"]) {
            assert.equal(checkCallbackUrl(bad), "unsafe", bad);
        }
    });

    it("accepts DNS names of two or more labels", () => {
        for (const ok of ["example.com", "live.example.com", "a-b.example.co", "x1.y2.z3.cn", "EXAMPLE.com"])
            assert.equal(isValidDomainName(ok), true, ok);
        for (const bad of [
            "example",
            "-a.com",
            "a-.com",
            "a..com",
            "a.com.",
            "a b.com",
            "a_b.com",
            "1.2.3.4",
            `${"a".repeat(64)}.com`,
            `${"a.".repeat(127)}com`,
        ]) {
            assert.equal(isValidDomainName(bad), false, bad);
        }
    });

    it("owns listed domains case-insensitively, or every domain when anyDomain", () => {
        const owns = domainOwnership(["Live.Example.com"], false);
        assert.equal(owns("live.example.COM"), true);
        assert.equal(owns("other.example.com"), false);
        assert.equal(domainOwnership([], true)("anything.example.org"), true);
        assert.equal(domainOwnership([], false)("anything.example.org"), false);
    });
});
