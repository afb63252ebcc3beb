import { strict as assert } from "node:assert";
import { parseCliArgs, UsageError, USAGE } from "../../../emulator/cli/cli-args";

describe("emulator/cli/cli-args", () => {
    it("parses every flag, in both --flag value and --flag=value forms", () => {
        const args = parseCliArgs([
            "--port",
            "8080",
            "--host=0.0.0.0",
            "--account",
            "AK1:S1",
            "--account=AK2:S2:1000000000000009",
            "--domain",
            "live.example.com",
            "--domain=b.example.com",
            "--any-domain",
            "--write-qps",
            "10",
            "--read-qps=2.5",
            "--max-clock-skew",
            "0",
            "--state",
            "/tmp/state.json",
            "--retry-after-header",
        ]);
        assert.equal(args.help, false);
        assert.equal(args.customAccounts, true);
        assert.deepEqual(args.options, {
            port: 8080,
            host: "0.0.0.0",
            accounts: [
                { accessKeyId: "AK1", accessKeySecret: "S1" },
                { accessKeyId: "AK2", accessKeySecret: "S2", accountId: "1000000000000009" },
            ],
            domains: ["live.example.com", "b.example.com"],
            anyDomain: true,
            writeQps: 10,
            readQps: 2.5,
            maxClockSkewSeconds: 0,
            stateFile: "/tmp/state.json",
            retryAfterHeader: true,
        });
    });

    it("with no flags leaves everything to the library defaults", () => {
        assert.deepEqual(parseCliArgs([]), { help: false, options: {}, customAccounts: false });
    });

    it("recognises --help and -h", () => {
        assert.equal(parseCliArgs(["--help"]).help, true);
        assert.equal(parseCliArgs(["-h"]).help, true);
        assert.match(USAGE, /--max-clock-skew SECONDS/);
    });

    const rejects: Array<[string[], RegExp]> = [
        [["--bogus"], /unknown flag --bogus/],
        [["stray"], /unexpected argument "stray"/],
        [["--port"], /--port needs a value/],
        [["--port", "--host"], /--port needs a value/],
        [["--port", "abc"], /--port must be an integer from 0 to 65535 \(got "abc"\)/],
        [["--port", "70000"], /--port must be an integer from 0 to 65535/],
        [["--port", "-1"], /--port must be an integer/],
        [["--port", "1", "--port", "2"], /--port may be given only once/],
        [["--write-qps", "0"], /--write-qps must be a positive number \(got "0"\)/],
        [["--read-qps", "x"], /--read-qps must be a positive number/],
        [["--max-clock-skew", "-5"], /--max-clock-skew must be a number >= 0/],
        [["--account", "only-id"], /--account must look like ACCESS_KEY_ID:SECRET/],
        [["--account", "a:b:c:d"], /--account must look like/],
        [["--account", "a::c"], /--account must look like/],
        [["--account", "A:s1", "--account", "A:s2"], /access key id "A" is given twice/],
        [["--domain", "not a domain"], /--domain must be a domain name/],
        [["--any-domain=yes"], /--any-domain takes no value/],
        [["--host="], /--host must not be empty/],
        [["--state="], /--state must name a file/],
    ];
    for (const [argv, message] of rejects) {
        it(`rejects ${argv.join(" ")} naming the flag and the rule`, () => {
            assert.throws(
                () => parseCliArgs(argv),
                (e: unknown) => e instanceof UsageError && message.test(e.message),
            );
        });
    }

    it("never echoes an --account value (it holds a secret)", () => {
        assert.throws(
            () => parseCliArgs(["--account", "ID:TOPSECRET:1:2"]),
            (e: unknown) => {
                assert.ok(e instanceof UsageError, `rejected with a UsageError, not ${String(e)}`);
                assert.match(e.message, /--account/);
                assert.doesNotMatch(e.message, /TOPSECRET/);
                return true;
            },
            "an --account value of four parts was accepted",
        );
    });
});
