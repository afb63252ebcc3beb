import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { repoRoot } from "../resource/fixtures";

const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;
const HANDLER = path.resolve(__dirname, "../../../provider/dynamic/handler.js");
const SECRETS = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "handler-test-env-secret-9f3k", ALIBABA_CLOUD_SECURITY_TOKEN: "handler-test-env-token-2p7q" };

/** Runs a module's text the way the host's requireFromString does, and returns its `handler()`. */
function load(text: string): Record<string, unknown> {
    const module = { exports: {} as Record<string, () => Record<string, unknown>> };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the serialized handler text, as the engine does
    new Function("exports", "require", "module", text)(module.exports, require, module);
    return module.exports.handler();
}

function assertClean(text: string): void {
    const root = repoRoot();
    for (const forbidden of [root, homedir(), __dirname, ...Object.values(SECRETS)]) {
        assert.ok(!text.includes(forbidden), `serialized provider contains ${JSON.stringify(forbidden)}`);
    }
}

describe("dynamic/handler (the serialized provider)", function () {
    this.timeout(30_000);
    const saved: Record<string, string | undefined> = {};

    before(() => {
        // Secrets in the environment must not be captured. (The shared provider is not configured here:
        // its module state is shared with every other test in this process.)
        for (const [key, value] of Object.entries(SECRETS)) {
            saved[key] = process.env[key];
            process.env[key] = value;
        }
    });

    after(() => {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    });

    it("forwards exactly the provider's methods, loading the provider lazily by package name", () => {
        const handler = require(HANDLER);
        assert.deepEqual(
            Object.keys(handler)
                .filter((k) => k !== "__esModule")
                .sort(),
            [...METHODS].sort(),
        );
        for (const method of METHODS) assert.equal(typeof handler[method], "function", method);
        assert.match(readFileSync(HANDLER, "utf8"), /require\("pulumi-alicloud-live\/dist\/provider\/dynamic\/provider\.js"\)/);
    });

    it("the 0.1.x paths that stacks recorded still load the same handler and provider", () => {
        const dir = path.resolve(__dirname, "../../../provider");

        const [oldHandler, newHandler] = [require(path.join(dir, "resource/handler.js")), require(HANDLER)] as Record<string, unknown>[];
        for (const method of METHODS) assert.equal(oldHandler[method], newHandler[method], method);

        const [oldProvider, newProvider] = [require(path.join(dir, "resource/provider.js")), require(path.join(dir, "dynamic/provider.js"))] as {
            provider: unknown;
        }[];
        assert.equal(oldProvider.provider, newProvider.provider);
    });

    it("serialized from a local path (by value, as in this repository) it is small, path-free and secret-free", async () => {
        const handler = require(HANDLER);
        // The very call pulumi.dynamic.Resource makes.
        const serialized = await pulumi.runtime.serializeFunction(() => handler, { allowSecrets: true });
        assert.equal(serialized.containsSecrets, false);
        assertClean(serialized.text);
        // Seven tiny forwarding functions and their wrappers; no provider code, no SDK.
        assert.ok(serialized.text.length < 3_000, `${serialized.text.length} bytes`);
        assert.ok(!/openapi|credentials|zod|RetryingLiveApi/i.test(serialized.text));
        const revived = load(serialized.text);
        for (const method of METHODS) assert.equal(typeof revived[method], "function", method);
    });

    it("serialized from an installed package it is just a require of this file, under 2 kB", async () => {
        // A program folder outside the repository whose node_modules links to it: --preserve-symlinks makes
        // Node see the module under node_modules, as it is when a program installs the package. (Inside the
        // repository, the package's exports map makes its own name resolve to itself, not to node_modules.)
        const root = repoRoot();
        const program = mkdtempSync(path.join(tmpdir(), "handler-program-"));
        mkdirSync(path.join(program, "node_modules"));
        for (const entry of readdirSync(path.join(root, "node_modules"))) {
            const target = entry === "pulumi-alicloud-live" ? root : path.join(root, "node_modules", entry);
            symlinkSync(target, path.join(program, "node_modules", entry), "dir");
        }
        const specifier = `pulumi-alicloud-live/${path.relative(root, HANDLER).split(path.sep).join("/")}`;
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const handler = require(${JSON.stringify(specifier)});
            pulumi.runtime.serializeFunction(() => handler, { allowSecrets: true })
                .then((s) => process.stdout.write(JSON.stringify({ text: s.text, containsSecrets: s.containsSecrets })));`;
        const stdout = await new Promise<string>((resolve, reject) => {
            execFile(
                process.execPath,
                ["--preserve-symlinks", "-e", script],
                { cwd: program, timeout: 25_000, env: { ...process.env, ...SECRETS } },
                (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
            );
        }).finally(() => rmSync(program, { recursive: true, force: true }));
        const serialized = JSON.parse(stdout) as { text: string; containsSecrets: boolean };
        assert.equal(serialized.containsSecrets, false);
        assert.ok(serialized.text.length < 2_000, `${serialized.text.length} bytes`);
        assert.ok(serialized.text.includes(`require(${JSON.stringify(specifier)})`), serialized.text);
        assert.ok(!serialized.text.includes("load()"), "the handler's code is not inlined");
        assertClean(serialized.text);
    });
});
