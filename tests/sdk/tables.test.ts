/**
 * The package schema, the check rules, the SDKs' fields, the TypeScript plugin class and the docs' property
 * tables all come from each resource's one table (provider/resources/<resource>/definition.ts): change a
 * property's rule in a copy of a table and every one of them follows. The SDK half runs the real generator
 * (tools/sdkgen, cached) on the schema of the changed copy, and reads the committed SDKs against the real
 * tables.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginDistribution } from "../../provider/plugin/distribution";
import { packageSchema } from "../../provider/plugin/schema";
import { resourceType } from "../../provider/plugin/tokens";
import { pluginResourceClass } from "../../provider/plugin-sdk/resource-class";
import { checkInputs } from "../../provider/resource/check";
import type { PropertySpec, ResourceDefinition } from "../../provider/resource/definition";
import { renderPropertiesTable } from "../../provider/resource/docs-tables";
import { RESOURCES } from "../../provider/resources";
import { LIVE_SNAPSHOT_NOTIFY_CONFIG } from "../../provider/resources/live-snapshot-notify-config/definition";
import { runCommand } from "../../tools/child-process";
import { obtainGenerator, REPO_ROOT } from "../../tools/sdkgen/generate";
import { GENERATORS, PULUMI_GO_SDK } from "../../tools/sdkgen/plan";

/** The snapshot table with two rules changed: the key always required, the URL at most 100 characters. */
const CHANGED: ResourceDefinition = {
    ...LIVE_SNAPSHOT_NOTIFY_CONFIG,
    properties: LIVE_SNAPSHOT_NOTIFY_CONFIG.properties.map((spec): PropertySpec => {
        if (spec.name === "notifyAuthKey") return { ...spec, required: true };
        if (spec.name === "notifyUrl") return { ...spec, maxLength: 100 };
        return spec;
    }),
};
const TOKEN = resourceType(CHANGED.type);
const URL_150 = `https://hooks.example.com/${"x".repeat(150 - "https://hooks.example.com/".length)}`;
const ARGS = { domainName: "live.example.com", notifyUrl: "https://hooks.example.com/snap" };

interface SchemaResource {
    readonly requiredInputs: readonly string[];
    readonly required: readonly string[];
    readonly inputProperties: Readonly<Record<string, { readonly description: string }>>;
}
const schemaOf = (resources: readonly ResourceDefinition[]) =>
    (packageSchema("0.0.0", pluginDistribution(), resources) as { resources: Record<string, SchemaResource> }).resources[TOKEN];

/** `snake_case` of a property name, as the Python SDK spells it. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The Python SDK's `<Type>Args.__init__`: its arguments, and those without a default (the required ones). */
function pythonArgs(source: string, type: string): { all: string[]; required: string[] } {
    const match = new RegExp(`class ${type}Args:\\n    def __init__\\(__self__, \\*,\\n([\\s\\S]*?)\\):`).exec(source);
    assert.ok(match, `${type}Args.__init__ in the Python SDK`);
    const params = match[1].split(",\n").map((line) => line.trim());
    const name = (param: string) => param.split(":")[0];
    return { all: params.map(name).sort(), required: params.filter((p) => !p.endsWith("= None")).map(name).sort() };
}

/** The row of `property` in a rendered properties table. */
const rowOf = (table: string, property: string) => table.split("\n").find((line) => line.startsWith(`| \`${property}\` |`)) ?? "";

describe("sdk: the schema, the rules, the SDKs, the classes and the docs' tables come from one table per resource", function () {
    // A cold generator build compiles Pulumi's pkg/v3 (minutes); warm, the generator runs in seconds.
    this.timeout(40 * 60_000);

    it("the schema follows a changed rule: the key becomes a required input and output", () => {
        assert.ok(!schemaOf([LIVE_SNAPSHOT_NOTIFY_CONFIG]).requiredInputs.includes("notifyAuthKey"));
        assert.ok(schemaOf([CHANGED]).requiredInputs.includes("notifyAuthKey"));
        assert.ok(schemaOf([CHANGED]).required.includes("notifyAuthKey"));
    });

    it("check follows: the key's absence and a 150-character URL are refused, naming the property and the rule", () => {
        assert.deepEqual(checkInputs(LIVE_SNAPSHOT_NOTIFY_CONFIG, { ...ARGS, notifyUrl: URL_150 }).failures ?? [], []);
        const failures = checkInputs(CHANGED, { ...ARGS, notifyUrl: URL_150 }).failures ?? [];
        assert.deepEqual(
            failures.map((f) => [f.property, f.reason]),
            [
                ["notifyUrl", "notifyUrl must be at most 100 characters"],
                ["notifyAuthKey", "notifyAuthKey is required"],
            ],
        );
    });

    it("the docs' property table follows", () => {
        const table = renderPropertiesTable(CHANGED);
        assert.match(rowOf(table, "notifyAuthKey"), /^\| `notifyAuthKey` \| string \| yes \|/);
        assert.match(rowOf(table, "notifyUrl"), /at most 100 characters/);
        assert.match(rowOf(renderPropertiesTable(LIVE_SNAPSHOT_NOTIFY_CONFIG), "notifyAuthKey"), /^\| `notifyAuthKey` \| string \| no \|/);
    });

    it("the TypeScript plugin class follows: it refuses the missing key before anything is registered", () => {
        const Changed = pluginResourceClass(CHANGED);
        assert.throws(() => new Changed("x", ARGS as never), /LiveSnapshotNotifyConfig x: missing required input 'notifyAuthKey'/);
    });

    it("the SDK generated from the changed table requires the key; the committed SDKs have every table's properties", async () => {
        const generator = await obtainGenerator(GENERATORS[0], { log: (line: string) => console.error(`    ${line}`) });
        const work = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-tables-"));
        try {
            const schemaFile = path.join(work, "schema.json");
            fs.writeFileSync(schemaFile, JSON.stringify(packageSchema("0.0.0", pluginDistribution(), [CHANGED])));
            const out = path.join(work, "out");
            const generated = await runCommand(
                generator,
                ["-schema", schemaFile, "-out", out, "-languages", "python", "-pulumi-sdk", PULUMI_GO_SDK],
                { cwd: work, env: process.env, timeoutMs: 5 * 60_000 },
            );
            assert.equal(generated.code, 0, generated.stderr);
            const changed = pythonArgs(fs.readFileSync(path.join(out, "python", "pulumi_alicloud_live", "live_snapshot_notify_config.py"), "utf8"), CHANGED.type);
            assert.deepEqual(changed.required, ["domain_name", "notify_auth_key", "notify_url"]);
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
        for (const definition of RESOURCES) {
            const file = `${snake(definition.type[0].toLowerCase() + definition.type.slice(1))}.py`;
            const committed = pythonArgs(fs.readFileSync(path.join(REPO_ROOT, "sdk", "python", "pulumi_alicloud_live", file), "utf8"), definition.type);
            assert.deepEqual(committed.all, definition.properties.map((p) => snake(p.name)).sort(), `${definition.type}: the Python SDK's arguments`);
            assert.deepEqual(
                committed.required,
                definition.properties
                    .filter((p) => p.required)
                    .map((p) => snake(p.name))
                    .sort(),
                `${definition.type}: its required arguments`,
            );
            const go = fs.readFileSync(path.join(REPO_ROOT, "sdk", "go", "alicloudlive", `${definition.type[0].toLowerCase()}${definition.type.slice(1)}.go`), "utf8");
            for (const spec of definition.properties) {
                const field = spec.name[0].toUpperCase() + spec.name.slice(1);
                assert.match(go, new RegExp(`\\n\\t${field} +\\S+ +\`pulumi:"${spec.name}"\``), `${definition.type}: the Go SDK's ${field}`);
            }
        }
    });
});
