/**
 * `npm test` runs `npm run lint` first; this proves the lint can fail: the tree's own ESLint and Prettier configs,
 * through their Node APIs, report the deliberate faults of tests/lint/fixtures/bad.ts.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ESLint } from "eslint";
import * as prettier from "prettier";

// Compiled to dist/tests/lint/, the repository root is three levels up.
const ROOT = path.resolve(__dirname, "../../..");
const BAD = path.join(ROOT, "tests/lint/fixtures/bad.ts");

describe("lint and format checks", function () {
    // Type-aware linting starts a TypeScript program: generous on a loaded machine.
    this.timeout(120_000);

    it("the tree's lint and format check skip the bad fixture", async () => {
        assert.equal(await new ESLint({ cwd: ROOT }).isPathIgnored(BAD), true);
        const info = await prettier.getFileInfo(BAD, { ignorePath: path.join(ROOT, ".prettierignore") });
        assert.equal(info.ignored, true);
    });

    it("ESLint's type-aware rules report the floating promise and the unused variable", async () => {
        const [result] = await new ESLint({ cwd: ROOT, ignore: false }).lintFiles([BAD]);
        const rules = result.messages.map((m) => `${m.ruleId}:${m.line}`);
        assert.equal(result.fatalErrorCount, 0, JSON.stringify(result.messages));
        assert.ok(rules.includes("@typescript-eslint/no-floating-promises:8"), rules.join(", "));
        assert.ok(rules.includes("@typescript-eslint/no-unused-vars:9"), rules.join(", "));
    });

    it("Prettier's check rejects the fixture's formatting and accepts it once formatted", async () => {
        const text = readFileSync(BAD, "utf8");
        const options = { ...(await prettier.resolveConfig(path.join(ROOT, "tests/lint/lint.test.ts"))), filepath: BAD };
        assert.equal(options.printWidth, 150, "the tree's .prettierrc.json was resolved");
        assert.equal(await prettier.check(text, options), false);
        const formatted = await prettier.format(text, options);
        assert.match(formatted, /^ {4}save\(\);$/m);
        assert.match(formatted, /return "x";/);
        assert.equal(await prettier.check(formatted, options), true);
    });
});
