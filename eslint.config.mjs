// ESLint flat config: typescript-eslint's type-aware recommended rules over the whole TypeScript tree.
// Formatting is Prettier's job (`npm run lint` runs `prettier --check` after ESLint), so no style rules here.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: ["dist/", "node_modules/", "examples/*/node_modules/", "bench/results/", "tests/lint/fixtures/", ".build/"],
    },
    eslint.configs.recommended,
    tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
    },
    {
        // Plain JavaScript (the bin shim, the mocha reporter, this file): no type information.
        files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" } },
    },
);
