/**
 * A resource's TypeScript types, derived from its property table at the type level (a table declared
 * `as const`): the args a program passes and the outputs a resource has. Both TypeScript classes of a
 * resource, the dynamic provider's and the plugin's, use these, so neither restates a property.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PropertySpec, ResourceDefinition } from "../resource/definition";

type PropertyOf<D extends ResourceDefinition> = D["properties"][number];

/** An object of properties: the required ones, and the others as optional. */
type ObjectOf<Ps extends readonly PropertySpec[]> = {
    readonly [P in Ps[number] as P extends { readonly required: true } ? P["name"] : never]: ValueOf<P>;
} & {
    readonly [P in Ps[number] as P extends { readonly required: true } ? never : P["name"]]?: ValueOf<P>;
};

/** The TypeScript type of a property's value. */
type ValueOf<P> = P extends { readonly type: "string" }
    ? string
    : P extends { readonly type: "boolean" }
      ? boolean
      : P extends { readonly type: "integer" }
        ? number
        : P extends { readonly type: "list"; readonly items: infer I }
          ? readonly ValueOf<I>[]
          : P extends { readonly type: "object"; readonly properties: infer Ps extends readonly PropertySpec[] }
            ? ObjectOf<Ps>
            : never;

/** What a program passes: the required properties, and the others as optional. */
export type ArgsOf<D extends ResourceDefinition> = {
    readonly [P in PropertyOf<D> as P extends { readonly required: true } ? P["name"] : never]: pulumi.Input<ValueOf<P>>;
} & {
    readonly [P in PropertyOf<D> as P extends { readonly required: true } ? never : P["name"]]?: pulumi.Input<ValueOf<P>>;
};

/** The outputs: every configuration property, always set when required or defaulted. */
export type OutputsOf<D extends ResourceDefinition> = {
    readonly [P in PropertyOf<D> as P extends { readonly output: true } ? P["name"] : never]: pulumi.Output<
        P extends { readonly required: true } | { readonly defaultValue: unknown } ? ValueOf<P> : ValueOf<P> | undefined
    >;
};
