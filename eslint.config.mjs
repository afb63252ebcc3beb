// ESLint flat config: typescript-eslint's type-aware recommended rules over the whole TypeScript tree.
// Formatting is Prettier's job (`npm run lint` runs `prettier --check` after ESLint), so no style rules here.
// Rules are switched off only where the code is deliberately dynamic, per glob below with the reason.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

const UNSAFE_ANY_RULES = {
    "@typescript-eslint/no-unsafe-argument": "off",
    "@typescript-eslint/no-unsafe-assignment": "off",
    "@typescript-eslint/no-unsafe-call": "off",
    "@typescript-eslint/no-unsafe-member-access": "off",
    "@typescript-eslint/no-unsafe-return": "off",
};

export default tseslint.config(
    {
        ignores: ["dist/", "build/", "node_modules/", "sdk/", "examples/*/node_modules/", "bench/results/", ".build/", "tests/lint/fixtures/"],
    },
    eslint.configs.recommended,
    tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                // The lint test's bad fixture is outside tsconfig.json (so it is never built); it gets a default project.
                projectService: { allowDefaultProject: ["tests/lint/fixtures/*.ts"] },
                tsconfigRootDir: import.meta.dirname,
            },
        },
        rules: {
            // The codebase's convention: a leading underscore marks a binding kept on purpose (a dropped field, an unused parameter).
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
            ],
        },
    },
    {
        // Plain CommonJS JavaScript (the bin shim, the mocha reporter, test fixture programs): no type information, `require` is the module system.
        files: ["**/*.js", "**/*.cjs"],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: {
            sourceType: "commonjs",
            globals: {
                require: "readonly",
                module: "writable",
                exports: "writable",
                process: "readonly",
                console: "readonly",
                __dirname: "readonly",
            },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        files: ["**/*.mjs"],
        extends: [tseslint.configs.disableTypeChecked],
    },
    {
        // Tests, the benchmark and the engine stand-in (tools/host-driver) read JSON bodies, gRPC structs, Pulumi's internal
        // modules and serialized providers, all typed `any` by nature; fakes implement async interfaces without awaiting.
        files: ["tests/**/*.ts", "bench/**/*.ts", "tools/host-driver/**/*.ts"],
        rules: { ...UNSAFE_ANY_RULES, "@typescript-eslint/require-await": "off" },
    },
    {
        // Tests pass methods to assert/sinon as values, and load modules with `require` to get fresh or serialized copies;
        // the engine stand-in loads Pulumi's runtime from the program's own node_modules at run time.
        files: ["tests/**/*.ts", "tools/host-driver/**/*.ts"],
        rules: { "@typescript-eslint/unbound-method": "off", "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // Tests stringify objects on purpose (to prove a secret-bearing value prints masked), interpolate arrays and caught
        // `unknown`s into assertion messages, and type raw wire bodies as `any` in their clients.
        files: ["tests/**/*.ts"],
        rules: {
            "@typescript-eslint/no-base-to-string": "off",
            "@typescript-eslint/restrict-template-expressions": "off",
            "@typescript-eslint/no-explicit-any": "off",
        },
    },
);
