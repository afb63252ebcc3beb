import { strict as assert } from "node:assert";
import { tokenizeFlags, type FlagGrammar } from "../../../emulator/cli/flag-tokens";

describe("emulator/cli/flag-tokens", () => {
    const grammar: FlagGrammar = { switches: new Set(["--json"]), valueFlags: new Set(["--port", "--domain"]), repeatable: new Set(["--domain"]) };
    const fail = (message: string): never => {
        throw new Error(message);
    };
    const tokens = (argv: string[]) => tokenizeFlags(argv, grammar, fail);

    it("takes --flag value, --flag=value, repeats and switches", () => {
        const { values, switches } = tokens(["--port", "1", "--domain=a.example.com", "--json", "--domain", "b.example.com"]);
        assert.deepEqual(
            [...values],
            [
                ["--port", ["1"]],
                ["--domain", ["a.example.com", "b.example.com"]],
            ],
        );
        assert.deepEqual([...switches], ["--json"]);
    });

    it("names the flag and the rule in each refusal", () => {
        for (const [argv, message] of [
            [["--nope"], /unknown flag --nope$/],
            [["stray"], /unexpected argument "stray"$/],
            [["--port"], /--port needs a value$/],
            [["--port", "--json"], /--port needs a value$/],
            [["--json=yes"], /--json takes no value$/],
            [["--port", "1", "--port=2"], /--port may be given only once$/],
        ] as const) {
            assert.throws(() => tokens([...argv]), message, argv.join(" "));
        }
    });
});
