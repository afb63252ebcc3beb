import { strict as assert } from "node:assert";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import {
    BENCH_PLUGIN_PROGRAM,
    BENCH_PROGRAM,
    CLI_VARIANT_SETUP,
    CLI_VARIANTS,
    installedPlugin,
    PLUGIN_VARIANTS,
    pluginProjectYaml,
} from "../../bench/cli-scenario";
import { RESOURCE_TYPE as DYNAMIC_TYPE } from "../../bench/driver";
import { RESOURCE_TYPE as PLUGIN_TYPE } from "../../provider/plugin/schema";

describe("bench/cli-scenario: the front doors", () => {
    it("runs the dynamic provider, the plugin from npm, then the plugin from its archive, each with its program, type and credential keys", () => {
        assert.deepEqual(CLI_VARIANTS, ["dynamic", "plugin", "archive"]);
        assert.deepEqual(PLUGIN_VARIANTS, ["plugin", "archive"]);
        assert.deepEqual(CLI_VARIANT_SETUP.archive, CLI_VARIANT_SETUP.plugin, "the archive's plugin runs the plugin's program");
        assert.equal(CLI_VARIANT_SETUP.dynamic.program, BENCH_PROGRAM);
        assert.equal(CLI_VARIANT_SETUP.dynamic.resourceType, DYNAMIC_TYPE);
        assert.deepEqual([CLI_VARIANT_SETUP.dynamic.accessKey, CLI_VARIANT_SETUP.dynamic.secretKey], ["alicloud:accessKey", "alicloud:secretKey"]);
        assert.equal(CLI_VARIANT_SETUP.plugin.program, BENCH_PLUGIN_PROGRAM);
        assert.equal(CLI_VARIANT_SETUP.plugin.resourceType, PLUGIN_TYPE);
        assert.deepEqual(
            [CLI_VARIANT_SETUP.plugin.accessKey, CLI_VARIANT_SETUP.plugin.secretKey],
            ["alicloud-live:accessKey", "alicloud-live:secretKey"],
        );
    });

    it("the plugin's program declares the same N configs as the dynamic one, as CustomResources of the plugin's type", () => {
        assert.ok(BENCH_PLUGIN_PROGRAM.includes(`super("${PLUGIN_TYPE}", name, args, opts)`), BENCH_PLUGIN_PROGRAM);
        assert.ok(!BENCH_PLUGIN_PROGRAM.includes('require("pulumi-alicloud-live")'));
        const loop = (program: string) => program.slice(program.indexOf("const count"));
        assert.equal(loop(BENCH_PLUGIN_PROGRAM), loop(BENCH_PROGRAM));
    });

    it("names the installed package's bin/ as the alicloud-live provider plugin in Pulumi.yaml", () => {
        const plugin = installedPlugin("/tmp/program");
        assert.equal(plugin.dir, path.join("/tmp/program", "node_modules", "pulumi-alicloud-live", "bin"));
        assert.equal(plugin.executable, path.join(plugin.dir, "pulumi-resource-alicloud-live"));
        assert.deepEqual(parseYaml(pluginProjectYaml("bench-project", "/tmp/a dir/bin")), {
            name: "bench-project",
            runtime: "nodejs",
            plugins: { providers: [{ name: "alicloud-live", path: "/tmp/a dir/bin" }] },
        });
    });
});
