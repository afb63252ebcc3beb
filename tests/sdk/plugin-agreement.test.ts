/**
 * The committed SDKs name the plugin the plugin itself describes: what its GetSchema answers (name,
 * version, `pluginDownloadURL`, the Go import path) is what each SDK hands the engine, so that a
 * program's first run downloads exactly this plugin from where it is released.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { startPlugin, type RunningPlugin } from "../../provider/plugin/server";
import { GO_PACKAGE } from "../../provider/plugin/schema";
import { findRepoRoot } from "../../tools/repo-root";

const REPO_ROOT = findRepoRoot(__dirname);
const SDK = path.join(REPO_ROOT, "sdk");

interface PluginJson {
    readonly resource: boolean;
    readonly name: string;
    readonly version: string;
    readonly server?: string;
}

interface Schema {
    readonly name: string;
    readonly version: string;
    readonly pluginDownloadURL: string;
    readonly language: {
        readonly go: { readonly importBasePath: string };
        readonly python: { readonly packageName: string };
        readonly java: { readonly basePackage: string };
    };
}

const read = (...parts: string[]) => fs.readFileSync(path.join(SDK, ...parts), "utf8");

describe("sdk: the generated SDKs name the plugin its GetSchema describes", function () {
    this.timeout(30_000);
    let plugin: RunningPlugin;
    let schema: Schema;

    before(async () => {
        plugin = await startPlugin({ env: {} });
        const client = new ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
        try {
            const response = await new Promise<proto.GetSchemaResponse>((resolve, reject) =>
                client.getSchema(new proto.GetSchemaRequest(), (error, answer) => (error ? reject(error) : resolve(answer))),
            );
            schema = JSON.parse(response.getSchema()) as Schema;
        } finally {
            client.close();
        }
    });

    after(() => plugin?.stop());

    it("GetSchema states a download URL the engine can use", () => {
        assert.match(schema.pluginDownloadURL, /^(github|gitlab|https?):\/\/\S+$/);
    });

    it("Python: pulumi-plugin.json (what the language host reports to the engine) and the resource options' default", () => {
        const pkg = schema.language.python.packageName;
        const pluginJson = JSON.parse(read("python", pkg, "pulumi-plugin.json")) as PluginJson;
        assert.deepEqual(pluginJson, { resource: true, name: schema.name, version: schema.version, server: schema.pluginDownloadURL });
        assert.ok(
            read("python", pkg, "_utilities.py").includes(`def get_plugin_download_url():\n\treturn "${schema.pluginDownloadURL}"`),
            "_utilities.get_plugin_download_url() returns the schema's URL",
        );
        assert.ok(read("python", "setup.py").includes(`VERSION = "${schema.version}"`));
    });

    it("Go: the module is the import path's parent, pulumi-plugin.json and the default resource options name the same plugin", () => {
        const { importBasePath } = schema.language.go;
        assert.equal(path.posix.basename(importBasePath), GO_PACKAGE);
        assert.match(read("go", "go.mod"), new RegExp(`^module ${path.posix.dirname(importBasePath).replace(/\./g, "\\.")}$`, "m"));
        const pluginJson = JSON.parse(read("go", GO_PACKAGE, "pulumi-plugin.json")) as PluginJson;
        assert.deepEqual(pluginJson, { resource: true, name: schema.name, version: schema.version, server: schema.pluginDownloadURL });
        const utilities = read("go", GO_PACKAGE, "internal", "pulumiUtilities.go");
        const defaults = utilities.match(/pulumi\.PluginDownloadURL\("([^"]*)"\)/g) ?? [];
        assert.deepEqual(defaults, [`pulumi.PluginDownloadURL("${schema.pluginDownloadURL}")`, `pulumi.PluginDownloadURL("${schema.pluginDownloadURL}")`]);
        assert.ok(utilities.includes(`semver.MustParse("${schema.version}")`));
    });

    it("Java: plugin.json (what the Java SDK reports to the engine) and the resources' default options name the same plugin", () => {
        const base = path.join("java", "src", "main");
        const javaPackage = schema.language.java.basePackage.replace(/\./g, path.sep);
        const pluginJson = JSON.parse(read(base, "resources", javaPackage, schema.name, "plugin.json")) as PluginJson;
        assert.deepEqual(pluginJson, { resource: true, name: schema.name, version: schema.version, server: schema.pluginDownloadURL });
        // The generator's module package for the schema's `index` module: the package name without its dash.
        const resource = read(base, "java", javaPackage, "alicloudlive", "LiveRecordNotifyConfig.java");
        assert.ok(resource.includes(`.pluginDownloadURL("${schema.pluginDownloadURL}")`), "the resource's default options carry the URL");
    });
});
