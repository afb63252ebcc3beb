import { strict as assert } from "node:assert";
import { isUnsafeHost, parseIpv4, parseIpv6 } from "../../../emulator/api/url-safety";

/** Host as the WHATWG URL parser hands it over. */
const hostOf = (url: string): string => new URL(url).hostname;

describe("emulator/api/url-safety", () => {
    const unsafe = [
        "http://127.0.0.1/cb",
        "http://127.255.1.2/",
        "http://10.0.0.1/",
        "http://10.255.255.255/",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "http://192.168.1.1/",
        "http://169.254.1.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://100.100.100.200/latest/meta-data",
        "http://0.0.0.0/",
        "http://0.1.2.3/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://localhost.localdomain/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fe80::1]/",
        "http://[febf::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.1.2.3]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a00:1]/",
        // Alternative spellings the URL parser normalises to 127.0.0.1.
        "http://2130706433/",
        "http://0x7f.1/",
        "http://127.1/",
    ];
    const safe = [
        "http://8.8.8.8/",
        "http://172.15.255.255/",
        "http://172.32.0.1/",
        "http://192.169.0.1/",
        "http://169.253.0.1/",
        "http://100.100.100.201/",
        "http://11.0.0.1/",
        "http://example.com/cb",
        "http://localhost.example.com/",
        "http://mylocalhost/",
        "http://[2001:db8::1]/",
        "http://[fec0::1]/",
        "http://[::ffff:8.8.8.8]/",
    ];

    for (const url of unsafe) {
        it(`refuses ${url}`, () => assert.equal(isUnsafeHost(hostOf(url)), true));
    }
    for (const url of safe) {
        it(`accepts ${url}`, () => assert.equal(isUnsafeHost(hostOf(url)), false));
    }

    it("parses dotted-quad IPv4 and rejects anything else", () => {
        assert.equal(parseIpv4("1.2.3.4"), 0x01020304);
        for (const bad of ["1.2.3", "1.2.3.4.5", "256.0.0.1", "a.b.c.d", "1..2.3", "01234.1.1.1"]) assert.equal(parseIpv4(bad), undefined, bad);
    });

    it("parses IPv6 with :: compression and a dotted-quad tail", () => {
        assert.deepEqual(parseIpv6("::1"), [0, 0, 0, 0, 0, 0, 0, 1]);
        assert.deepEqual(parseIpv6("fe80::"), [0xfe80, 0, 0, 0, 0, 0, 0, 0]);
        assert.deepEqual(parseIpv6("::ffff:1.2.3.4"), [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
        assert.deepEqual(parseIpv6("1:2:3:4:5:6:7:8"), [1, 2, 3, 4, 5, 6, 7, 8]);
        for (const bad of ["1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "::g"]) assert.equal(parseIpv6(bad), undefined, bad);
    });
});
