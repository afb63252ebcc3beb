import { strict as assert } from "node:assert";
import { isUnsafeHost, unsafeHostKind } from "../../../provider/resource/url-safety";

describe("resource/url-safety", () => {
    const cases: ReadonlyArray<readonly [string, string | undefined]> = [
        ["127.0.0.1", "loopback"],
        ["127.255.0.9", "loopback"],
        ["[::1]", "loopback"],
        ["::1", "loopback"],
        ["10.1.2.3", "private"],
        ["172.16.0.1", "private"],
        ["172.31.255.255", "private"],
        ["192.168.10.1", "private"],
        ["[fd12:3456::1]", "private"],
        ["[fc00::1]", "private"],
        ["169.254.1.1", "link-local"],
        ["[fe80::1]", "link-local"],
        ["[febf::1]", "link-local"],
        ["0.0.0.0", "unspecified"],
        ["[::]", "unspecified"],
        ["localhost", "localhost name"],
        ["LOCALHOST.", "localhost name"],
        ["api.localhost", "localhost name"],
        ["100.100.100.200", "metadata"],
        ["169.254.169.254", "metadata"],
        ["[::ffff:127.0.0.1]", "loopback"],
        ["[::ffff:7f00:1]", "loopback"],
        ["[::ffff:a9fe:a9fe]", "metadata"],
        ["[::ffff:c0a8:101]", "private"],
        // Acceptable: public addresses and names, and the neighbours of every unsafe range.
        ["8.8.8.8", undefined],
        ["172.15.255.255", undefined],
        ["172.32.0.1", undefined],
        ["192.169.0.1", undefined],
        ["169.253.1.1", undefined],
        ["100.100.100.201", undefined],
        ["11.0.0.1", undefined],
        ["[2001:db8::1]", undefined],
        ["[fec0::1]", undefined],
        ["[::ffff:8.8.8.8]", undefined],
        ["callbacks.example.com", undefined],
        ["localhost.example.com", undefined],
        ["mylocalhost", undefined],
    ];
    for (const [host, kind] of cases) {
        it(`${host} -> ${kind ?? "safe"}`, () => {
            assert.equal(unsafeHostKind(host), kind);
            assert.equal(isUnsafeHost(host), kind !== undefined);
        });
    }

    it("judges the hostname WHATWG URL parsing yields for odd IPv4 spellings", () => {
        // URL normalizes hex, octal and single-number IPv4 forms, so callers pass url.hostname.
        for (const spelled of ["http://0x7f.0.0.1/", "http://2130706433/", "http://0177.0.0.1/"]) {
            assert.equal(unsafeHostKind(new URL(spelled).hostname), "loopback", spelled);
        }
    });

    it("does not resolve names (no DNS): an unknown name is acceptable", () => {
        assert.equal(unsafeHostKind("internal.corp.invalid"), undefined);
    });
});
