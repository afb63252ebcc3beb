import { strict as assert } from "node:assert";
import * as path from "node:path";
import { handWrittenProviderText, STRATEGIES, STRATEGY_NAMES, strategyByKey } from "../../bench/strategies";

describe("bench/strategies", () => {
    it("lists the four strategies a-d; only the shipped provider has no module in bench/providers", () => {
        assert.deepEqual(
            STRATEGIES.map((s) => `${s.letter}:${s.name}`),
            ["a:core-default", "b:terraform-style", "c:full-jitter", "d:this-provider"],
        );
        assert.deepEqual(
            STRATEGIES.filter((s) => !s.module).map((s) => s.name),
            ["this-provider"],
        );
        assert.deepEqual(
            [...STRATEGY_NAMES],
            STRATEGIES.map((s) => s.name),
        );
    });

    it("finds a strategy by letter or name, case-insensitively", () => {
        assert.equal(strategyByKey("C")?.name, "full-jitter");
        assert.equal(strategyByKey(" terraform-style ")?.letter, "b");
        assert.equal(strategyByKey("e"), undefined);
    });

    it("a hand-written provider text is a module whose handler loads the given file's `provider`", () => {
        const file = path.join(__dirname, "..", "..", "bench", "providers", "core-default.js");
        const text = handWrittenProviderText(file);
        const module = { exports: {} as { handler?: () => unknown } };
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the serialized provider text, as the engine does
        new Function("exports", "require", "module", text)(module.exports, require, module);
        const provider = module.exports.handler!() as Record<string, unknown>;
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
            assert.equal(typeof provider[method], "function", method);
        }
    });

    it("each baseline module exports a provider with the resource's methods", () => {
        for (const s of STRATEGIES.filter((x) => x.module)) {
            const loaded = require(path.join(__dirname, "..", "..", "bench", "providers", `${s.module}.js`)) as { provider: Record<string, unknown> };
            assert.equal(typeof loaded.provider.create, "function", s.name);
            assert.equal(typeof loaded.provider.configure, "function", s.name);
        }
    });
});
