/**
 * The object Pulumi serializes into a dynamic resource's `__provider`, for a resource of `type`: one
 * forwarding function per method, each loading the dynamic provider by package name when called, inside
 * the provider host, and taking that type's provider from it. A resource's `handler.ts` module exports
 * one (`export = dynamicHandle("…")`): Pulumi serializes a module's exports as a `require` of it, so the
 * stored text is tiny, the same on every machine, and refresh and destroy run the installed code.
 *
 * It captures nothing but the type's name: no config, no credentials, no absolute paths, no SDK objects.
 * (`LiveRecordNotifyConfig`'s is `../dynamic/handler.ts`, at the path stacks have recorded since 0.1.)
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

type Provider = Required<dynamic.ResourceProvider>;

/** The module every handle loads: the dynamic provider, by package name (see ../dynamic/provider.ts). */
const PROVIDER_MODULE = "pulumi-alicloud-live/dist/provider/dynamic/provider.js";

export function dynamicHandle(type: string): Provider {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the serialized handle must require the installed package by name at run time
    const load = (): Provider => (require(PROVIDER_MODULE) as { providerFor(type: string): Provider }).providerFor(type);
    return {
        configure: (...args) => load().configure(...args),
        check: (...args) => load().check(...args),
        diff: (...args) => load().diff(...args),
        create: (...args) => load().create(...args),
        read: (...args) => load().read(...args),
        update: (...args) => load().update(...args),
        delete: (...args) => load().delete(...args),
    };
}
