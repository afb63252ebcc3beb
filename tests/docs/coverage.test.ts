/**
 * The docs cover what the code defines, and document nothing the code lacks: configuration keys and
 * environment variables (SETTINGS), the emulator's command-line flags (its parsers' own tables) and the
 * npm scripts (package.json). Every list here is read from the code, none is kept by hand.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SWITCHES, VALUE_FLAGS } from "../../emulator/cli/cli-args";
import { RECORD_SWITCHES, RECORD_VALUE_FLAGS } from "../../emulator/cli/record-args";
import { PLUGIN_CONFIG } from "../../provider/plugin/config-keys";
import { SETTINGS } from "../../provider/resource/settings-table";
import { docFiles, readDoc, section } from "../support/markdown";
import { repoRoot } from "../provider/resource/fixtures";

/** Where each flag table is documented: the emulator's page, and the local test loop for `record`. */
const EMULATOR_FLAGS_SECTION = { doc: "docs/emulator.md", heading: "Command-line flags" } as const;
const RECORD_FLAGS_SECTION = { doc: "docs/callbacks.md", heading: "The local test loop" } as const;

/** `--flag` tokens (and `-h`) in a text; `--flag=value` counts as `--flag`. */
function flagTokens(text: string): Set<string> {
    return new Set([...text.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*|-h)(?![\w-])/g)].map((m) => m[1]));
}

/**
 * Namespaced config keys written in a text; the type tokens `.../alicloud-live:LiveRecordNotifyConfig`
 * and `alicloud-live:index:LiveRecordNotifyConfig` are not.
 */
function configKeyTokens(text: string): Set<string> {
    return new Set([...text.matchAll(/(?<![\w/-])alicloud(?:-live)?:[a-z][A-Za-z]*(?![\w:])/g)].map((m) => m[0]));
}

/** The provider plugin's config keys: every setting's, under the plugin's namespace. */
const PLUGIN_KEYS = PLUGIN_CONFIG.map((v) => `alicloud-live:${v.name}`);

/** This package's own environment variables (`ALICLOUD_LIVE_*`) written in a text. */
function envVarTokens(text: string): Set<string> {
    return new Set([...text.matchAll(/(?<![A-Z0-9_])ALICLOUD_LIVE_[A-Z0-9_]+/g)].map((m) => m[0]));
}

/** npm scripts a text tells the reader to run: `npm run [-s] NAME`, or `npm test`. */
function npmScriptTokens(text: string): Set<string> {
    const names = [...text.matchAll(/npm run (?:-s )?([a-z][\w:-]*)/g)].map((m) => m[1]);
    if (/npm test\b/.test(text)) names.push("test");
    return new Set(names);
}

const missing = (wanted: Iterable<string>, present: Set<string>) => [...wanted].filter((w) => !present.has(w)).sort();

describe("docs: coverage of the code's settings, flags and scripts", () => {
    const root = repoRoot();
    const allDocs = docFiles(root)
        .map((f) => readDoc(f, root))
        .join("\n");
    const emulatorFlags = new Set([...VALUE_FLAGS, ...SWITCHES]);
    const recordFlags = new Set([...RECORD_VALUE_FLAGS, ...RECORD_SWITCHES]);
    const emulatorSection = section(readDoc(EMULATOR_FLAGS_SECTION.doc, root), EMULATOR_FLAGS_SECTION.heading);
    const recordSection = section(readDoc(RECORD_FLAGS_SECTION.doc, root), RECORD_FLAGS_SECTION.heading);

    it("reads the tokens it looks for, and nothing else", () => {
        assert.deepEqual([...flagTokens("`--port N`, --state=FILE, -h, a-b --, x--y")], ["--port", "--state", "-h"]);
        assert.deepEqual(
            [
                ...configKeyTokens(
                    "`alicloud-live:writeQps`, alicloud:secretKey, dynamic/alicloud-live:LiveRecordNotifyConfig, alicloud-live:index:X, alicloud:*",
                ),
            ],
            ["alicloud-live:writeQps", "alicloud:secretKey"],
        );
        assert.deepEqual([...envVarTokens("ALICLOUD_LIVE_ENDPOINT, PULUMI_ALICLOUD_LIVE_CLI")], ["ALICLOUD_LIVE_ENDPOINT"]);
        assert.deepEqual([...npmScriptTokens("npm run demo; npm run -s pulumi-cli; npm test")].sort(), ["demo", "pulumi-cli", "test"]);
    });

    it("documents every configuration key and environment variable of SETTINGS", () => {
        const words = new Set(allDocs.match(/[A-Z][A-Z0-9_]+/g));
        assert.deepEqual(
            missing([...SETTINGS.flatMap((s) => s.configKeys), ...PLUGIN_KEYS], configKeyTokens(allDocs)),
            [],
            "config keys the docs never mention",
        );
        assert.deepEqual(
            missing(
                SETTINGS.flatMap((s) => s.envVars),
                words,
            ),
            [],
            "environment variables the docs never mention",
        );
    });

    it("documents no configuration key or ALICLOUD_LIVE_ variable that SETTINGS lacks", () => {
        assert.deepEqual(
            missing(configKeyTokens(allDocs), new Set([...SETTINGS.flatMap((s) => s.configKeys), ...PLUGIN_KEYS])),
            [],
            "config keys documented but not read",
        );
        assert.deepEqual(missing(envVarTokens(allDocs), new Set(SETTINGS.flatMap((s) => s.envVars))), [], "variables documented but not read");
    });

    it(`documents every emulator flag in ${EMULATOR_FLAGS_SECTION.doc} and every record flag in ${RECORD_FLAGS_SECTION.doc}`, () => {
        assert.deepEqual(missing(emulatorFlags, flagTokens(emulatorSection)), [], `emulator flags missing from "${EMULATOR_FLAGS_SECTION.heading}"`);
        assert.deepEqual(missing(recordFlags, flagTokens(recordSection)), [], `record flags missing from "${RECORD_FLAGS_SECTION.heading}"`);
    });

    it("documents no emulator flag that its parsers lack", () => {
        const known = new Set([...emulatorFlags, ...recordFlags]);
        assert.deepEqual(missing(flagTokens(emulatorSection), known), [], "flags documented but not parsed");
        assert.deepEqual(missing(flagTokens(recordSection), known), [], "flags documented but not parsed");
    });

    it("documents every npm script of package.json, and runs none it lacks", () => {
        const scripts = Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>);
        const documented = npmScriptTokens(allDocs);
        assert.deepEqual(missing(scripts, documented), [], "npm scripts the docs never show");
        assert.deepEqual(missing(documented, new Set(scripts)), [], "npm scripts the docs show but package.json lacks");
    });
});
