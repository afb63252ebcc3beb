import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { LiveRecordNotifyConfig } from "../../../provider/plugin-sdk/resource";
import { pluginDistribution } from "../../../provider/plugin/distribution";
import { packageSchema, RESOURCE_TYPE } from "../../../provider/plugin/schema";
import { pluginVersion } from "../../../provider/plugin/version";
import { KEY } from "../resource/fixtures";

const run = promisify(execFile);
const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");

interface Registration {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    /** The import id: what `get` (and the `import` option) sends. */
    readonly id: string | undefined;
    /** The plugin version the program asked for, as the engine receives it. */
    version?: string;
    /** Where the engine may download that plugin from, as it receives it. */
    pluginDownloadURL?: string;
    additionalSecretOutputs?: string[];
}

/** The Node SDK marks a secret value on the wire with this signature key and value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** The plugin's schema of the resource: what the class must agree with. */
const PACKAGE_SCHEMA = packageSchema(pluginVersion(), pluginDistribution()) as {
    pluginDownloadURL: string;
    resources: Record<string, { properties: Record<string, unknown>; inputProperties: Record<string, unknown>; requiredInputs: string[] }>;
};
const SCHEMA = PACKAGE_SCHEMA.resources[RESOURCE_TYPE];

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

interface WireRequest {
    getName(): string;
    getVersion(): string;
    getPlugindownloadurl(): string;
    getAdditionalsecretoutputsList(): string[];
}

describe("plugin-sdk/resource (LiveRecordNotifyConfig of pulumi-alicloud-live/plugin, under setMocks)", function () {
    this.timeout(30_000);
    const registrations: Registration[] = [];

    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    // The wire's import id is "" when there is none.
                    const id = args.id || undefined;
                    registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id });
                    // The plugin's outputs echo its inputs (or, for `get`, the config it read); here the mock does it.
                    const state = id ? { domainName: id, notifyUrl: "https://read.example.com/cb", notifyAuthKey: KEY } : { ...args.inputs };
                    return { id: id ?? String(args.inputs.domainName), state };
                },
                call: () => ({}),
            },
            "plugin-sdk-test",
            "dev",
            false,
        );
        // The mock monitor hands the mocks no resource options: read them off the wire requests (a new
        // resource is registered, a `get` is read).
        const monitor = pulumi.runtime.getMonitor() as unknown as Record<
            "registerResource" | "readResource",
            (req: WireRequest, cb: unknown) => void
        >;
        for (const method of ["registerResource", "readResource"] as const) {
            const call = monitor[method].bind(monitor);
            monitor[method] = (req, cb) => {
                const name = req.getName();
                void Promise.resolve().then(() => {
                    const seen = registrations.find((r) => r.name === name);
                    if (seen)
                        Object.assign(seen, {
                            version: req.getVersion(),
                            pluginDownloadURL: req.getPlugindownloadurl(),
                            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                        });
                });
                call(req, cb);
            };
        }
    });

    beforeEach(() => registrations.splice(0));

    it("registers the schema's type token with every input, asking for the plugin of this package's version from the schema's download URL", async () => {
        const config = new LiveRecordNotifyConfig("a", {
            domainName: "a.example.com",
            notifyUrl: "https://c.example.com/cb",
            needStatusNotify: true,
            adoptExisting: true,
        });
        assert.equal(await resolved(config.id), "a.example.com");
        assert.equal(registrations.length, 1);
        const { type, name, inputs, version, pluginDownloadURL } = registrations[0];
        assert.equal(type, RESOURCE_TYPE);
        assert.ok(SCHEMA, "the schema has the resource");
        assert.equal(name, "a");
        assert.equal(version, pluginVersion());
        assert.equal(pluginDownloadURL, PACKAGE_SCHEMA.pluginDownloadURL);
        assert.match(pluginDownloadURL ?? "", /^github:\/\/api\.github\.com\//);
        assert.equal(inputs.domainName, "a.example.com");
        assert.equal(inputs.needStatusNotify, true);
        assert.equal(inputs.adoptExisting, true);
        assert.ok(!("__provider" in inputs), "no serialized provider: the plugin is a real provider");
        for (const key of Object.keys(inputs)) assert.ok(key in SCHEMA.inputProperties, `${key} is a schema input`);
    });

    it("the program's own version and pluginDownloadURL options win", async () => {
        const mirror = "https://mirror.example.com/plugins";
        const opts = { version: "9.9.9", pluginDownloadURL: mirror };
        const config = new LiveRecordNotifyConfig("v", { domainName: "v.example.com", notifyUrl: "https://c.example.com/cb" }, opts);
        await resolved(config.id);
        assert.equal(registrations[0].version, "9.9.9");
        assert.equal(registrations[0].pluginDownloadURL, mirror);
    });

    it("has an Output for every output property of the schema, set or not", async () => {
        const config = new LiveRecordNotifyConfig("b", { domainName: "b.example.com", notifyUrl: "https://c.example.com/cb" });
        const outputs = Object.keys(SCHEMA.properties);
        assert.ok(outputs.length >= 6, outputs.join(", "));
        for (const key of outputs) assert.ok(pulumi.Output.isInstance((config as unknown as Record<string, unknown>)[key]), `${key} is an Output`);
        assert.equal(await resolved(config.domainName), "b.example.com");
        assert.equal(await resolved(config.notifyUrl), "https://c.example.com/cb");
        assert.equal(await resolved(config.onDemandUrl), undefined);
    });

    it("sends the key as a secret even when given as a plain string, lists it as a secret output, and its output is secret", async () => {
        const config = new LiveRecordNotifyConfig("c", {
            domainName: "c.example.com",
            notifyUrl: "https://c.example.com/cb",
            notifyReqAuth: true,
            notifyAuthKey: KEY,
        });
        assert.equal(await pulumi.isSecret(config.notifyAuthKey), true);
        assert.equal(await pulumi.isSecret(config.domainName), false);
        assert.equal(await resolved(config.notifyAuthKey), KEY);
        const sent = registrations[0].inputs.notifyAuthKey as Record<string, unknown>;
        assert.equal(sent[SECRET_SIG], SECRET_SIG_VALUE);
        assert.equal(sent.value, KEY);
        assert.deepEqual(registrations[0].additionalSecretOutputs, ["notifyAuthKey"]);
    });

    it("get(name, id) reads by id: no inputs sent, the outputs are the plugin's, the key a secret output", async () => {
        const got = LiveRecordNotifyConfig.get("got", "read.example.com");
        assert.equal(await resolved(got.notifyUrl), "https://read.example.com/cb");
        const [registration] = registrations;
        assert.equal(registration.id, "read.example.com");
        assert.equal(registration.version, pluginVersion());
        assert.equal(registration.pluginDownloadURL, PACKAGE_SCHEMA.pluginDownloadURL);
        // The engine marks it secret in what it returns (the mocks do not apply this option; the CLI suite sees it done).
        assert.deepEqual(registration.additionalSecretOutputs, ["notifyAuthKey"]);
        assert.deepEqual(
            Object.entries(registration.inputs).filter(([, v]) => v !== undefined),
            [],
            "get sends no input values",
        );
    });

    it("isInstance knows its own, and not other resource types", () => {
        const config = new LiveRecordNotifyConfig("i", { domainName: "i.example.com", notifyUrl: "https://c.example.com/cb" });
        assert.equal(LiveRecordNotifyConfig.isInstance(config), true);
        assert.equal(LiveRecordNotifyConfig.isInstance({ __pulumiType: "other:index:Thing" }), false);
        assert.equal(LiveRecordNotifyConfig.isInstance(undefined), false);
    });

    it("bad args fail before any registration, naming the resource and the missing inputs", () => {
        assert.throws(
            () => new LiveRecordNotifyConfig("z", undefined as never),
            (error: Error) =>
                error instanceof TypeError &&
                /LiveRecordNotifyConfig z: args must be an object with at least domainName and notifyUrl/.test(error.message),
        );
        assert.throws(
            () => new LiveRecordNotifyConfig("y", { domainName: "y.example.com" } as never),
            /LiveRecordNotifyConfig y: missing required input 'notifyUrl'/,
        );
        assert.throws(
            () => new LiveRecordNotifyConfig("x", {} as never),
            /LiveRecordNotifyConfig x: missing required input 'domainName', 'notifyUrl'/,
        );
        assert.deepEqual(SCHEMA.requiredInputs, ["domainName", "notifyUrl"]);
        assert.equal(registrations.length, 0);
    });

    it("pulumi-alicloud-live/plugin loads none of the plugin's server, the schema or the API client", async () => {
        // A fresh process: what the entry point loads of this package, resolved as a user's program does.
        const script = [
            `require(require.resolve("pulumi-alicloud-live/plugin", { paths: [process.cwd()] }));`,
            `const root = require("node:path").dirname(require.resolve("pulumi-alicloud-live/package.json", { paths: [process.cwd()] }));`,
            `const ours = Object.keys(require.cache).filter((f) => f.startsWith(root + "/dist/"));`,
            `process.stdout.write(JSON.stringify(ours.map((f) => f.slice(root.length + 1)).sort()));`,
        ].join("\n");
        const { stdout } = await run(process.execPath, ["-e", script], { cwd: BUILD_ROOT, timeout: 20_000 });
        // The classes, the tokens, the version, and the resources' definitions (data: tables and bindings, and their look-ups).
        assert.deepEqual(JSON.parse(stdout), [
            "dist/provider/plugin-sdk/index.js",
            "dist/provider/plugin-sdk/resource-class.js",
            "dist/provider/plugin-sdk/resource.js",
            "dist/provider/plugin/distribution.js",
            "dist/provider/plugin/package-facts.js",
            "dist/provider/plugin/tokens.js",
            "dist/provider/plugin/version.js",
            "dist/provider/resource/definition.js",
            "dist/provider/resource/options.js",
            "dist/provider/resource/shared-properties.js",
            "dist/provider/resources/live-app-record-config/definition.js",
            "dist/provider/resources/live-app-snapshot-config/definition.js",
            "dist/provider/resources/live-record-notify-config/definition.js",
            "dist/provider/resources/live-snapshot-notify-config/definition.js",
            "dist/provider/resources/live-streams-notify-url-config/definition.js",
            "dist/provider/retry/constants.js",
        ]);
    });
});
