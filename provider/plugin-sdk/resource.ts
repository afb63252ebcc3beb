/**
 * `LiveRecordNotifyConfig` for TypeScript programs that use the provider plugin
 * (`pulumi-resource-alicloud-live`): a `CustomResource` of the plugin's type token, written as
 * Pulumi's generated Node.js SDKs write one. It asks for the plugin of this package's own version, so
 * the engine runs the plugin that ships beside this class, and names where that plugin is released
 * (`pluginDownloadURL`, the schema's), so the engine can download it when no other is found. Program side only: it loads neither the
 * plugin's server nor the API client (tests/provider/plugin-sdk/resource.test.ts checks).
 */
import * as pulumi from "@pulumi/pulumi";
import type { LiveRecordNotifyConfigArgs } from "../dynamic/resource";
import { pluginDistribution } from "../plugin/distribution";
import { RESOURCE_TYPE } from "../plugin/tokens";
import { pluginVersion } from "../plugin/version";
import { PROPERTIES } from "../resource/properties";

export type { LiveRecordNotifyConfigArgs };

/** Inputs the program must give (the schema's `requiredInputs`). */
const REQUIRED_INPUTS = PROPERTIES.filter((p) => p.required).map((p) => p.name);
/** The configuration the service holds: every one is an output (the schema's `properties`). */
const OUTPUT_KEYS = PROPERTIES.filter((p) => p.output).map((p) => p.name);
/** Stored and shown only as secrets (the schema's `"secret": true`). */
const SECRET_KEYS = PROPERTIES.filter((p) => p.secret).map((p) => p.name);

export class LiveRecordNotifyConfig extends pulumi.CustomResource {
    /** The type token the engine matches to the plugin. */
    static readonly __pulumiType = RESOURCE_TYPE;

    /** The streaming domain; also the resource id. */
    declare readonly domainName: pulumi.Output<string>;
    declare readonly notifyUrl: pulumi.Output<string>;
    declare readonly onDemandUrl: pulumi.Output<string | undefined>;
    declare readonly needStatusNotify: pulumi.Output<boolean>;
    declare readonly notifyReqAuth: pulumi.Output<boolean>;
    /** A secret. */
    declare readonly notifyAuthKey: pulumi.Output<string | undefined>;

    /**
     * An existing configuration, by its domain: read into the stack's state, never created, changed or
     * deleted by it.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): LiveRecordNotifyConfig {
        return new LiveRecordNotifyConfig(name, undefined, { ...opts, id });
    }

    /** Whether `obj` is one of these, also when it was made by another copy of this package. */
    static override isInstance(obj: unknown): obj is LiveRecordNotifyConfig {
        return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === RESOURCE_TYPE;
    }

    constructor(name: string, args: LiveRecordNotifyConfigArgs, opts?: pulumi.CustomResourceOptions);
    /** `args` is left out only by `get`. */
    constructor(name: string, args: LiveRecordNotifyConfigArgs | undefined, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, args: LiveRecordNotifyConfigArgs | undefined, opts: pulumi.CustomResourceOptions = {}) {
        // Every output is a key (undefined until the plugin answers), so that its Output exists.
        const props: Record<string, unknown> = Object.fromEntries(OUTPUT_KEYS.map((key) => [key, undefined]));
        if (opts.id === undefined) {
            checkArgs(name, args);
            for (const spec of PROPERTIES) {
                const value = args[spec.name];
                props[spec.name] = value !== undefined && spec.secret ? pulumi.secret(value) : value;
            }
        }
        // The package's version picks the plugin (the engine's default provider for it is keyed by
        // it, and by the download URL); the program's own options win, as in generated SDKs.
        const defaults = { version: pluginVersion(), pluginDownloadURL: pluginDistribution().pluginDownloadURL };
        const options = pulumi.mergeOptions({ ...defaults, additionalSecretOutputs: [...SECRET_KEYS] }, opts);
        super(RESOURCE_TYPE, name, props, options);
    }
}

/** Refuses what can never work before anything is registered, naming the resource and the inputs. */
function checkArgs(name: string, args: LiveRecordNotifyConfigArgs | undefined): asserts args is LiveRecordNotifyConfigArgs {
    if (typeof args !== "object" || args === null) {
        throw new TypeError(`LiveRecordNotifyConfig ${name}: args must be an object with at least ${REQUIRED_INPUTS.join(" and ")}`);
    }
    const missing = REQUIRED_INPUTS.filter((key) => args[key] === undefined);
    if (missing.length > 0) {
        throw new Error(`LiveRecordNotifyConfig ${name}: missing required input ${missing.map((key) => `'${key}'`).join(", ")}`);
    }
}
