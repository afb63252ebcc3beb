/**
 * The provider plugin's class of a resource for TypeScript programs, made from its definition: a
 * `CustomResource` of the plugin's type token, written as Pulumi's generated Node.js SDKs write one
 * (`get`, `isInstance`, required inputs refused before anything is registered). It asks for the plugin
 * of this package's own version, so the engine runs the plugin that ships beside this class, and names
 * where that plugin is released (`pluginDownloadURL`, the schema's), so the engine can download it. Program
 * side only: it loads neither the plugin's server nor the API client
 * (tests/provider/plugin-sdk/resource.test.ts checks).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf, OutputsOf } from "../dynamic/resource-types";
import { pluginDistribution } from "../plugin/distribution";
import { resourceType } from "../plugin/tokens";
import { pluginVersion } from "../plugin/version";
import { secretOutputs, type ResourceDefinition } from "../resource/definition";

export type PluginResource<D extends ResourceDefinition> = pulumi.CustomResource & OutputsOf<D>;

export interface PluginResourceClass<D extends ResourceDefinition> {
    new (name: string, args: ArgsOf<D>, opts?: pulumi.CustomResourceOptions): PluginResource<D>;
    /** The type token the engine matches to the plugin. */
    readonly __pulumiType: string;
    /** An existing configuration, by its id: read into the stack's state, never created, changed or deleted by it. */
    get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): PluginResource<D>;
    /** Whether `obj` is one of these, also when it was made by another copy of this package. */
    isInstance(obj: unknown): obj is PluginResource<D>;
}

export function pluginResourceClass<D extends ResourceDefinition>(definition: D): PluginResourceClass<D> {
    const type = resourceType(definition.type);
    /** Inputs the program must give (the schema's `requiredInputs`). */
    const required = definition.properties.filter((p) => p.required).map((p) => p.name);
    /** The configuration the service holds: every one is an output (the schema's `properties`). */
    const outputKeys = definition.properties.filter((p) => p.output).map((p) => p.name);
    /** Stored and shown only as secrets (the schema's `"secret": true`). */
    const secretKeys = secretOutputs(definition);

    /** Refuses what can never work before anything is registered, naming the resource and the inputs. */
    const checkArgs = (name: string, args: unknown): Readonly<Record<string, unknown>> => {
        if (typeof args !== "object" || args === null) {
            throw new TypeError(`${definition.type} ${name}: args must be an object with at least ${required.join(" and ")}`);
        }
        const given = args as Readonly<Record<string, unknown>>;
        const missing = required.filter((key) => given[key] === undefined);
        if (missing.length > 0) {
            throw new Error(`${definition.type} ${name}: missing required input ${missing.map((key) => `'${key}'`).join(", ")}`);
        }
        return given;
    };

    class PluginResourceOf extends pulumi.CustomResource {
        static readonly __pulumiType = type;

        static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): PluginResourceOf {
            return new PluginResourceOf(name, undefined, { ...opts, id });
        }

        static override isInstance(obj: unknown): obj is PluginResourceOf {
            return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === type;
        }

        /** `args` is left out only by `get`. */
        constructor(name: string, args: ArgsOf<D> | undefined, opts: pulumi.CustomResourceOptions = {}) {
            // Every output is a key (undefined until the plugin answers), so that its Output exists.
            const props: Record<string, unknown> = Object.fromEntries(outputKeys.map((key) => [key, undefined]));
            if (opts.id === undefined) {
                const given = checkArgs(name, args);
                for (const spec of definition.properties) {
                    const value = given[spec.name];
                    props[spec.name] = value !== undefined && spec.secret ? pulumi.secret(value) : value;
                }
            }
            // The package's version picks the plugin (the engine's default provider for it is keyed by
            // it, and by the download URL, where the engine fetches it when no other is found); the
            // program's own options win, as in generated SDKs.
            const defaults = { version: pluginVersion(), pluginDownloadURL: pluginDistribution().pluginDownloadURL };
            const options = pulumi.mergeOptions({ ...defaults, additionalSecretOutputs: [...secretKeys] }, opts);
            super(type, name, props, options);
        }
    }
    return PluginResourceOf as unknown as PluginResourceClass<D>;
}
