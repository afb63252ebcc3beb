import { strict as assert } from "node:assert";
import { DEFAULT_SOAK_OPTIONS, parseSoakArgs } from "../../../tools/soak/args";

describe("tools/soak/args", () => {
    it("defaults, and reads every option in both spellings", () => {
        assert.deepEqual(parseSoakArgs([]), DEFAULT_SOAK_OPTIONS);
        assert.deepEqual(
            parseSoakArgs([
                "--seed",
                "-7",
                "--sequences=200",
                "--steps",
                "8",
                "--resources",
                "5",
                "--concurrency",
                "2",
                "--operation-timeout",
                "2.5",
                "--outage-chance",
                "0",
                "--only",
                "3",
                "--host-per-sequence",
                "--verbose",
            ]),
            {
                seed: -7,
                sequences: 200,
                steps: 8,
                resources: 5,
                concurrency: 2,
                operationTimeoutSeconds: 2.5,
                outageChance: 0,
                only: 3,
                hostPerSequence: true,
                verbose: true,
                emulatorArgs: "",
                emulatorOptions: {},
            },
        );
    });

    it("--emulator-args takes the emulator's semantics flags, parsed by the emulator's own parser", () => {
        const o = parseSoakArgs(["--emulator-args", " --update-omitted keep --bool-wire=yesno --retry-after off --throttle-code 429 "]);
        assert.equal(o.emulatorArgs, "--update-omitted keep --bool-wire=yesno --retry-after off --throttle-code 429");
        assert.deepEqual(o.emulatorOptions, { updateOmitted: "keep", boolWire: "yesno", retryAfterHeader: false, throttleCode: "429" });
        assert.throws(() => parseSoakArgs(["--emulator-args", "--bool-wire maybe"]), /--emulator-args: --bool-wire must be one of bool, yesno/);
        assert.throws(() => parseSoakArgs(["--emulator-args=--port 8080"]), /--emulator-args takes only the semantics flags.*port/);
        assert.throws(() => parseSoakArgs(["--emulator-args"]), /--emulator-args needs a value/);
    });

    it("names the option and the rule when a value is wrong", () => {
        assert.throws(() => parseSoakArgs(["--sequences", "0"]), /--sequences must be an integer from 1 to 100000, not "0"/);
        assert.throws(() => parseSoakArgs(["--steps", "x"]), /--steps must be an integer/);
        assert.throws(() => parseSoakArgs(["--seed", "1.5"]), /--seed must be an integer/);
        assert.throws(() => parseSoakArgs(["--outage-chance", "2"]), /--outage-chance must be a number from 0 to 1/);
        assert.throws(() => parseSoakArgs(["--steps"]), /--steps needs a value/);
        assert.throws(() => parseSoakArgs(["--steps", "--seed", "1"]), /--steps needs a value/);
        assert.throws(() => parseSoakArgs(["--fast"]), /unknown option "--fast"/);
        assert.throws(() => parseSoakArgs(["--sequences", "5", "--only", "6"]), /--only 6 is beyond --sequences 5/);
    });
});
