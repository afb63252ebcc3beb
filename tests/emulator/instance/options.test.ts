import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT } from "../../../emulator/api/accounts";
import { preciseNow, resolveOptions, type EmulatorOptions } from "../../../emulator/instance/options";

describe("emulator/instance/options", () => {
    it("fills the documented defaults", () => {
        const o = resolveOptions();
        assert.equal(o.host, "127.0.0.1");
        assert.equal(o.port, 0);
        assert.deepEqual(o.accounts, [DEMO_ACCOUNT]);
        assert.deepEqual(o.domains, []);
        assert.equal(o.anyDomain, true);
        assert.equal(o.writeQps, 30);
        assert.equal(o.readQps, 50);
        assert.equal(o.maxClockSkewSeconds, 900);
        assert.equal(o.stateFile, undefined);
        assert.equal(o.retryAfterHeader, false);
        assert.equal(o.now, preciseNow);
        assert.equal(o.random, Math.random);
    });

    it("keeps time in epoch milliseconds finer than a millisecond, as a quota of thousands of calls/s needs", () => {
        const wall = Date.now();
        const first = preciseNow();
        assert.ok(Math.abs(first - wall) < 1_000, `preciseNow ${first} is the wall clock ${wall}`);
        // Some two consecutive distinct readings less than a millisecond apart, which whole milliseconds could not tell
        // apart. Many pairs, because a loaded machine may stop this loop between any two readings.
        const steps: number[] = [];
        let previous = first;
        while (steps.length < 1_000) {
            const next = preciseNow();
            if (next === previous) continue;
            steps.push(next - previous);
            previous = next;
        }
        assert.ok(
            steps.every((step) => step > 0),
            "the clock never goes back",
        );
        const fine = steps.filter((step) => step < 1).length;
        assert.ok(fine > 0, `none of ${steps.length} steps between consecutive readings was under 1 ms: ${steps.slice(0, 10).join(", ")}...`);
    });

    it("makes anyDomain default to false once domains are listed", () => {
        assert.equal(resolveOptions({ domains: ["live.example.com"] }).anyDomain, false);
        assert.equal(resolveOptions({ domains: ["live.example.com"], anyDomain: true }).anyDomain, true);
    });

    const rejects: Array<[EmulatorOptions, RegExp]> = [
        [{ port: 70000 }, /options.port must be an integer from 0 to 65535 \(got 70000\)/],
        [{ port: 1.5 }, /options.port/],
        [{ host: "" }, /options.host must be a non-empty string/],
        [{ accounts: [] }, /options.accounts must be a non-empty array/],
        [{ accounts: [{ accessKeyId: "", accessKeySecret: "s" }] }, /options.accounts\[0\].accessKeyId must be a non-empty string/],
        [{ accounts: [{ accessKeyId: "a b", accessKeySecret: "s" }] }, /must not contain whitespace/],
        [{ accounts: [{ accessKeyId: "k", accessKeySecret: "" }] }, /accounts\[0\].accessKeySecret/],
        [
            {
                accounts: [
                    { accessKeyId: "k", accessKeySecret: "s" },
                    { accessKeyId: "k", accessKeySecret: "t" },
                ],
            },
            /lists accessKeyId "k" twice/,
        ],
        [{ accounts: [{ accessKeyId: "k", accessKeySecret: "s", expiresAt: 1 }] }, /expiresAt only applies to STS keys/],
        [{ accounts: [{ accessKeyId: "k", accessKeySecret: "s", readOnly: "yes" as unknown as boolean }] }, /readOnly must be a boolean/],
        [{ domains: [""] }, /options.domains must be an array of non-empty strings/],
        [{ writeQps: 0 }, /options.writeQps must be a positive finite number \(got 0\)/],
        [{ readQps: Infinity }, /options.readQps/],
        [{ maxClockSkewSeconds: -1 }, /options.maxClockSkewSeconds must be a finite number >= 0/],
        [{ stateFile: "" }, /options.stateFile/],
        [{ retryAfterHeader: 1 as unknown as boolean }, /options.retryAfterHeader must be a boolean/],
        [{ now: 5 as unknown as () => number }, /options.now must be a function/],
    ];
    for (const [options, message] of rejects) {
        it(`rejects ${JSON.stringify(options)} naming the option and the rule`, () => {
            assert.throws(
                () => resolveOptions(options),
                (e: unknown) => e instanceof TypeError && message.test(e.message) && e.message.startsWith("startEmulator: "),
            );
        });
    }

    it("never puts a secret in a message", () => {
        assert.throws(
            () =>
                resolveOptions({
                    accounts: [
                        { accessKeyId: "k", accessKeySecret: "SUPERSECRET" },
                        { accessKeyId: "k", accessKeySecret: "SUPERSECRET2" },
                    ],
                }),
            (e: unknown) => {
                assert.ok(e instanceof TypeError, `rejected with a TypeError, not ${String(e)}`);
                assert.match(e.message, /lists accessKeyId "k" twice/);
                assert.doesNotMatch(e.message, /SUPERSECRET/);
                return true;
            },
            "two accounts with one access key id were accepted",
        );
    });
});
