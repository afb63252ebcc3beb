/**
 * The dynamic-provider class of a resource, made from its definition: a `pulumi.dynamic.Resource` of
 * type `pulumi-nodejs:dynamic/alicloud-live:<type>` whose inputs are the table's properties (the secret
 * one wrapped as a secret) and whose outputs are the configuration's. `handler` is the object Pulumi
 * serializes into `__provider`: a module's exports (see dynamic/handler.ts), so that it serializes as a
 * `require` of the installed package.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResourceDefinition } from "../resource/definition";
import { secretOutputs } from "../resource/definition";
import type { ArgsOf, OutputsOf } from "./resource-types";

/** The module that names the resources' URN types: `pulumi-nodejs:dynamic/alicloud-live:<type>`. */
export const DYNAMIC_MODULE = "alicloud-live";

export type DynamicResourceClass<D extends ResourceDefinition> = new (
    name: string,
    args: ArgsOf<D>,
    opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputsOf<D>;

export function dynamicResourceClass<D extends ResourceDefinition>(definition: D, handler: pulumi.dynamic.ResourceProvider): DynamicResourceClass<D> {
    const required = definition.properties.filter((p) => p.required).map((p) => p.name);
    const secrets = secretOutputs(definition);
    return class extends pulumi.dynamic.Resource {
        constructor(name: string, args: ArgsOf<D>, opts?: pulumi.CustomResourceOptions) {
            if (typeof args !== "object" || args === null) {
                throw new TypeError(`${definition.type} ${name}: args must be an object with at least ${required.join(" and ")}`);
            }
            // A fresh object: the base class adds `__provider` to the props it is given. Every property is a
            // key (undefined when not set) so that its Output exists.
            const given = args as Readonly<Record<string, unknown>>;
            const props: Record<string, unknown> = {};
            for (const spec of definition.properties) {
                const value = given[spec.name];
                props[spec.name] = spec.secret && value !== undefined ? pulumi.secret(value) : value;
            }
            // The key input is secret, so the engine keeps the same-named output secret too; the option says
            // so explicitly for outputs a refresh brings in.
            const options = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secrets] });
            super(handler, name, props, options, DYNAMIC_MODULE, definition.type);
        }
    } as unknown as DynamicResourceClass<D>;
}
